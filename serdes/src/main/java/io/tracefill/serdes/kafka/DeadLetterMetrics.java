package io.tracefill.serdes.kafka;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts dead letters in a kafka-clients {@link Metrics} registry, per source topic: metric
 * {@value #TOTAL} (cumulative count) and {@value #RATE} (per second over the registry's sample
 * window), group {@value #GROUP}, tag {@code topic}. The application owns the registry and shows
 * it where it shows its other metrics (JMX through a {@code JmxReporter}, the HTTP
 * {@code /metrics} endpoint), next to Kafka Streams' own {@code dropped-records-total}.
 *
 * <p>Pass one instance to every stream thread's {@link DeadLetterHandler} by putting it into the
 * Streams properties under {@link DeadLetterHandler#LISTENER_CONFIG}. Thread-safe.
 */
public final class DeadLetterMetrics implements DeadLetterListener {
    /** Metric group. */
    public static final String GROUP = "tracefill-dead-letters";
    /** Cumulative number of dead letters from one source topic. */
    public static final String TOTAL = "dead-letters-total";
    /** Dead letters per second from one source topic. */
    public static final String RATE = "dead-letters-rate";

    private final Metrics metrics;
    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();

    public DeadLetterMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onDeadLetter(DeadLetter letter) {
        sensors.computeIfAbsent(letter.sourceTopic(), this::sensor).record();
    }

    /** Dead letters counted so far from {@code sourceTopic}. */
    public long total(String sourceTopic) {
        KafkaMetric m = metrics.metric(name(TOTAL, sourceTopic, ""));
        return m == null ? 0 : ((Number) m.metricValue()).longValue();
    }

    private Sensor sensor(String topic) {
        Sensor s = metrics.sensor(GROUP + "." + topic);
        s.add(name(TOTAL, topic, "Records of this source topic sent to the dead-letter topic"), new CumulativeCount());
        s.add(name(RATE, topic, "Records of this source topic sent to the dead-letter topic per second"),
                new Rate(new WindowedCount()));
        return s;
    }

    /** The description is not part of a metric's identity, so lookups may pass any. */
    private MetricName name(String metric, String topic, String description) {
        return metrics.metricName(metric, GROUP, description, Map.of("topic", topic));
    }
}
