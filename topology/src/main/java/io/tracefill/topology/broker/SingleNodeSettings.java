package io.tracefill.topology.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings that make one KRaft node (broker and controller in one process) a usable cluster
 * (DESIGN.md §5). Both the demo's {@link EmbeddedBroker} and the test broker use exactly these.
 *
 * <p>Kafka's defaults assume three brokers: the internal topics {@code __consumer_offsets} and
 * {@code __transaction_state} ask for three replicas, so on one node consumer groups and
 * transactions (and with them Kafka Streams' exactly_once_v2) never get a coordinator.
 */
public final class SingleNodeSettings {
    /**
     * Partitions of {@code __consumer_offsets} and {@code __transaction_state}. Kafka's default is 50
     * each; a single node with a handful of groups does not need them, and creating 100 partitions
     * (two index files each) is most of the first group's or transaction's latency.
     */
    public static final int COORDINATOR_TOPIC_PARTITIONS = 3;

    /** The log cleaner's dedupe buffer: 2 MiB instead of 128 MiB of heap for the compacted topics we use. */
    public static final long LOG_CLEANER_DEDUPE_BUFFER_BYTES = 2L * 1024 * 1024;

    private SingleNodeSettings() {
    }

    /** The settings, as broker config keys to values; a new mutable map each call. */
    public static Map<String, String> asMap() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", Integer.toString(COORDINATOR_TOPIC_PARTITIONS));
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("transaction.state.log.num.partitions", Integer.toString(COORDINATOR_TOPIC_PARTITIONS));
        // Share groups keep their state in a topic of their own; same story as the two above.
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("default.replication.factor", "1");
        s.put("min.insync.replicas", "1");
        s.put("log.cleaner.dedupe.buffer.size", Long.toString(LOG_CLEANER_DEDUPE_BUFFER_BYTES));
        // The first rebalance of a new group waits 3 s by default for more members to join; with one
        // application instance that is pure latency (every Streams start, every test).
        s.put("group.initial.rebalance.delay.ms", "0");
        return s;
    }
}
