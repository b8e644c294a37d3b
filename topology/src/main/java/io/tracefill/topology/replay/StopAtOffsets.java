package io.tracefill.topology.replay;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer interceptor on the replay's main consumer that hides every record at or beyond the
 * replay's stop offset of its partition, so Kafka Streams processes exactly the planned range and
 * then finds the inputs quiet (and reports them idle), however much data follows. The topology
 * itself is the live one, unchanged.
 *
 * <p>Configured through Kafka Streams' {@code main.consumer.} prefix: {@value #INTERCEPTOR_CLASSES}
 * names this class and {@value #STOP_OFFSETS} holds {@code topic:partition:offset,...}. Partitions
 * not listed (the internal topics) pass untouched.
 *
 * <p>The next offsets Kafka Streams commits ({@link ConsumerRecords#nextOffsets()}, KIP-1094) are
 * capped at the stop offset too, so the replay's committed positions end exactly there.
 */
public final class StopAtOffsets implements ConsumerInterceptor<byte[], byte[]> {
    /** The consumer setting, with Kafka Streams' prefix for the main consumer. */
    public static final String INTERCEPTOR_CLASSES = "main.consumer.interceptor.classes";
    /** Our own setting, passed through to the main consumer by the same prefix. */
    public static final String STOP_OFFSETS = "main.consumer.tracefill.replay.stop-offsets";
    private static final String STOP_OFFSETS_KEY = "tracefill.replay.stop-offsets";

    private Map<TopicPartition, Long> stops = Map.of();

    @Override
    public void configure(Map<String, ?> configs) {
        Object text = configs.get(STOP_OFFSETS_KEY);
        if (text == null) {
            text = configs.get(STOP_OFFSETS); // a client given the unprefixed settings
        }
        stops = parse(text == null ? "" : text.toString());
    }

    /** The stop offsets a Kafka Streams configuration gives its main consumer; empty when not a replay. */
    public static Map<TopicPartition, Long> in(java.util.Properties streamsProperties) {
        return parse(streamsProperties.getProperty(STOP_OFFSETS, ""));
    }

    /** {@code topic:partition:offset,...}; topic names cannot hold ':' or ','. */
    static Map<TopicPartition, Long> parse(String text) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] p = item.strip().split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException(STOP_OFFSETS_KEY + ": expected topic:partition:offset, got '" + item + "'");
            }
            out.put(new TopicPartition(p[0], Integer.parseInt(p[1])), Long.parseLong(p[2]));
        }
        return Map.copyOf(out);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        if (records.nextOffsets().keySet().stream().noneMatch(stops::containsKey)
                && records.partitions().stream().noneMatch(stops::containsKey)) {
            return records; // only internal topics in this batch
        }
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            Long stop = stops.get(tp);
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            if (stop != null) {
                list = list.stream().filter(r -> r.offset() < stop).toList();
            }
            if (!list.isEmpty()) {
                kept.put(tp, list);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        records.nextOffsets().forEach((tp, o) -> {
            Long stop = stops.get(tp);
            next.put(tp, stop == null || o.offset() <= stop ? o : new OffsetAndMetadata(stop, o.leaderEpoch(), o.metadata()));
        });
        return new ConsumerRecords<>(kept, next);
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
