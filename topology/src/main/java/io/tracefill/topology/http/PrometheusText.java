package io.tracefill.topology.http;

import io.tracefill.topology.stream.TaskSensors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka Streams' metrics registry (tracefill's group {@value TaskSensors#GROUP} and Kafka's own)
 * in Prometheus' text exposition format 0.0.4, so a scraper needs no JMX exporter.
 * <ul>
 *   <li>names: {@code tracefill_<name>} for our group, {@code kafka_<group without -metrics>_<name>}
 *       for Kafka's, every character outside {@code [a-zA-Z0-9_]} as {@code _}
 *       ({@code stream-thread-metrics/process-rate} → {@code kafka_stream_thread_process_rate});</li>
 *   <li>tags become labels ({@code task-id} → {@code task_id}); {@code *-total} metrics are
 *       counters, everything else a gauge; metrics whose value is not a number (versions, ids)
 *       are left out;</li>
 *   <li>plus {@code tracefill_stream_state{state="…"}}: 1 for the stream's current state, 0 for the others.</li>
 * </ul>
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    private record Family(String type, String help, Map<String, String> samples) {
    }

    static String render(Map<MetricName, ? extends Metric> metrics, KafkaStreams.State state) {
        Map<String, Family> families = new TreeMap<>();
        for (var e : metrics.entrySet()) {
            Object value = e.getValue().metricValue();
            if (!(value instanceof Number n)) {
                continue;
            }
            MetricName m = e.getKey();
            String name = familyName(m);
            Family f = families.computeIfAbsent(name, k -> new Family(m.name().endsWith("-total") ? "counter" : "gauge",
                    m.description(), new TreeMap<>()));
            f.samples().putIfAbsent(labels(m.tags()), number(n.doubleValue()));
        }
        Map<String, String> states = new TreeMap<>();
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            states.put(labels(Map.of("state", s.name())), s == state ? "1" : "0");
        }
        families.put("tracefill_stream_state", new Family("gauge",
                "Kafka Streams state of this instance (1 for the current one)", states));

        StringBuilder out = new StringBuilder(64 * 1024);
        for (var e : families.entrySet()) {
            Family f = e.getValue();
            if (f.help() != null && !f.help().isEmpty()) {
                out.append("# HELP ").append(e.getKey()).append(' ').append(escapeHelp(f.help())).append('\n');
            }
            out.append("# TYPE ").append(e.getKey()).append(' ').append(f.type()).append('\n');
            for (var s : f.samples().entrySet()) {
                out.append(e.getKey()).append(s.getKey()).append(' ').append(s.getValue()).append('\n');
            }
        }
        return out.toString();
    }

    static String familyName(MetricName m) {
        if (m.group().equals(TaskSensors.GROUP)) {
            return "tracefill_" + sanitize(m.name());
        }
        String group = m.group().endsWith("-metrics") ? m.group().substring(0, m.group().length() - 8) : m.group();
        return "kafka_" + sanitize(group) + "_" + sanitize(m.name());
    }

    private static String labels(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        Map<String, String> sorted = new TreeMap<>();
        tags.forEach((k, v) -> sorted.put(sanitize(k), v == null ? "" : v));
        StringBuilder b = new StringBuilder("{");
        for (var t : sorted.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(t.getKey()).append("=\"").append(escapeLabel(t.getValue())).append('"');
        }
        return b.append('}').toString();
    }

    private static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length() + 1);
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            b.append('_');
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ? c : '_');
        }
        return b.toString();
    }

    private static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
