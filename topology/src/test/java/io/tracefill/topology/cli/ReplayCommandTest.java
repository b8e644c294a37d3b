package io.tracefill.topology.cli;

import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.demo.TraceTree;
import io.tracefill.topology.testkit.EmbeddedKafka;
import io.tracefill.workload.KafkaSink;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.TraceTruth;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.trace.v1.TracesData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay} on a real broker: topics filled by the workload generator, the live pipeline run
 * over them, then replays over the same topics under fresh application ids.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayCommandTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final long START_US = Instant.parse("2024-06-10T06:13:20Z").getEpochSecond() * 1_000_000L;
    private static final WorkloadSpec SPEC = WorkloadSpec.of(11, 8, Duration.ofSeconds(12), START_US)
            .withBackgroundScale(0.3);
    private static final TopicNames INPUT = new TopicNames("rp.otlp", "rp.deepflow");

    @TempDir
    static Path dir;

    private static final List<TraceTruth> truth = new ArrayList<>();
    private static Path config;
    /** trace id → the live run's emissions of it, in order. */
    private static Map<String, List<byte[]>> live;

    @BeforeAll
    static void fillTopicsAndRunTheLivePipeline() throws Exception {
        // the records are from 2024: without retention.ms=-1 the broker would delete them under the test
        for (String t : List.of(INPUT.otlp(), INPUT.deepflow(), "rp.live", "rp.replay", "rp.replay-to",
                "rp.dead-letters")) {
            KAFKA.createTopic(t, 3, Map.of("retention.ms", "-1"));
        }
        try (KafkaSink sink = new KafkaSink(KAFKA.bootstrapServers(), INPUT)) {
            Workload.generate(SPEC, truth::add).forEachRemaining(sink::write);
        }
        config = dir.resolve("live.properties");
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + KAFKA.bootstrapServers(),
                "application.id=rp-live",
                "state.dir=" + dir.resolve("state"),
                "tracefill.topic.otlp=" + INPUT.otlp(),
                "tracefill.topic.deepflow=" + INPUT.deepflow(),
                "tracefill.topic.output=rp.live",
                "tracefill.topic.dead-letters=rp.dead-letters",
                "tracefill.grace.ms=2000",
                // long enough that no input partition of a slow, busy test machine is taken for idle
                // while it still has records to deliver (that would close traces without them)
                "tracefill.idle.flush.ms=5000",
                "tracefill.http.port=0", ""));
        List<String> ids = truth.stream().map(TraceTruth::traceId).toList();
        try (Pipeline pipeline = Pipeline.start(StreamSettings.read(Settings.load(config, Map.of())))) {
            live = read("rp.live", emitted -> emitted.keySet().containsAll(ids));
        }
        assertThat(live).containsOnlyKeys(ids);
    }

    @Test
    @Order(1)
    void aReplayFromBeforeTheDataEmitsExactlyTheLiveTraces() {
        CliRun run = CliRun.of("replay", "--config", config.toString(), "--from", "2024-06-10T06:13:00Z",
                "--output-topic", "rp.replay");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("as application rp-live-replay-", "tracefill replay: done in");
        String app = run.err().replaceAll("(?s).*as application (rp-live-replay-[0-9-]+).*", "$1");
        assertThat(dir.resolve("state").resolve(app)).as("the replay's state").doesNotExist();
        assertThat(topics()).as("the replay's internal topics and changelogs").noneMatch(t -> t.startsWith(app));
        Map<String, List<byte[]>> replayed = read("rp.replay", emitted -> true);
        assertThat(replayed.keySet()).containsExactlyInAnyOrderElementsOf(live.keySet());
        for (String id : live.keySet()) {
            assertThat(readable(replayed.get(id))).as(id).isEqualTo(readable(live.get(id)));
        }
    }

    @Test
    @Order(2)
    void aReplayWithAnEndStopsThereAndEmitsTheTracesInsideAsLive() {
        long fromUs = START_US + 2_000_000;
        long toUs = START_US + 9_000_000;
        CliRun run = CliRun.of("replay", "--config", config.toString(), "--from", Long.toString(fromUs / 1000),
                "--to", Long.toString(toUs), "--output-topic", "rp.replay-to");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, List<byte[]>> replayed = read("rp.replay-to", emitted -> true);
        // traces well inside the range have all their records in it; those at its edges may lack some
        List<String> inside = truth.stream()
                .filter(t -> t.startTimeUs() >= fromUs + 2_000_000 && t.endTimeUs() <= toUs - 3_000_000)
                .map(TraceTruth::traceId).toList();
        List<String> after = truth.stream().filter(t -> t.startTimeUs() >= toUs + 1_500_000)
                .map(TraceTruth::traceId).toList();
        assertThat(inside).isNotEmpty();
        assertThat(after).isNotEmpty();
        assertThat(replayed).containsKeys(inside.toArray(String[]::new)).doesNotContainKeys(after.toArray(String[]::new));
        for (String id : inside) {
            assertThat(readable(replayed.get(id))).as(id).isEqualTo(readable(live.get(id)));
        }
    }

    private static Set<String> topics() {
        try (Admin admin = Admin.create(KAFKA.clientProperties())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Emissions as comparable text: the bytes in hex, after the trace drawn as a tree, so that a
     * difference shows where it is.
     */
    private static List<String> readable(List<byte[]> emissions) {
        List<String> out = new ArrayList<>();
        for (byte[] e : emissions == null ? List.<byte[]>of() : emissions) {
            String tree;
            try {
                tree = String.join("\n", TraceTree.of(TracesData.parseFrom(e)).lines(200));
            } catch (InvalidProtocolBufferException ex) {
                tree = "not OTLP: " + ex.getMessage();
            }
            out.add(tree + "\n" + HexFormat.of().formatHex(e));
        }
        return out;
    }

    /**
     * Reads a topic (read_committed) from the start until {@code done} holds for what was read and
     * the end offsets, as they are then, are reached.
     */
    private static Map<String, List<byte[]>> read(String topic, Predicate<Map<String, List<byte[]>>> done) {
        Map<String, Object> c = new HashMap<>(KAFKA.clientProperties());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!(done.test(out) && atEnd(consumer, parts))) {
                assertThat(System.nanoTime()).as("reading %s; have %d traces", topic, out.size()).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500))
                        .forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
            }
        }
        return out;
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> parts) {
        Map<TopicPartition, Long> end = consumer.endOffsets(parts);
        return parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }
}
