package io.tracefill.topology.app;

import io.tracefill.topology.broker.LoopbackPorts;
import io.tracefill.topology.stream.ingest.InputProgress.Answer;
import io.tracefill.topology.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether an input partition is read to its end, asked of a real broker. */
class BrokerInputProgressTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    private static final OptionalLong NOTHING_PROCESSED = OptionalLong.empty();

    private static BrokerInputProgress progress(String applicationId, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.putAll(overrides);
        return BrokerInputProgress.create(p, CHECK_TIMEOUT);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>(KAFKA.clientProperties());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putAll(overrides);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void produce(String topic, int records) throws Exception {
        try (var producer = producer(Map.of())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "r" + i)).get();
            }
        }
    }

    /** What Kafka Streams does when it commits: the group's offset is the next one to process. */
    private static void commit(String group, String topic, long offset) throws Exception {
        try (Admin admin = Admin.create(KAFKA.clientProperties())) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
                    .all().get();
        }
    }

    /** The coordinator writes the commit markers after commitTransaction returns. */
    private static void awaitLastStableOffset(String topic, long expected) throws Exception {
        var tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(KAFKA.clientProperties())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long lso;
            do {
                lso = admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .partitionResult(tp).get().offset();
            } while (lso < expected && System.nanoTime() < deadline);
            assertThat(lso).as("last stable offset of %s", tp).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("an empty partition is caught up before any record; one with unread records is not until its last is processed")
    void unreadRecordsAreBehind() throws Exception {
        KAFKA.createTopic("progress-plain", 1);
        try (var progress = progress("progress-plain-app", Map.of())) {
            assertThat(progress.caughtUp("progress-plain", 0, NOTHING_PROCESSED)).isEqualTo(Answer.CAUGHT_UP);

            produce("progress-plain", 3);

            assertThat(progress.caughtUp("progress-plain", 0, NOTHING_PROCESSED))
                    .as("a fresh group starts at the log start (earliest)").isEqualTo(Answer.BEHIND);
            assertThat(progress.caughtUp("progress-plain", 0, OptionalLong.of(2))).isEqualTo(Answer.BEHIND);
            assertThat(progress.caughtUp("progress-plain", 0, OptionalLong.of(3))).isEqualTo(Answer.CAUGHT_UP);
        }
    }

    @Test
    @DisplayName("before its first record a task starts at the group's committed offset: a restart, or a replay set at a timestamp")
    void committedOffsetIsTheStartingPosition() throws Exception {
        KAFKA.createTopic("progress-committed", 1);
        produce("progress-committed", 3);
        try (var progress = progress("progress-committed-app", Map.of())) {
            commit("progress-committed-app", "progress-committed", 1);
            assertThat(progress.caughtUp("progress-committed", 0, NOTHING_PROCESSED)).isEqualTo(Answer.BEHIND);

            commit("progress-committed-app", "progress-committed", 3);
            assertThat(progress.caughtUp("progress-committed", 0, NOTHING_PROCESSED)).isEqualTo(Answer.CAUGHT_UP);
        }
    }

    @Test
    @DisplayName("a replay's partition ends at its stop offset: records past it are never read, so they do not hold it back")
    void replayStopOffsetIsTheEnd() throws Exception {
        KAFKA.createTopic("progress-replay", 1);
        produce("progress-replay", 5);
        try (var progress = progress("progress-replay-app",
                Map.of(io.tracefill.topology.replay.StopAtOffsets.STOP_OFFSETS, "progress-replay:0:3"))) {
            assertThat(progress.caughtUp("progress-replay", 0, OptionalLong.of(2))).isEqualTo(Answer.BEHIND);
            assertThat(progress.caughtUp("progress-replay", 0, OptionalLong.of(3))).isEqualTo(Answer.CAUGHT_UP);
        }
        try (var progress = progress("progress-replay-app2", Map.of())) {
            assertThat(progress.caughtUp("progress-replay", 0, OptionalLong.of(3)))
                    .as("without a stop offset the records past 3 are unread").isEqualTo(Answer.BEHIND);
        }
    }

    @Test
    @DisplayName("with auto.offset.reset=latest a task without a committed offset starts at the end")
    void latestResetStartsAtTheEnd() throws Exception {
        KAFKA.createTopic("progress-latest", 1);
        produce("progress-latest", 3);
        try (var progress = progress("progress-latest-app", Map.of("auto.offset.reset", "latest"))) {
            assertThat(progress.caughtUp("progress-latest", 0, NOTHING_PROCESSED)).isEqualTo(Answer.CAUGHT_UP);
        }
    }

    @Test
    @DisplayName("transactions: the commit marker counts as read once the group has committed past it; an open transaction's records are not readable yet")
    void transactionalInputUsesTheLastStableOffset() throws Exception {
        KAFKA.createTopic("progress-tx", 1);
        try (var producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "progress-tx-producer"));
             var progress = progress("progress-tx-app", Map.of());
             var fresh = progress("progress-tx-fresh-app", Map.of())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("progress-tx", 0, null, "a"));
            producer.send(new ProducerRecord<>("progress-tx", 0, null, "b"));
            producer.commitTransaction();
            // offsets 0 and 1 hold the records, 2 the commit marker, which no consumer returns
            awaitLastStableOffset("progress-tx", 3);

            assertThat(progress.caughtUp("progress-tx", 0, OptionalLong.of(2)))
                    .as("the task cannot tell a marker from a record it has not read").isEqualTo(Answer.BEHIND);
            commit("progress-tx-app", "progress-tx", 3);
            assertThat(progress.caughtUp("progress-tx", 0, OptionalLong.of(2))).isEqualTo(Answer.CAUGHT_UP);

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("progress-tx", 0, null, "c"));
            producer.flush();

            assertThat(fresh.caughtUp("progress-tx", 0, OptionalLong.of(3)))
                    .as("an open transaction's record is past the last stable offset").isEqualTo(Answer.CAUGHT_UP);

            producer.commitTransaction();
            awaitLastStableOffset("progress-tx", 5);

            assertThat(fresh.caughtUp("progress-tx", 0, OptionalLong.of(3))).isEqualTo(Answer.BEHIND);
            assertThat(fresh.caughtUp("progress-tx", 0, OptionalLong.of(4))).isEqualTo(Answer.BEHIND);
            assertThat(fresh.caughtUp("progress-tx", 0, OptionalLong.of(5))).isEqualTo(Answer.CAUGHT_UP);
        }
    }

    @Test
    @DisplayName("a partition the broker answers for with an error is not caught up")
    void brokerErrorIsUnknown() {
        try (var progress = progress("progress-error-app", Map.of())) {
            assertThat(progress.caughtUp("progress-no-such-topic", 0, OptionalLong.of(0))).isEqualTo(Answer.UNKNOWN);
        }
    }

    @Test
    @DisplayName("when no broker answers within the timeout the partition is not caught up")
    void silenceIsUnknown() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-silent-app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, LoopbackPorts.HOST + ":" + LoopbackPorts.anyFree());
        try (var progress = BrokerInputProgress.create(p, Duration.ofMillis(300))) {
            assertThat(progress.caughtUp("progress-silent", 0, OptionalLong.of(0))).isEqualTo(Answer.UNKNOWN);
        }
    }
}
