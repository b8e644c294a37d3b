package io.tracefill.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The two tracefill properties files: the Kubernetes ConfigMap's and compose's. */
class PropertiesFilesTest {
    private static final Deployment D = new Deployment();

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("kubernetes/configmap.yaml", D.kubernetesProperties),
                Arguments.of("compose/tracefill.properties", D.composeProperties));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyKeyIsDocumentedOrAKafkaPassthrough(String source, Properties p) {
        PropertiesChecks.keysAreDocumented(source, p, D.docs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void topicNamesAndFormatsAreTheDocumentedDefaults(String source, Properties p) {
        PropertiesChecks.topicsAreTheDefaults(source, p, D.docs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void leaveProcessingGuaranteeAlone(String source, Properties p) {
        PropertiesChecks.exactlyOnceIsNotOverridden(source, p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void keepStateInAnAbsoluteDirectoryAndServeTheDefaultPort(String source, Properties p) {
        assertThat(p.getProperty("state.dir")).as("%s state.dir", source).startsWith("/");
        assertThat(D.httpPort(p)).as("%s tracefill.http.port", source)
                .isEqualTo(Integer.parseInt(D.docs.defaultOf("tracefill.http.port")));
    }

    @Test
    void documentationHasTheKeysTheseChecksRelyOn() {
        assertThat(D.docs.defaults()).containsKeys("bootstrap.servers", "state.dir", "tracefill.http.port",
                "tracefill.rocksdb.memory.bytes", "tracefill.internal.partitions", "kafka.*", "tracing.max_iteration");
        PropertiesChecks.TOPIC_KEYS.forEach(k -> assertThat(D.docs.defaultOf(k)).as(k).isNotBlank());
        PropertiesChecks.FORMAT_KEYS.forEach(k -> assertThat(D.docs.defaultOf(k)).as(k).isNotBlank());
    }
}
