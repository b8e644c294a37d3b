package io.tracefill.bench.stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the output topic ({@code read_committed}, as a Collector should) on its own thread and
 * notes when each expected trace id first appears, so the benchmark knows when the last one is out.
 */
final class OutputWatcher implements AutoCloseable {
    private final Set<String> expected;
    private final Set<String> seen = new HashSet<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile long records;
    private volatile long unexpected;
    private volatile long seenExpected;
    private volatile long firstNanos;
    private volatile long lastNewNanos;

    OutputWatcher(String bootstrap, String topic, Set<String> expected) {
        this.expected = expected;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Set<String> unexpectedKeys = new HashSet<>();
        while (!stop.get()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                long now = System.nanoTime();
                if (firstNanos == 0) {
                    firstNanos = now;
                }
                records++;
                if (expected.contains(r.key())) {
                    if (seen.add(r.key())) {
                        seenExpected = seen.size();
                        lastNewNanos = now;
                    }
                } else if (unexpectedKeys.add(String.valueOf(r.key()))) {
                    unexpected = unexpectedKeys.size();
                }
            }
        }
        consumer.close();
    }

    boolean allSeen() {
        return seenExpected == expected.size();
    }

    long seenExpected() {
        return seenExpected;
    }

    long records() {
        return records;
    }

    long unexpectedKeys() {
        return unexpected;
    }

    /** {@code System.nanoTime()} when the last expected trace first appeared; 0 if none yet. */
    long lastNewNanos() {
        return lastNewNanos;
    }

    long firstNanos() {
        return firstNanos;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(5_000);
    }
}
