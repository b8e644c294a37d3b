package io.tracefill.topology.http;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** What {@code /health} and {@code /metrics} report: the stream's state and its metrics registry. */
public interface StreamStatus {
    KafkaStreams.State state();

    Map<MetricName, ? extends Metric> metrics();

    static StreamStatus of(KafkaStreams streams) {
        return new StreamStatus() {
            @Override
            public KafkaStreams.State state() {
                return streams.state();
            }

            @Override
            public Map<MetricName, ? extends Metric> metrics() {
                return streams.metrics();
            }
        };
    }
}
