package io.tracefill.topology.app;

import io.tracefill.topology.stream.TaskSensors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;
import java.util.Set;

/**
 * A reading of a running pipeline's metrics, for the progress lines of {@code demo} and
 * {@code replay}: tracefill's own (group {@value TaskSensors#GROUP}, one per task, summed here) and
 * the main consumer's lag, from {@link KafkaStreams#metrics()}.
 */
public final class PipelineMetrics {
    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final Map<MetricName, ? extends Metric> metrics;

    private PipelineMetrics(Map<MetricName, ? extends Metric> metrics) {
        this.metrics = metrics;
    }

    /** The metrics as they are now (a snapshot of the registry's entries; values are read on use). */
    public static PipelineMetrics of(KafkaStreams streams) {
        return new PipelineMetrics(Map.copyOf(streams.metrics()));
    }

    /** Sum over the pipeline's tasks of a tracefill metric, e.g. {@code flows-in-total}; 0 before any task runs. */
    public double sum(String name) {
        return sum(TaskSensors.GROUP, name);
    }

    /** Sum of a Kafka Streams or client metric over its instances, e.g. {@code stream-thread-metrics}/{@code poll-total}. */
    public double sum(String group, String name) {
        double total = 0;
        for (var e : metrics.entrySet()) {
            if (e.getKey().group().equals(group) && e.getKey().name().equals(name)) {
                total += number(e.getValue());
            }
        }
        return total;
    }

    /** How many tasks report the tracefill metric {@code name}, and how many of them with {@code value}. */
    public TaskCount tasksWith(String name, double value) {
        int tasks = 0;
        int matching = 0;
        for (var e : metrics.entrySet()) {
            if (e.getKey().group().equals(TaskSensors.GROUP) && e.getKey().name().equals(name)) {
                tasks++;
                if (number(e.getValue()) == value) {
                    matching++;
                }
            }
        }
        return new TaskCount(tasks, matching);
    }

    /** @param tasks tasks reporting a metric; @param matching those of them with the value asked for */
    public record TaskCount(int tasks, int matching) {
        public boolean all() {
            return tasks > 0 && matching == tasks;
        }
    }

    /**
     * Records the main consumer has yet to fetch from these topics (its per-partition
     * {@code records-lag}, up to the last stable offset under read_committed); 0 before the first fetch.
     */
    public long lag(Set<String> topics) {
        long total = 0;
        for (var e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(FETCH_GROUP) && n.name().equals("records-lag") && topics.contains(n.tags().get("topic"))) {
                double v = number(e.getValue());
                if (v > 0) {
                    total += (long) v;
                }
            }
        }
        return total;
    }

    private static double number(Metric m) {
        Object v = m.metricValue();
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
    }
}
