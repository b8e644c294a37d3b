package io.tracefill.topology.stream;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * tracefill's metrics of one task, registered in Kafka Streams' metrics registry (so they appear
 * in {@code KafkaStreams#metrics()}, JMX and {@code /metrics} next to Kafka Streams' own) in
 * group {@value #GROUP}, tagged with the task id. Removed when the task closes.
 */
public final class TaskSensors implements AutoCloseable {
    public static final String GROUP = "tracefill";

    private final StreamsMetrics metrics;
    private final String taskId;
    private final Map<String, String> tags;
    private final List<Sensor> sensors = new ArrayList<>();

    public TaskSensors(ProcessorContext<?, ?> context) {
        this.metrics = context.metrics();
        this.taskId = context.taskId().toString();
        this.tags = Map.of("task-id", taskId, "thread-id", Thread.currentThread().getName());
    }

    /** {@code <name>-total} and {@code <name>-rate} (per second). */
    public Sensor counter(String name, String description) {
        Sensor s = sensor(name);
        s.add(metricName(name + "-total", description + " (total)"), new CumulativeCount());
        s.add(metricName(name + "-rate", description + " (per second)"), new Rate());
        return s;
    }

    /** {@code <name>}: the last recorded value. */
    public Sensor gauge(String name, String description) {
        Sensor s = sensor(name);
        s.add(metricName(name, description), new Value());
        return s;
    }

    /** {@code <name>-avg} and {@code <name>-max} over the metrics window. */
    public Sensor distribution(String name, String description) {
        Sensor s = sensor(name);
        s.add(metricName(name + "-avg", description + " (average)"), new Avg());
        s.add(metricName(name + "-max", description + " (maximum)"), new Max());
        return s;
    }

    private Sensor sensor(String name) {
        Sensor s = metrics.addSensor(GROUP + "." + taskId + "." + name, Sensor.RecordingLevel.INFO);
        sensors.add(s);
        return s;
    }

    private MetricName metricName(String name, String description) {
        return new MetricName(name, GROUP, description, tags);
    }

    @Override
    public void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
    }
}
