package io.tracefill.topology.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a whole topic of string keys and values from the beginning, without a consumer group (so
 * reading never waits for a rebalance), and waits on a condition instead of sleeping.
 */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final IsolationLevel isolation;

    private TopicReader(String bootstrapServers, IsolationLevel isolation) {
        this.bootstrapServers = bootstrapServers;
        this.isolation = isolation;
    }

    /** A reader that sees only committed transactional records (as exactly-once consumers do). */
    public static TopicReader readCommitted(String bootstrapServers) {
        return new TopicReader(bootstrapServers, IsolationLevel.READ_COMMITTED);
    }

    /** A reader that sees every record written, aborted transactions included. */
    public static TopicReader readUncommitted(String bootstrapServers) {
        return new TopicReader(bootstrapServers, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Every record up to the end of each partition as it was when called (for read_committed: up to
     * the last stable offset), in partition order, then offset order.
     *
     * @throws AssertionError when the end is not reached within {@code timeout}
     */
    public List<ConsumerRecord<String, String>> readToEnd(String topic, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer, topic, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not reach the end " + end + " of " + topic + " within " + timeout
                            + "; read " + out.size() + " records");
                }
                consumer.poll(POLL).forEach(out::add);
            }
            out.sort((a, b) -> a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
            return out;
        }
    }

    /**
     * Reads from the beginning until the records read so far satisfy {@code done}.
     *
     * @throws AssertionError when they do not within {@code timeout}
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<List<ConsumerRecord<String, String>>> done,
                                                         Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            assignAll(consumer, topic, timeout);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not met on " + topic + " within " + timeout + "; read " + out);
                }
                consumer.poll(POLL).forEach(out::add);
            }
            return out;
        }
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
