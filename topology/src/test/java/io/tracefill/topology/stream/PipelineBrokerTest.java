package io.tracefill.topology.stream;

import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.testkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline on a real single-node KRaft broker: partitions, instances, exactly-once output. */
class PipelineBrokerTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path state;

    private StreamSettings settings(String app, String deepflow, String otlp, String output) {
        return settings(app, deepflow, otlp, output, false);
    }

    private StreamSettings settings(String app, String deepflow, String otlp, String output, boolean seeding) {
        return StreamFixture.settings(Map.of(
                StreamSettings.SEED_DEEPFLOW_ONLY, Boolean.toString(seeding),
                StreamSettings.APPLICATION_ID, app,
                StreamSettings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                StreamSettings.STATE_DIR, state.resolve(app + "-" + System.nanoTime()).toString(),
                StreamSettings.DEEPFLOW_TOPIC, deepflow,
                StreamSettings.OTLP_TOPIC, otlp,
                StreamSettings.OUTPUT_TOPIC, output,
                StreamSettings.DEAD_LETTER_TOPIC, app + "-dead-letters",
                StreamSettings.HTTP_PORT, "0"));
    }

    /**
     * Topics that keep their records: the example's event times are from 2024, and a broker's
     * time-based retention (checked 30 s after start) would delete them under the test.
     */
    private static void topics(int partitions, String... names) throws Exception {
        for (String n : names) {
            KAFKA.createTopic(n, partitions, Map.of("retention.ms", "-1"));
        }
    }

    private static void produce(String deepflow, String otlp, ExampleTraffic traffic) {
        Map<String, Object> p = new HashMap<>(KAFKA.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<byte[], byte[]>(p)) {
            int i = 0;
            for (var r : traffic.deepflow) {
                // DeepFlow's exporter writes without a key; spread the rows over the partitions
                producer.send(new ProducerRecord<>(deepflow, null, r.timestampMs(), r.key(), r.value()));
                i++;
            }
            for (var r : traffic.otlp) {
                producer.send(new ProducerRecord<>(otlp, null, r.timestampMs(), r.key(), r.value()));
            }
            producer.flush();
        }
    }

    /**
     * As an exactly-once upstream writes: in transactions of {@code perTransaction} records, so
     * every partition ends with a commit marker that takes an offset no consumer ever returns.
     */
    private static void produceTransactionally(String deepflow, String otlp, ExampleTraffic traffic,
                                               int perTransaction) {
        Map<String, Object> p = new HashMap<>(KAFKA.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, deepflow + "-upstream");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        traffic.deepflow.forEach(r -> records.add(new ProducerRecord<>(deepflow, null, r.timestampMs(), r.key(), r.value())));
        traffic.otlp.forEach(r -> records.add(new ProducerRecord<>(otlp, null, r.timestampMs(), r.key(), r.value())));
        try (var producer = new KafkaProducer<byte[], byte[]>(p)) {
            producer.initTransactions();
            for (int i = 0; i < records.size(); i += perTransaction) {
                producer.beginTransaction();
                records.subList(i, Math.min(records.size(), i + perTransaction)).forEach(producer::send);
                producer.commitTransaction();
            }
        }
    }

    /** Reads the output with read_committed until {@code expected} records or the deadline. */
    private static Map<String, byte[]> readTraces(String topic, int expected) {
        Map<String, Object> c = new HashMap<>(KAFKA.clientProperties());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, byte[]> traces = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(c)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (traces.size() < expected && System.nanoTime() < end) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    byte[] before = traces.put(r.key(), r.value());
                    if (before != null) {
                        duplicates.add(r.key() + (java.util.Arrays.equals(before, r.value()) ? " (same bytes)" : " (different)")
                                + " p" + r.partition() + "@" + r.offset());
                    }
                }
            }
            // anything more (a duplicate) would arrive right behind
            for (var r : consumer.poll(Duration.ofSeconds(2))) {
                byte[] before = traces.put(r.key(), r.value());
                if (before != null) {
                    duplicates.add(r.key() + (java.util.Arrays.equals(before, r.value()) ? " (same bytes)" : " (different)")
                            + " p" + r.partition() + "@" + r.offset());
                }
            }
        }
        assertThat(duplicates).as("traces emitted twice").isEmpty();
        return traces;
    }

    private static Map<String, byte[]> runOnce(StreamSettings s, int instances, int expected) {
        List<Pipeline> running = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                running.add(Pipeline.start(i == 0 ? s : s.withStateDir(s.stateDir() + "-" + i)));
            }
            return readTraces(s.outputTopic(), expected);
        } finally {
            running.forEach(Pipeline::close);
        }
    }

    @Test
    @DisplayName("two instances on three partitions emit every trace exactly once, identical to the offline engine")
    void twoInstancesMatchTheOfflineEngine() throws Exception {
        topics(3, "df-two", "otlp-two", "out-two");
        ExampleTraffic traffic = new ExampleTraffic(40, 120_000);
        produce("df-two", "otlp-two", traffic);

        StreamSettings s = settings("tf-two", "df-two", "otlp-two", "out-two");
        Map<String, byte[]> emitted = runOnce(s, 2, traffic.traceIds.size());

        Map<String, byte[]> expected = StreamFixture.offline(s, traffic.deepflowValues(), traffic.otlpValues());
        assertThat(emitted.keySet()).containsExactlyInAnyOrderElementsOf(traffic.traceIds);
        for (String id : traffic.traceIds) {
            assertThat(emitted.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    @Test
    @DisplayName("input written in transactions: partitions ending in a commit marker still count as read to their end")
    void transactionalInputGoesIdle() throws Exception {
        topics(2, "df-tx", "otlp-tx", "out-tx");
        ExampleTraffic traffic = new ExampleTraffic(15, 60_000);
        produceTransactionally("df-tx", "otlp-tx", traffic, 50);

        StreamSettings s = settings("tf-tx", "df-tx", "otlp-tx", "out-tx");
        Map<String, byte[]> emitted = runOnce(s, 1, traffic.traceIds.size());

        Map<String, byte[]> expected = StreamFixture.offline(s, traffic.deepflowValues(), traffic.otlpValues());
        assertThat(emitted.keySet()).containsExactlyInAnyOrderElementsOf(traffic.traceIds);
        for (String id : traffic.traceIds) {
            assertThat(emitted.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    @Test
    @DisplayName("1 partition and 4 partitions, and a second run with a fresh application id, give identical output, "
            + "seeded DeepFlow-only traces included")
    void partitionCountAndRerunsDoNotChangeTheOutput() throws Exception {
        ExampleTraffic traffic = new ExampleTraffic(25, 90_000);
        topics(1, "df-one", "otlp-one", "out-one");
        topics(4, "df-four", "otlp-four", "out-four", "out-four-again");
        produce("df-one", "otlp-one", traffic);
        produce("df-four", "otlp-four", traffic);

        StreamSettings s = settings("tf-one", "df-one", "otlp-one", "out-one", true);
        Map<String, byte[]> expected = new LinkedHashMap<>(
                StreamFixture.offline(s, traffic.deepflowValues(), traffic.otlpValues()));
        for (var seed : StreamFixture.offlineSeeds(s, traffic.deepflowValues())) {
            if (seed.verdict() == SeedRule.Verdict.EMIT) {
                expected.put(seed.key(), seed.value());
            }
        }
        // each copy of the example holds one untraced health check
        assertThat(expected).hasSize(2 * traffic.traceIds.size());

        int n = expected.size();
        var one = runOnce(s, 1, n);
        var four = runOnce(settings("tf-four", "df-four", "otlp-four", "out-four", true), 1, n);
        var again = runOnce(settings("tf-four-again", "df-four", "otlp-four", "out-four-again", true), 1, n);

        assertThat(one.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(one.get(id)).as("1 partition vs offline, %s", id).isEqualTo(expected.get(id));
            assertThat(four.get(id)).as("4 vs 1 partitions, %s", id).isEqualTo(one.get(id));
            assertThat(again.get(id)).as("rerun, %s", id).isEqualTo(four.get(id));
        }
    }
}
