package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tracefill.deploy.Yaml.at;
import static io.tracefill.deploy.Yaml.list;
import static io.tracefill.deploy.Yaml.stringMap;
import static io.tracefill.deploy.Yaml.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks of the Kubernetes manifests. Each throws an AssertionError that says what disagrees;
 * the tests run them on the files, and on broken copies to show that they catch mistakes.
 */
final class KubernetesChecks {
    /** The least the overhead annotation may claim: JVM metaspace, code cache, threads and GC alone need this. */
    static final long MIN_OVERHEAD_BYTES = 256 * Sizes.MI;
    static final String OVERHEAD_ANNOTATION = "tracefill.io/memory-overhead";
    static final String APPLICATION_SERVER_ENV = DocumentedConfig.envName("kafka.application.server");

    private static final Pattern CONFIG_ARG = Pattern.compile("--config[= ](\\S+)");

    private KubernetesChecks() {
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(text(o, "kind"))).toList();
    }

    static JsonNode single(List<JsonNode> objects, String kind) {
        List<JsonNode> found = ofKind(objects, kind);
        assertThat(found).as("objects of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    static void everyObjectIsNamed(String source, List<JsonNode> objects) {
        assertThat(objects).as("%s: Kubernetes objects", source).isNotEmpty();
        for (JsonNode o : objects) {
            assertThat(text(o, "apiVersion")).as("%s: apiVersion of %s", source, o).isNotBlank();
            assertThat(text(o, "kind")).as("%s: kind of %s", source, o).isNotBlank();
            assertThat(text(o, "metadata.name")).as("%s: metadata.name of a %s", source, text(o, "kind")).isNotBlank();
        }
    }

    static void kustomizationListsEveryManifest(JsonNode kustomization, Collection<String> manifestFiles) {
        List<String> resources = Yaml.strings(kustomization.path("resources"));
        assertThat(resources).as("kustomization.yaml resources").containsExactlyInAnyOrderElementsOf(manifestFiles);
    }

    static JsonNode podSpec(JsonNode sts) {
        return at(sts, "spec.template.spec");
    }

    static JsonNode container(JsonNode sts) {
        List<JsonNode> containers = list(podSpec(sts).path("containers"));
        assertThat(containers).as("containers of StatefulSet %s", text(sts, "metadata.name")).hasSize(1);
        return containers.get(0);
    }

    static Map<String, String> podLabels(JsonNode sts) {
        return stringMap(at(sts, "spec.template.metadata.labels"));
    }

    /** serviceName is a headless Service that also publishes pods that are not ready. */
    static void statefulSetUsesHeadlessService(JsonNode sts, List<JsonNode> services) {
        String serviceName = text(sts, "spec.serviceName");
        assertThat(serviceName).as("StatefulSet spec.serviceName").isNotBlank();
        JsonNode svc = services.stream().filter(s -> serviceName.equals(text(s, "metadata.name"))).findFirst()
                .orElseGet(() -> fail("StatefulSet serviceName '%s' names no Service in the manifests", serviceName));
        assertThat(text(svc, "spec.clusterIP")).as("clusterIP of Service %s (must be headless)", serviceName)
                .isEqualTo("None");
        assertThat(at(svc, "spec.publishNotReadyAddresses").asBoolean(false))
                .as("Service %s publishNotReadyAddresses: instances must reach each other while not ready", serviceName)
                .isTrue();
    }

    /** Every Service and the StatefulSet's own selector select the pod template's labels. */
    static void selectorsMatchThePods(JsonNode sts, List<JsonNode> services) {
        Map<String, String> labels = podLabels(sts);
        Map<String, String> own = stringMap(at(sts, "spec.selector.matchLabels"));
        assertThat(own).as("StatefulSet selector").isNotEmpty();
        assertThat(labels).as("pod template labels vs StatefulSet selector").containsAllEntriesOf(own);
        for (JsonNode s : services) {
            Map<String, String> selector = stringMap(at(s, "spec.selector"));
            assertThat(selector).as("selector of Service %s", text(s, "metadata.name")).isNotEmpty();
            assertThat(labels).as("pod labels vs selector of Service %s", text(s, "metadata.name"))
                    .containsAllEntriesOf(selector);
        }
    }

    static void disruptionBudgetCoversThePods(JsonNode pdb, JsonNode sts) {
        Map<String, String> selector = stringMap(at(pdb, "spec.selector.matchLabels"));
        assertThat(selector).as("PodDisruptionBudget selector").isNotEmpty();
        assertThat(podLabels(sts)).as("pod labels vs PodDisruptionBudget selector").containsAllEntriesOf(selector);
        assertThat(at(pdb, "spec.maxUnavailable").isMissingNode() && at(pdb, "spec.minAvailable").isMissingNode())
                .as("PodDisruptionBudget sets maxUnavailable or minAvailable").isFalse();
    }

    /** The state volume claim is mounted exactly at the properties' state.dir. */
    static void stateVolumeIsMountedAtStateDir(JsonNode sts, Properties properties) {
        String stateDir = properties.getProperty("state.dir");
        assertThat(stateDir).as("state.dir in the ConfigMap's properties (the default is a temp dir)").isNotBlank();
        List<JsonNode> claims = list(at(sts, "spec.volumeClaimTemplates"));
        assertThat(claims).as("volumeClaimTemplates").hasSize(1);
        String claim = text(claims.get(0), "metadata.name");
        List<String> mountPaths = list(container(sts).path("volumeMounts")).stream()
                .filter(m -> claim.equals(text(m, "name"))).map(m -> text(m, "mountPath")).toList();
        assertThat(mountPaths).as("mount paths of volume claim '%s'", claim).containsExactly(stateDir.strip());
        assertThat(Yaml.strings(at(claims.get(0), "spec.accessModes"))).as("access modes of the state claim")
                .containsExactly("ReadWriteOnce");
    }

    /** The --config argument names a file of the ConfigMap, mounted from that ConfigMap. */
    static void configFileIsMountedWhereTheCommandReadsIt(JsonNode sts, JsonNode configMap) {
        JsonNode c = container(sts);
        List<String> command = new ArrayList<>(Yaml.strings(c.path("command")));
        command.addAll(Yaml.strings(c.path("args")));
        String joined = String.join(" ", command);
        assertThat(joined).as("container command").startsWith("tracefill run ");
        Matcher m = CONFIG_ARG.matcher(joined);
        assertThat(m.find()).as("--config in '%s'", joined).isTrue();
        String configPath = m.group(1);

        String configMapName = text(configMap, "metadata.name");
        List<String> volumes = list(podSpec(sts).path("volumes")).stream()
                .filter(v -> configMapName.equals(text(v, "configMap.name"))).map(v -> text(v, "name")).toList();
        assertThat(volumes).as("volumes from ConfigMap %s", configMapName).hasSize(1);
        String mountPath = list(c.path("volumeMounts")).stream().filter(v -> volumes.get(0).equals(text(v, "name")))
                .map(v -> text(v, "mountPath")).findFirst()
                .orElseGet(() -> fail("volume %s is not mounted", volumes.get(0)));
        List<String> files = Yaml.fields(configMap.path("data")).keySet().stream()
                .map(k -> mountPath.replaceAll("/$", "") + "/" + k).toList();
        assertThat(files).as("files the ConfigMap puts at %s", mountPath).contains(configPath);
    }

    /** The properties file inside the ConfigMap (the data entry ending in .properties). */
    static Properties configMapProperties(JsonNode configMap) {
        List<Map.Entry<String, JsonNode>> entries = Yaml.fields(configMap.path("data")).entrySet().stream()
                .filter(e -> e.getKey().endsWith(".properties")).toList();
        assertThat(entries).as("*.properties entries of ConfigMap %s", text(configMap, "metadata.name")).hasSize(1);
        return DeployFiles.properties(entries.get(0).getValue().asText(), "ConfigMap " + entries.get(0).getKey());
    }

    /** A port reference (number or name) that resolves to httpPort on this container. */
    private static void assertPortIs(JsonNode portRef, JsonNode container, int httpPort, String what) {
        assertThat(portRef.isMissingNode()).as("%s: port", what).isFalse();
        if (portRef.isNumber()) {
            assertThat(portRef.asInt()).as("%s: port", what).isEqualTo(httpPort);
            return;
        }
        String name = portRef.asText();
        List<Integer> ports = list(container.path("ports")).stream().filter(p -> name.equals(text(p, "name")))
                .map(p -> at(p, "containerPort").asInt()).toList();
        assertThat(ports).as("%s: container port named '%s'", what, name).containsExactly(httpPort);
    }

    /** Container port, Service ports and probes all use tracefill.http.port. */
    static void portsAgreeWithHttpPort(JsonNode sts, List<JsonNode> services, int httpPort) {
        JsonNode c = container(sts);
        List<Integer> http = list(c.path("ports")).stream().filter(p -> "http".equals(text(p, "name")))
                .map(p -> at(p, "containerPort").asInt()).toList();
        assertThat(http).as("containerPort named http").containsExactly(httpPort);
        for (JsonNode s : services) {
            List<JsonNode> ports = list(at(s, "spec.ports"));
            assertThat(ports).as("ports of Service %s", text(s, "metadata.name")).isNotEmpty();
            for (JsonNode p : ports) {
                String what = "Service " + text(s, "metadata.name") + " port " + text(p, "name");
                assertThat(at(p, "port").asInt()).as(what).isEqualTo(httpPort);
                assertPortIs(p.path("targetPort").isMissingNode() ? p.path("port") : p.path("targetPort"), c, httpPort,
                        what + " targetPort");
            }
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode pr = c.path(probe);
            if (pr.isMissingNode()) {
                continue;
            }
            JsonNode handler = pr.has("httpGet") ? pr.path("httpGet") : pr.path("tcpSocket");
            assertPortIs(handler.path("port"), c, httpPort, probe);
        }
    }

    /** Liveness: the process is up (TCP or HTTP); readiness: GET /health (200 only while RUNNING). */
    static void probesFollowTheHealthContract(JsonNode sts) {
        JsonNode c = container(sts);
        JsonNode liveness = c.path("livenessProbe");
        assertThat(liveness.has("tcpSocket") || liveness.has("httpGet")).as("livenessProbe is a TCP or HTTP probe")
                .isTrue();
        JsonNode readiness = c.path("readinessProbe");
        assertThat(readiness.has("httpGet")).as("readinessProbe is an HTTP GET").isTrue();
        assertThat(text(readiness, "httpGet.path")).as("readinessProbe path").isEqualTo("/health");
    }

    /** TRACEFILL_KAFKA_APPLICATION_SERVER = $(POD_NAME).<headless>.$(NAMESPACE).svc:<http port>, from the downward API. */
    static void applicationServerIsThePodDnsName(JsonNode sts, int httpPort) {
        List<JsonNode> env = list(container(sts).path("env"));
        List<String> names = env.stream().map(e -> text(e, "name")).toList();
        int at = names.indexOf(APPLICATION_SERVER_ENV);
        assertThat(at).as("env %s", APPLICATION_SERVER_ENV).isNotNegative();
        String expected = "$(POD_NAME)." + text(sts, "spec.serviceName") + ".$(NAMESPACE).svc:" + httpPort;
        assertThat(text(env.get(at), "value")).as("env %s", APPLICATION_SERVER_ENV).isEqualTo(expected);
        // $(VAR) expands only from variables defined earlier in the list
        for (Map.Entry<String, String> ref : Map.of("POD_NAME", "metadata.name", "NAMESPACE", "metadata.namespace")
                .entrySet()) {
            int defined = names.indexOf(ref.getKey());
            assertThat(defined).as("env %s defined before %s", ref.getKey(), APPLICATION_SERVER_ENV)
                    .isNotNegative().isLessThan(at);
            assertThat(text(env.get(defined), "valueFrom.fieldRef.fieldPath")).as("env %s fieldRef", ref.getKey())
                    .isEqualTo(ref.getValue());
        }
    }

    static String env(JsonNode container, String name) {
        return list(container.path("env")).stream().filter(e -> name.equals(text(e, "name")))
                .map(e -> text(e, "value")).findFirst().orElse(null);
    }

    /** limit >= -Xmx + RocksDB budget + the overhead the pod annotation states; request = limit. */
    static void memoryLimitCoversHeapRocksDbAndOverhead(JsonNode sts, long rocksDbBytes) {
        JsonNode c = container(sts);
        String options = env(c, "JAVA_TOOL_OPTIONS");
        assertThat(options).as("env JAVA_TOOL_OPTIONS").isNotBlank();
        long heap = Sizes.xmx(options);
        assertThat(heap).as("-Xmx in JAVA_TOOL_OPTIONS '%s'", options).isPositive();
        // (annotation keys contain dots: look the key up, not a dotted path)
        String overheadText = stringMap(at(sts, "spec.template.metadata.annotations")).get(OVERHEAD_ANNOTATION);
        assertThat(overheadText).as("pod annotation %s", OVERHEAD_ANNOTATION).isNotBlank();
        long overhead = Sizes.quantity(overheadText);
        assertThat(overhead).as("stated overhead (%s)", overheadText).isGreaterThanOrEqualTo(MIN_OVERHEAD_BYTES);
        String limitText = text(c, "resources.limits.memory");
        assertThat(limitText).as("memory limit").isNotBlank();
        long limit = Sizes.quantity(limitText);
        assertThat(limit)
                .as("memory limit %s >= heap %s + RocksDB %s + overhead %s", Sizes.mib(limit), Sizes.mib(heap),
                        Sizes.mib(rocksDbBytes), Sizes.mib(overhead))
                .isGreaterThanOrEqualTo(heap + rocksDbBytes + overhead);
        assertThat(text(c, "resources.requests.memory")).as("memory request (= limit)").isEqualTo(limitText);
    }

    /** A Service named "tracefill" would otherwise inject TRACEFILL_* variables into the pods. */
    static void serviceLinksAreOff(JsonNode sts) {
        assertThat(podSpec(sts).path("enableServiceLinks").isBoolean() && !podSpec(sts).path("enableServiceLinks").asBoolean())
                .as("enableServiceLinks: false").isTrue();
    }
}
