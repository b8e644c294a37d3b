package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tracefill.deploy.Yaml.fields;
import static io.tracefill.deploy.Yaml.strings;
import static io.tracefill.deploy.Yaml.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks of deploy/compose/compose.yaml. */
final class ComposeChecks {
    static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    static final String TOPIC_CREATION = "create-topics";
    private static final Pattern TOPIC_ARG = Pattern.compile("--topic[= ]+([^\\s\"';]+)");

    private ComposeChecks() {
    }

    static Map<String, JsonNode> services(JsonNode compose) {
        Map<String, JsonNode> s = fields(compose.path("services"));
        assertThat(s).as("compose services").isNotEmpty();
        return s;
    }

    static JsonNode service(JsonNode compose, String name) {
        JsonNode s = compose.path("services").path(name);
        assertThat(s.isObject()).as("compose service %s", name).isTrue();
        return s;
    }

    /** depends_on as name → condition, from either the list or the map form. */
    static Map<String, String> dependsOn(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode d = service.path("depends_on");
        if (d.isArray()) {
            d.forEach(n -> out.put(n.asText(), "service_started"));
        } else {
            fields(d).forEach((k, v) -> out.put(k, v.path("condition").asText("service_started")));
        }
        return out;
    }

    /** Every depends_on names a service of the file, with a valid condition that the target can meet. */
    static void dependsOnNamesExistingServices(JsonNode compose) {
        Map<String, JsonNode> services = services(compose);
        services.forEach((name, svc) -> dependsOn(svc).forEach((target, condition) -> {
            assertThat(services).as("service %s depends_on '%s'", name, target).containsKey(target);
            assertThat(target).as("service %s depends on itself", name).isNotEqualTo(name);
            assertThat(CONDITIONS).as("condition of %s -> %s", name, target).contains(condition);
            if (condition.equals("service_healthy")) {
                assertThat(services.get(target).has("healthcheck"))
                        .as("%s waits for %s to be healthy, which needs a healthcheck", name, target).isTrue();
            }
        }));
    }

    /** environment as a map, from either the list ("K=V") or the map form. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode env = service.path("environment");
        if (env.isArray()) {
            env.forEach(n -> {
                String s = n.asText();
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            });
        } else {
            fields(env).forEach((k, v) -> out.put(k, v.isNull() ? null : v.asText()));
        }
        return out;
    }

    /** command (or entrypoint + command) as one string. */
    static String commandLine(JsonNode service) {
        List<String> parts = new java.util.ArrayList<>(strings(service.path("entrypoint")));
        parts.addAll(strings(service.path("command")));
        return String.join(" ", parts);
    }

    /** The topics the one-shot topic creation service creates. */
    static Set<String> createdTopics(JsonNode compose) {
        Set<String> topics = new LinkedHashSet<>();
        Matcher m = TOPIC_ARG.matcher(commandLine(service(compose, TOPIC_CREATION)));
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }

    /** Inputs, output and dead letters are created, exactly with tracefill's documented default names. */
    static void topicCreationCreatesTracefillsTopics(JsonNode compose, DocumentedConfig docs) {
        Set<String> expected = new LinkedHashSet<>();
        PropertiesChecks.TOPIC_KEYS.forEach(k -> expected.add(docs.defaultOf(k)));
        assertThat(createdTopics(compose)).as("topics created by %s", TOPIC_CREATION)
                .containsExactlyInAnyOrderElementsOf(expected);
        Map<String, String> waits = new LinkedHashMap<>();
        services(compose).forEach((name, svc) -> {
            if (!name.equals(TOPIC_CREATION) && !name.equals("kafka")) {
                String c = dependsOn(svc).get(TOPIC_CREATION);
                if (c != null) {
                    waits.put(name, c);
                }
            }
        });
        assertThat(waits).as("services that wait for %s", TOPIC_CREATION)
                .containsKeys("tracefill", "otel-ingest", "otel-egress")
                .allSatisfy((name, c) -> assertThat(c).as("%s waits for %s", name, TOPIC_CREATION)
                        .isEqualTo("service_completed_successfully"));
    }

    /** The broker's settings that make consumer groups and transactions work on a single node. */
    static final Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1");

    /** apache/kafka takes broker settings as KAFKA_ + upper case, dots as underscores. */
    static String kafkaEnv(String brokerKey) {
        return "KAFKA_" + brokerKey.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    static void kafkaHasTheSingleNodeTransactionSettings(JsonNode compose, Map<String, String> settings) {
        Map<String, String> env = environment(service(compose, "kafka"));
        settings.forEach((key, value) -> assertThat(env.get(kafkaEnv(key))).as("kafka %s (%s)", kafkaEnv(key), key)
                .isEqualTo(value));
    }

    /** Relative bind-mount sources exist next to compose.yaml. */
    static void bindMountsExist(JsonNode compose, Path composeDir) {
        services(compose).forEach((name, svc) -> strings(svc.path("volumes")).forEach(v -> {
            String source = v.split(":")[0];
            if (source.startsWith(".")) {
                assertThat(Files.exists(composeDir.resolve(source).normalize())).as("%s mounts %s", name, source)
                        .isTrue();
            }
        }));
    }

    /** The container path a bind source is mounted at, or null. */
    static String mountTarget(JsonNode service, String sourceSuffix) {
        return strings(service.path("volumes")).stream().map(v -> v.split(":")).filter(p -> p[0].endsWith(sourceSuffix))
                .map(p -> p[1]).findFirst().orElse(null);
    }

    /** Images are pinned to a version (except the one compose builds itself). */
    static void imagesArePinned(JsonNode compose) {
        services(compose).forEach((name, svc) -> {
            if (svc.has("build")) {
                return;
            }
            String image = text(svc, "image");
            assertThat(image).as("image of %s", name).isNotBlank();
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            assertThat(tag).as("tag of %s's image %s", name, image).isNotBlank().isNotEqualTo("latest");
        });
    }

    static String imageTag(JsonNode compose, String service) {
        String image = text(service(compose, service), "image");
        return image.substring(image.lastIndexOf(':') + 1);
    }

    /** Every ${env:X} a collector reads is set by its compose service, to host:port of a compose service. */
    static void collectorEnvironmentPointsAtServices(JsonNode compose, String serviceName, String collectorConfigText) {
        Map<String, JsonNode> services = services(compose);
        Map<String, String> env = environment(service(compose, serviceName));
        CollectorChecks.envReferences(collectorConfigText).forEach((name, def) -> {
            assertThat(env).as("%s sets %s", serviceName, name).containsKey(name);
            String value = env.get(name);
            assertThat(value).as("%s %s", serviceName, name).contains(":");
            String host = value.substring(0, value.lastIndexOf(':'));
            assertThat(services).as("%s %s=%s names a compose service", serviceName, name, value).containsKey(host);
            if (def != null) {
                assertThat(value).as("%s %s = the config's default", serviceName, name).isEqualTo(def);
            }
        });
    }
}
