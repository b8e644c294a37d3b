package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks can fail: each test breaks a parsed copy of a real file the way a careless edit
 * would, and shows that the check that passes on the real file rejects the copy.
 */
class ChecksCatchMistakesTest {
    private final Deployment d = new Deployment();

    private static ObjectNode copy(JsonNode n) {
        return (ObjectNode) n.deepCopy();
    }

    private static ObjectNode container(ObjectNode sts) {
        return (ObjectNode) KubernetesChecks.container(sts);
    }

    @Test
    void statefulSetPointingAtAnotherServiceIsCaught() {
        ObjectNode sts = copy(d.statefulSet);
        ((ObjectNode) sts.path("spec")).put("serviceName", "tracefill");

        assertThatCode(() -> KubernetesChecks.statefulSetUsesHeadlessService(d.statefulSet, d.services))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> KubernetesChecks.statefulSetUsesHeadlessService(sts, d.services))
                .isInstanceOf(AssertionError.class).hasMessageContaining("headless");
    }

    @Test
    void stateVolumeMountedElsewhereThanStateDirIsCaught() {
        ObjectNode sts = copy(d.statefulSet);
        for (JsonNode m : container(sts).path("volumeMounts")) {
            if (m.path("name").asText().equals("state")) {
                ((ObjectNode) m).put("mountPath", "/data");
            }
        }

        assertThatThrownBy(() -> KubernetesChecks.stateVolumeIsMountedAtStateDir(sts, d.kubernetesProperties))
                .isInstanceOf(AssertionError.class).hasMessageContaining("mount paths");
    }

    @Test
    void containerPortThatIsNotTheHttpPortIsCaught() {
        ObjectNode sts = copy(d.statefulSet);
        ((ObjectNode) container(sts).path("ports").get(0)).put("containerPort", 8080);
        int port = d.httpPort(d.kubernetesProperties);

        assertThatThrownBy(() -> KubernetesChecks.portsAgreeWithHttpPort(sts, d.services, port))
                .isInstanceOf(AssertionError.class).hasMessageContaining("containerPort named http");
    }

    @Test
    void servicePortThatIsNotTheHttpPortIsCaught() {
        List<JsonNode> services = new ArrayList<>();
        for (JsonNode s : d.services) {
            ObjectNode c = copy(s);
            ((ObjectNode) c.path("spec").path("ports").get(0)).put("port", 80);
            services.add(c);
        }

        assertThatThrownBy(() -> KubernetesChecks.portsAgreeWithHttpPort(d.statefulSet, services,
                d.httpPort(d.kubernetesProperties))).isInstanceOf(AssertionError.class);
    }

    @Test
    void memoryLimitTooSmallForHeapPlusRocksDbPlusOverheadIsCaught() {
        ObjectNode sts = copy(d.statefulSet);
        ObjectNode resources = (ObjectNode) container(sts).path("resources");
        ((ObjectNode) resources.path("limits")).put("memory", "1536Mi");
        ((ObjectNode) resources.path("requests")).put("memory", "1536Mi");
        long rocksDb = d.rocksDbBytes(d.kubernetesProperties);

        assertThatCode(() -> KubernetesChecks.memoryLimitCoversHeapRocksDbAndOverhead(d.statefulSet, rocksDb))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> KubernetesChecks.memoryLimitCoversHeapRocksDbAndOverhead(sts, rocksDb))
                .isInstanceOf(AssertionError.class).hasMessageContaining("memory limit");
    }

    @Test
    void applicationServerOnTheWrongServiceIsCaught() {
        ObjectNode sts = copy(d.statefulSet);
        for (JsonNode e : container(sts).path("env")) {
            if (e.path("name").asText().equals(KubernetesChecks.APPLICATION_SERVER_ENV)) {
                ((ObjectNode) e).put("value", "$(POD_NAME).tracefill.$(NAMESPACE).svc:20418");
            }
        }

        assertThatThrownBy(() -> KubernetesChecks.applicationServerIsThePodDnsName(sts, 20418))
                .isInstanceOf(AssertionError.class).hasMessageContaining(KubernetesChecks.APPLICATION_SERVER_ENV);
    }

    @Test
    void collectorPipelineNamingAnUndefinedExporterIsCaught() {
        ObjectNode egress = copy(d.egress);
        ((ArrayNode) egress.path("service").path("pipelines").path("traces").path("exporters")).add("otlp_grpc/zipkin");

        assertThatThrownBy(() -> CollectorChecks.pipelinesReferenceOnlyDefinedComponents("egress copy", egress))
                .isInstanceOf(AssertionError.class).hasMessageContaining("otlp_grpc/zipkin");
    }

    @Test
    void ingestWritingAnotherTopicIsCaught() {
        ObjectNode ingest = copy(d.ingest);
        ((ObjectNode) ingest.path("exporters").path("kafka").path("traces")).put("topic", "otlp_traces");

        assertThatThrownBy(() -> CollectorChecks.ingestWritesTheOtlpTopic(ingest, d.docs))
                .isInstanceOf(AssertionError.class).hasMessageContaining("otlp_traces");
    }

    @Test
    void egressInTheRemovedSingleTopicFormIsCaught() {
        ObjectNode egress = copy(d.egress);
        ObjectNode traces = (ObjectNode) egress.path("receivers").path("kafka").path("traces");
        traces.remove("topics");
        traces.put("topic", "tracefill.traces");

        assertThatThrownBy(() -> CollectorChecks.egressReadsTheOutputTopic(egress, d.docs))
                .isInstanceOf(AssertionError.class).hasMessageContaining("v0.147.0");
    }

    @Test
    void composeDependencyOnAMissingServiceIsCaught() {
        ObjectNode compose = copy(d.compose);
        ObjectNode grafana = (ObjectNode) compose.path("services").path("grafana");
        grafana.putArray("depends_on").add("tempo").add("loki");

        assertThatCode(() -> ComposeChecks.dependsOnNamesExistingServices(d.compose)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ComposeChecks.dependsOnNamesExistingServices(compose))
                .isInstanceOf(AssertionError.class).hasMessageContaining("loki");
    }

    @Test
    void topicCreationMissingTheDeadLetterTopicIsCaught() {
        ObjectNode compose = copy(d.compose);
        ObjectNode creator = (ObjectNode) compose.path("services").path(ComposeChecks.TOPIC_CREATION);
        String script = creator.path("command").get(0).asText();
        creator.putArray("command").add(script.replace("--topic tracefill.dead-letters", "--topic tracefill.dlq"));

        assertThatThrownBy(() -> ComposeChecks.topicCreationCreatesTracefillsTopics(compose, d.docs))
                .isInstanceOf(AssertionError.class).hasMessageContaining("tracefill.dead-letters");
    }

    @Test
    void singleNodeKafkaWithoutTransactionSettingsIsCaught() {
        ObjectNode compose = copy(d.compose);
        ((ObjectNode) compose.path("services").path("kafka").path("environment"))
                .remove("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR");

        assertThatThrownBy(() -> ComposeChecks.kafkaHasTheSingleNodeTransactionSettings(compose, ComposeChecks.SINGLE_NODE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR");
    }

    @Test
    void undocumentedPropertyKeyIsCaught() {
        Properties p = new Properties();
        p.putAll(d.composeProperties);
        p.setProperty("tracefill.topic.outptu", "tracefill.traces");

        assertThatThrownBy(() -> PropertiesChecks.keysAreDocumented("copy", p, d.docs))
                .isInstanceOf(AssertionError.class).hasMessageContaining("tracefill.topic.outptu");
    }

    @Test
    void aDefaultChangedInTheDocumentationBreaksTheFilesThatSpellTheOldOne() {
        String changed = DeployFiles.read(DeployFiles.CONFIGURATION_MD)
                .replace("| `tracefill.topic.output` | `tracefill.traces` |", "| `tracefill.topic.output` | `tracefill.completed` |");
        assertThat(changed).as("the docs row this test edits").contains("`tracefill.completed`");
        DocumentedConfig docs = DocumentedConfig.of(changed, DeployFiles.read(DeployFiles.README_MD));

        assertThatThrownBy(() -> PropertiesChecks.topicsAreTheDefaults("compose", d.composeProperties, docs))
                .isInstanceOf(AssertionError.class).hasMessageContaining("tracefill.completed");
        assertThatThrownBy(() -> CollectorChecks.egressReadsTheOutputTopic(d.egress, docs))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ComposeChecks.topicCreationCreatesTracefillsTopics(d.compose, docs))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aPropertySetTwiceIsCaught() {
        assertThatThrownBy(() -> DeployFiles.properties("state.dir=/a\nstate.dir=/b\n", "inline"))
                .hasMessageContaining("set twice");
    }
}
