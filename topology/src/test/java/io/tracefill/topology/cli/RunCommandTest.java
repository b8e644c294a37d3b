package io.tracefill.topology.cli;

import io.tracefill.topology.testkit.EmbeddedKafka;
import io.tracefill.workload.KafkaSink;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.TraceTruth;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracefill run} against a real broker: it completes traces until stopped, and says why it cannot start. */
class RunCommandTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final long START_US = Instant.parse("2024-06-10T06:13:20Z").getEpochSecond() * 1_000_000L;

    @TempDir
    Path dir;

    private Path config(String app, TopicNames input, String output) throws Exception {
        Path file = dir.resolve(app + ".properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + KAFKA.bootstrapServers(),
                "application.id=" + app,
                "state.dir=" + dir.resolve("state"),
                "tracefill.topic.otlp=" + input.otlp(),
                "tracefill.topic.deepflow=" + input.deepflow(),
                "tracefill.topic.output=" + output,
                "tracefill.topic.dead-letters=" + app + ".dead-letters",
                "tracefill.grace.ms=1000",
                "tracefill.idle.flush.ms=3000",
                "tracefill.http.port=0", ""));
        return file;
    }

    @Test
    void completesEveryTraceOfTheInputTopicsUntilStopped() throws Exception {
        TopicNames input = new TopicNames("run.otlp", "run.deepflow");
        for (String t : List.of(input.otlp(), input.deepflow(), "run.out")) {
            // 2024 records: no time-based deletion under the test
            KAFKA.createTopic(t, 2, Map.of("retention.ms", "-1"));
        }
        List<TraceTruth> truth = new ArrayList<>();
        try (KafkaSink sink = new KafkaSink(KAFKA.bootstrapServers(), input)) {
            Workload.generate(WorkloadSpec.of(5, 5, Duration.ofSeconds(6), START_US).withBackgroundScale(0.2),
                    truth::add).forEachRemaining(sink::write);
        }
        Path config = config("run-live", input, "run.out");

        CompletableFuture<CliRun> running = new CompletableFuture<>();
        Thread thread = new Thread(() -> running.complete(CliRun.of("run", "--config", config.toString())));
        thread.start();
        Set<String> expected = new HashSet<>(truth.stream().map(TraceTruth::traceId).toList());
        Set<String> emitted = readKeys("run.out", expected, Duration.ofSeconds(90));
        thread.interrupt();
        CliRun run = running.get(60, TimeUnit.SECONDS);

        assertThat(emitted).containsAll(expected);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("tracefill: running run-live on " + KAFKA.bootstrapServers());
    }

    @Test
    void aMissingInputTopicIsOneLineWithExitStatus2() throws Exception {
        Path config = config("run-missing", new TopicNames("run.nope.otlp", "run.nope.deepflow"), "run.nope.out");

        CliRun run = CliRun.of("run", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("run.nope.deepflow");
    }

    /** The distinct keys on the topic once they include {@code expected}, or when the deadline passes. */
    private static Set<String> readKeys(String topic, Set<String> expected, Duration deadline) {
        Set<String> keys = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            while (!keys.containsAll(expected) && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }
}
