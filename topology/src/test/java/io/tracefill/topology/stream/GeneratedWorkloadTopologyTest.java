package io.tracefill.topology.stream;

import io.tracefill.topology.config.StreamSettings;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream on the generated shop workload (gateways, X-Request-ID, DNS, MySQL, Redis, background noise). */
class GeneratedWorkloadTopologyTest {
    @TempDir
    Path stateDir;

    /**
     * With live runs kept in memory (the default) and with none (every answer replays the trace's
     * engine run from the stored answers, as after a restart or a task move), the output is the same.
     */
    @ParameterizedTest(name = "{0} live runs per task")
    @ValueSource(strings = {"4096", "0"})
    @DisplayName("every generated trace is emitted once, identical to the offline engine over the same records")
    void generatedTrafficMatchesTheOfflineEngine(String liveRuns) throws Exception {
        StreamSettings settings = StreamFixture.settings(Map.of(StreamSettings.GRACE_MS, "5000",
                StreamSettings.LIVE_RUNS, liveRuns));
        List<String> traceIds = new ArrayList<>();
        List<WireRecord> records = new ArrayList<>();
        Workload.generate(WorkloadSpec.of(7, 20, Duration.ofSeconds(8), WorkloadSpec.DEFAULT_START_US),
                t -> traceIds.add(t.traceId())).forEachRemaining(records::add);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Map<String, byte[]> emitted = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        try (var driver = new TopologyTestDriver(TopologyFactory.build(settings), props, Instant.ofEpochMilli(0))) {
            var in = new ByteArraySerializer();
            var deepflow = driver.createInputTopic(settings.deepflowTopic(), in, in);
            var otlp = driver.createInputTopic(settings.otlpTopic(), in, in);
            for (WireRecord r : records) {
                (r.topic() == io.tracefill.workload.Topic.OTLP ? otlp : deepflow).pipeInput(r.key(), r.value(), r.timestampMs());
            }
            driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
            driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
            var out = new ByteArrayDeserializer();
            for (var r : driver.createOutputTopic(settings.outputTopic(), out, out).readRecordsToList()) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (emitted.put(key, r.value()) != null) {
                    twice.add(key);
                }
            }
            assertThat(driver.createOutputTopic(settings.deadLetterTopic(), out, out).isEmpty()).isTrue();
        }

        assertThat(twice).as("traces emitted twice").isEmpty();
        List<byte[]> deepflowValues = records.stream().filter(r -> r.topic() == io.tracefill.workload.Topic.DEEPFLOW)
                .map(WireRecord::value).toList();
        List<byte[]> otlpValues = records.stream().filter(r -> r.topic() == io.tracefill.workload.Topic.OTLP)
                .map(WireRecord::value).toList();
        Map<String, byte[]> expected = StreamFixture.offline(settings, deepflowValues, otlpValues);
        assertThat(traceIds).hasSizeGreaterThan(100);
        assertThat(emitted.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(emitted.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }
}
