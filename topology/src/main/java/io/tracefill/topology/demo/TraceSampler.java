package io.tracefill.topology.demo;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.trace.v1.TracesData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the completed traces from the output topic, as a downstream Collector would
 * ({@code read_committed}, OTLP protobuf), in its own thread, and hands out one now and then to
 * be drawn: preferably one with app, system and network spans, of another route than the last.
 */
public final class TraceSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceSampler.class);
    /** Traces kept between two draws; older ones are dropped. */
    private static final int KEEP = 200;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deque<TraceTree> recent = new ArrayDeque<>();
    private final Thread thread;
    private String lastRoute = "";

    private TraceSampler(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "tracefill-demo-traces",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "tracefill-demo-traces");
        thread.setDaemon(true);
    }

    /** Starts reading {@code topic} from its beginning (no consumer group). */
    public static TraceSampler start(String bootstrapServers, String topic) {
        TraceSampler sampler = new TraceSampler(bootstrapServers, topic);
        sampler.thread.start();
        return sampler;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    keep(r.value());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.warn("reading {} stopped: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void keep(byte[] value) {
        if (value == null) {
            return;
        }
        TraceTree tree;
        try {
            tree = TraceTree.of(TracesData.parseFrom(value));
        } catch (InvalidProtocolBufferException e) {
            return; // not OTLP protobuf (another output format): nothing to draw
        }
        synchronized (recent) {
            recent.addLast(tree);
            if (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
    }

    /**
     * A trace received since the last call, to draw: one with A, S and N spans if any, preferably
     * of another route than the last one drawn, the smallest such; empty when none arrived.
     */
    public Optional<TraceTree> next() {
        List<TraceTree> candidates;
        synchronized (recent) {
            candidates = List.copyOf(recent);
            recent.clear();
        }
        TraceTree best = null;
        for (TraceTree t : candidates) {
            if (best == null || score(t) > score(best) || score(t) == score(best) && t.spanCount() < best.spanCount()) {
                best = t;
            }
        }
        if (best != null) {
            lastRoute = route(best);
        }
        return Optional.ofNullable(best);
    }

    private int score(TraceTree t) {
        boolean allKinds = t.count('A') > 0 && t.count('S') > 0 && t.count('N') > 0;
        return (allKinds ? 2 : 0) + (route(t).equals(lastRoute) ? 0 : 1);
    }

    private static String route(TraceTree t) {
        return t.roots().isEmpty() ? "" : t.roots().get(0).resource();
    }

    /** Stops reading. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }

    @Override
    public String toString() {
        return "trace reader of " + topic;
    }
}
