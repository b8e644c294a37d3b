package io.tracefill.workload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record as the producer upstream of the pipeline writes it.
 *
 * @param key         the record key, or null (DeepFlow's exporter writes none; the Collector with
 *                    {@code partition_traces_by_id} writes the 32-character hex trace id)
 * @param value       the record value: OTLP (protobuf or JSON) or one DeepFlow JSON row
 * @param timestampMs the record timestamp (CreateTime), ms since the epoch
 */
public record WireRecord(Topic topic, byte[] key, byte[] value, long timestampMs) {

    public WireRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    /** The key as text (keys are ASCII hex here), or null. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    // arrays compare by content, so equal records are equal (the determinism tests rely on it)
    @Override
    public boolean equals(Object o) {
        return o instanceof WireRecord r && topic == r.topic && timestampMs == r.timestampMs
                && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, timestampMs, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "WireRecord[" + topic + ", key=" + keyText() + ", " + value.length + " bytes, ts=" + timestampMs + "]";
    }
}
