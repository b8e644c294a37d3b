package io.tracefill.topology.stream;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.workload.Topic;
import io.tracefill.workload.TraceTruth;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream on the generated shop workload (gateways, X-Request-ID, DNS, MySQL, Redis, background noise). */
class GeneratedWorkloadTopologyTest {
    private static final List<TraceTruth> TRUTH = new ArrayList<>();
    private static final List<WireRecord> RECORDS = new ArrayList<>();

    @TempDir
    Path stateDir;

    @BeforeAll
    static void generate() {
        Workload.generate(WorkloadSpec.of(7, 20, Duration.ofSeconds(8), WorkloadSpec.DEFAULT_START_US), TRUTH::add)
                .forEachRemaining(RECORDS::add);
    }

    /** What the topology emits for the workload: output key → value, each key once, and its seed metrics. */
    private record Run(Map<String, byte[]> emitted, Map<String, Double> metrics) {
    }

    private Run run(StreamSettings settings) {
        Map<String, byte[]> emitted = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (var driver = StreamFixture.driver(TopologyFactory.build(settings), settings, stateDir)) {
            var in = new ByteArraySerializer();
            var deepflow = driver.createInputTopic(settings.deepflowTopic(), in, in);
            var otlp = driver.createInputTopic(settings.otlpTopic(), in, in);
            for (WireRecord r : RECORDS) {
                (r.topic() == Topic.OTLP ? otlp : deepflow).pipeInput(r.key(), r.value(), r.timestampMs());
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
            driver.metrics().forEach((name, metric) -> {
                if (name.group().equals(TaskSensors.GROUP) && name.name().startsWith("seeds-")
                        && name.name().endsWith("-total")) {
                    metrics.merge(name.name(), ((Number) metric.metricValue()).doubleValue(), Double::sum);
                }
            });
        }
        assertThat(twice).as("traces emitted twice").isEmpty();
        return new Run(emitted, metrics);
    }

    private static List<byte[]> values(Topic topic) {
        return RECORDS.stream().filter(r -> r.topic() == topic).map(WireRecord::value).toList();
    }

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
        Map<String, byte[]> emitted = run(settings).emitted();

        Map<String, byte[]> expected = StreamFixture.offline(settings, values(Topic.DEEPFLOW), values(Topic.OTLP));
        assertThat(TRUTH).hasSizeGreaterThan(100);
        assertThat(emitted.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(emitted.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    @Test
    @DisplayName("seeding on: the background traffic (kubelet probes, Prometheus scrapes, the batch job) comes out as "
            + "DeepFlow-only traces equal to offline L7FlowTracing from their entries; requests the app spans cover "
            + "are not seeded again; app traces are unchanged")
    void seedsTheDeepFlowOnlyTrafficAsOffline() throws Exception {
        StreamSettings settings = StreamFixture.settings(Map.of(StreamSettings.GRACE_MS, "5000",
                StreamSettings.SEED_DEEPFLOW_ONLY, "true"));
        Run run = run(settings);

        Map<String, byte[]> appTraces = StreamFixture.offline(settings, values(Topic.DEEPFLOW), values(Topic.OTLP));
        List<StreamFixture.Seed> seeds = StreamFixture.offlineSeeds(settings, values(Topic.DEEPFLOW));
        List<StreamFixture.Seed> emittedSeeds = seeds.stream().filter(s -> s.verdict() == SeedRule.Verdict.EMIT).toList();
        Map<String, byte[]> expected = new LinkedHashMap<>(appTraces);
        for (var seed : emittedSeeds) {
            assertThat(expected.put(seed.key(), seed.value())).as("seed key %s collides", seed.key()).isNull();
        }
        assertThat(run.emitted().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (var e : expected.entrySet()) {
            assertThat(run.emitted().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }

        // the requests of users, which app spans cover, share no row with any seeded trace — except the DNS
        // server's rows, which the app trace cannot reach without `dns` in tracing_source: those are seeded
        Set<String> requestRows = new HashSet<>();
        TRUTH.forEach(t -> requestRows.addAll(t.deepflowRowIds()));
        requestRows.removeIf(id -> TRUTH.stream().anyMatch(t -> t.dnsRowIds().contains(id)));
        Set<String> seededRows = new HashSet<>();
        for (var seed : emittedSeeds) {
            for (TracedSpan span : seed.result().tracing()) {
                seededRows.addAll(span.ids());
                assertThat(span.flow().traceId()).as("a seeded trace holds no trace id").isEmpty();
            }
        }
        assertThat(seededRows).doesNotContainAnyElementsOf(requestRows);

        // each kind of background traffic is traced, and so is most of it
        assertThat(emittedSeeds).anySatisfy(s -> assertThat(rows(s)).anyMatch(f -> f.client().processKname().equals("kubelet")));
        assertThat(emittedSeeds).anySatisfy(s -> assertThat(rows(s)).anyMatch(f -> f.client().autoInstance().startsWith("prometheus")));
        assertThat(emittedSeeds).anySatisfy(s -> assertThat(rows(s)).anyMatch(f -> f.client().autoInstance().startsWith("inventory-sync")));
        assertThat(emittedSeeds.size()).as("seeded traces").isGreaterThan(40);
        assertThat(seeds.stream().filter(s -> s.verdict() == SeedRule.Verdict.TRACED).count())
                .as("candidates inside app-covered requests").isGreaterThan(100);
        // every candidate outside app-covered requests is in exactly one emitted seeded trace
        for (var seed : seeds) {
            if (seed.verdict() != SeedRule.Verdict.TRACED) {
                assertThat(emittedSeeds.stream().filter(e -> e.result().tracing().stream()
                        .anyMatch(span -> span.ids().contains(seed.entry().id()))).count())
                        .as("seeded traces holding candidate %s", seed.entry().id()).isEqualTo(1);
            }
        }

        assertThat(run.metrics()).containsEntry("seeds-started-total", (double) seeds.size())
                .containsEntry("seeds-emitted-total", (double) emittedSeeds.size())
                .containsEntry("seeds-dropped-traced-total",
                        (double) seeds.stream().filter(s -> s.verdict() == SeedRule.Verdict.TRACED).count())
                .containsEntry("seeds-dropped-not-first-total",
                        (double) seeds.stream().filter(s -> s.verdict() == SeedRule.Verdict.NOT_FIRST).count());
    }

    private static List<Flow> rows(StreamFixture.Seed seed) {
        return seed.result().tracing().stream().map(TracedSpan::flow).toList();
    }
}
