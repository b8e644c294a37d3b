package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tracefill.deploy.Yaml.at;
import static io.tracefill.deploy.Yaml.fields;
import static io.tracefill.deploy.Yaml.strings;
import static io.tracefill.deploy.Yaml.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks of the OpenTelemetry Collector configurations. */
final class CollectorChecks {
    /** ${env:NAME} or ${env:NAME:-default}, the Collector's environment expansion. */
    static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private CollectorChecks() {
    }

    /** "kafka/egress" → "kafka": the component type of a component id. */
    static String type(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    /** A value with ${env:X:-d} references replaced by their defaults. */
    static String withDefaults(String value) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every environment variable the configuration reads, with its default (null when none). */
    static Map<String, String> envReferences(String configText) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = ENV_REF.matcher(configText);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /**
     * Pipelines name only components the file defines (connectors count as receivers and
     * exporters), every defined receiver, processor, exporter and extension is used, and every
     * pipeline has a receiver and an exporter.
     */
    static void pipelinesReferenceOnlyDefinedComponents(String source, JsonNode config) {
        Set<String> receivers = fields(config.path("receivers")).keySet();
        Set<String> processors = fields(config.path("processors")).keySet();
        Set<String> exporters = fields(config.path("exporters")).keySet();
        Set<String> connectors = fields(config.path("connectors")).keySet();
        Set<String> extensions = fields(config.path("extensions")).keySet();
        Map<String, JsonNode> pipelines = fields(at(config, "service.pipelines"));
        assertThat(pipelines).as("%s: service.pipelines", source).isNotEmpty();

        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> p : pipelines.entrySet()) {
            String what = source + ": pipeline " + p.getKey();
            List<String> r = strings(p.getValue().path("receivers"));
            List<String> pr = strings(p.getValue().path("processors"));
            List<String> e = strings(p.getValue().path("exporters"));
            assertThat(r).as("%s receivers", what).isNotEmpty();
            assertThat(e).as("%s exporters", what).isNotEmpty();
            for (String id : r) {
                assertThat(receivers.contains(id) || connectors.contains(id)).as("%s: receiver '%s' is defined", what, id)
                        .isTrue();
            }
            for (String id : pr) {
                assertThat(processors).as("%s: processors defined", what).contains(id);
            }
            for (String id : e) {
                assertThat(exporters.contains(id) || connectors.contains(id)).as("%s: exporter '%s' is defined", what, id)
                        .isTrue();
            }
            used.addAll(r);
            used.addAll(pr);
            used.addAll(e);
        }
        List<String> defined = new ArrayList<>(receivers);
        defined.addAll(processors);
        defined.addAll(exporters);
        defined.addAll(connectors);
        assertThat(used).as("%s: components used by the pipelines", source).containsAll(defined);
        assertThat(strings(at(config, "service.extensions"))).as("%s: service.extensions", source)
                .containsExactlyInAnyOrderElementsOf(extensions);
    }

    /** Component ids of a type in a section ("exporters", "kafka"). */
    static List<String> ofType(JsonNode config, String section, String type) {
        return fields(config.path(section)).keySet().stream().filter(id -> type(id).equals(type)).toList();
    }

    /** The kafka exporter writes OTLP protobuf to tracefill's OTLP topic, one record per trace id. */
    static void ingestWritesTheOtlpTopic(JsonNode ingest, DocumentedConfig docs) {
        List<String> kafka = ofType(ingest, "exporters", "kafka");
        assertThat(kafka).as("kafka exporters of the ingest Collector").hasSize(1);
        JsonNode exporter = ingest.path("exporters").path(kafka.get(0));
        noFlatTopicOrEncoding(exporter, "ingest kafka exporter");
        assertThat(text(exporter, "traces.topic")).as("ingest kafka exporter traces.topic = tracefill.topic.otlp")
                .isEqualTo(docs.defaultOf("tracefill.topic.otlp"));
        assertThat(text(exporter, "traces.encoding"))
                .as("ingest kafka exporter traces.encoding = tracefill.topic.otlp.encoding")
                .isEqualTo(docs.defaultOf("tracefill.topic.otlp.encoding"));
        assertThat(exporter.path("partition_traces_by_id").asBoolean(false))
                .as("ingest kafka exporter partition_traces_by_id").isTrue();
        assertThat(strings(at(ingest, "service.pipelines.traces.exporters"))).as("traces pipeline exporters")
                .contains(kafka.get(0));

        List<String> otlp = ofType(ingest, "receivers", "otlp");
        assertThat(otlp).as("otlp receivers of the ingest Collector").hasSize(1);
        JsonNode protocols = ingest.path("receivers").path(otlp.get(0)).path("protocols");
        assertThat(withDefaults(text(protocols, "grpc.endpoint"))).as("OTLP gRPC endpoint").endsWith(":4317");
        assertThat(withDefaults(text(protocols, "http.endpoint"))).as("OTLP HTTP endpoint").endsWith(":4318");
    }

    /** The kafka receiver reads OTLP protobuf from tracefill's output topic. */
    static void egressReadsTheOutputTopic(JsonNode egress, DocumentedConfig docs) {
        List<String> kafka = ofType(egress, "receivers", "kafka");
        assertThat(kafka).as("kafka receivers of the egress Collector").hasSize(1);
        JsonNode receiver = egress.path("receivers").path(kafka.get(0));
        noFlatTopicOrEncoding(receiver, "egress kafka receiver");
        assertThat(at(receiver, "traces.topic").isMissingNode())
                .as("egress kafka receiver: traces.topic was removed in collector-contrib v0.147.0; use traces.topics")
                .isTrue();
        assertThat(strings(at(receiver, "traces.topics"))).as("egress kafka receiver traces.topics")
                .containsExactly(docs.defaultOf("tracefill.topic.output"));
        assertThat(text(receiver, "traces.encoding")).as("egress kafka receiver traces.encoding = tracefill.output.format")
                .isEqualTo(docs.defaultOf("tracefill.output.format"));
        assertThat(strings(at(egress, "service.pipelines.traces.receivers"))).as("traces pipeline receivers")
                .contains(kafka.get(0));
    }

    /** OTLP/gRPC exporters whose default endpoints are Jaeger's and Tempo's, both in the traces pipeline. */
    static void egressSendsToJaegerAndTempo(JsonNode egress) {
        List<String> otlp = new ArrayList<>(ofType(egress, "exporters", "otlp_grpc"));
        otlp.addAll(ofType(egress, "exporters", "otlp"));
        List<String> hosts = otlp.stream()
                .map(id -> withDefaults(text(egress.path("exporters").path(id), "endpoint")))
                .map(ep -> ep.substring(0, ep.lastIndexOf(':')))
                .toList();
        assertThat(hosts).as("default hosts of the egress OTLP exporters").containsExactlyInAnyOrder("jaeger", "tempo");
        assertThat(strings(at(egress, "service.pipelines.traces.exporters"))).as("traces pipeline exporters")
                .containsExactlyInAnyOrderElementsOf(otlp);
    }

    /** The flat topic/encoding form was deprecated in v0.124.0 (and removed from the receiver in v0.141.0). */
    private static void noFlatTopicOrEncoding(JsonNode component, String what) {
        assertThat(component.has("topic") || component.has("encoding"))
                .as("%s: topic/encoding belong under traces:, not directly under the component", what).isFalse();
    }
}
