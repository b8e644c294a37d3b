package io.tracefill.topology.stream;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.kafka.DeadLetterHeaders;
import io.tracefill.serdes.otlp.OtlpAttributes;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> deepflow;
    private TestInputTopic<byte[], byte[]> otlp;
    private TestOutputTopic<byte[], byte[]> output;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private StreamSettings settings;

    private void start(Map<String, String> overrides) {
        settings = StreamFixture.settings(overrides);
        driver = StreamFixture.driver(TopologyFactory.build(settings), settings, stateDir);
        var in = new ByteArraySerializer();
        var out = new ByteArrayDeserializer();
        deepflow = driver.createInputTopic(settings.deepflowTopic(), in, in);
        otlp = driver.createInputTopic(settings.otlpTopic(), in, in);
        output = driver.createOutputTopic(settings.outputTopic(), out, out);
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), out, out);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void pipeExample() {
        StreamFixture.pipeExample(deepflow, otlp);
    }

    /** Every input goes quiet: the ingest punctuators report idle and the watermarks move past everything. */
    private void goQuiet() {
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
    }

    @Test
    @DisplayName("emits the example trace exactly as the offline engine completes it, system and network spans under app spans")
    void emitsWhatTheOfflineEngineComputes() throws Exception {
        start(Map.of());
        pipeExample();
        goQuiet();

        List<TestRecord<byte[], byte[]>> emitted = output.readRecordsToList();
        assertThat(emitted).hasSize(1);
        assertThat(new String(emitted.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(StreamFixture.EXAMPLE_TRACE);
        byte[] expected = StreamFixture.offline(settings, StreamFixture.exampleDeepFlowRecords(),
                List.of(StreamFixture.exampleOtlpRecord())).get(StreamFixture.EXAMPLE_TRACE);
        assertThat(emitted.get(0).value()).isEqualTo(expected);

        List<Span> spans = spans(TracesData.parseFrom(emitted.get(0).value()));
        assertThat(spans.size()).isGreaterThan(2);
        var ids = spans.stream().map(s -> hex(s.getSpanId().toByteArray())).toList();
        for (Span s : spans) {
            if (!s.getParentSpanId().isEmpty()) {
                assertThat(ids).contains(hex(s.getParentSpanId().toByteArray()));
            }
        }
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("many concurrent traces, interleaved across inputs: each emitted once, exactly as offline")
    void concurrentTracesMatchTheOfflineEngine() throws Exception {
        start(Map.of());
        ExampleTraffic traffic = new ExampleTraffic(60, 150_000);
        int d = 0;
        for (var o : traffic.otlp) {
            otlp.pipeInput(o.key(), o.value(), o.timestampMs());
            for (int i = 0; i < 8 && d < traffic.deepflow.size(); i++, d++) {
                var r = traffic.deepflow.get(d);
                deepflow.pipeInput(r.key(), r.value(), r.timestampMs());
            }
        }
        goQuiet();

        Map<String, byte[]> expected = StreamFixture.offline(settings, traffic.deepflowValues(), traffic.otlpValues());
        Map<String, byte[]> actual = new java.util.LinkedHashMap<>();
        for (var r : output.readRecordsToList()) {
            assertThat(actual.put(new String(r.key(), StandardCharsets.UTF_8), r.value())).as("emitted once").isNull();
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(traffic.traceIds);
        for (String id : traffic.traceIds) {
            assertThat(actual.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    @Test
    @DisplayName("holds a trace until every input's event time has passed its end, then emits it once")
    void closesOnEventTimeNotBefore() {
        start(Map.of());
        pipeExample();
        assertThat(output.isEmpty()).as("no input has moved past the trace yet").isTrue();

        // later traffic on both inputs moves both watermarks past the trace's end + delays + windows
        long later = 1718000030000000L;
        otlp.pipeInput(null, new OtlpRequests().span("other", "other-0", "0123456789abcdef0123456789abcdef",
                "0123456789abcdef", "", Span.SpanKind.SPAN_KIND_SERVER, later, later + 1000).bytes(), later / 1000);
        assertThat(output.isEmpty()).as("the DeepFlow input has not moved: probes wait").isTrue();
        deepflow.pipeInput(null, StreamFixture.exampleDeepFlowRecords().get(0).clone(), later / 1000);
        // the example row again, re-timed: only its end time matters to the watermark
        deepflow.pipeInput(null, retimed(StreamFixture.exampleDeepFlowRecords().get(0), later), later / 1000);

        assertThat(output.readRecordsToList()).hasSize(1);
        goQuiet();
        assertThat(output.readRecordsToList()).as("the other trace").hasSize(1);
    }

    @Test
    @DisplayName("bad records of both inputs go to the dead-letter topic with the reason; the good trace is still emitted")
    void deadLettersBadInputAndKeepsGoing() throws Exception {
        start(Map.of());
        deepflow.pipeInput(null, "{not json".getBytes(StandardCharsets.UTF_8), 1718000000000L);
        otlp.pipeInput(null, new byte[] {0x0a, (byte) 0xff, 0x01}, 1718000000000L);
        deepflow.pipeInput(null, retimed(StreamFixture.exampleDeepFlowRecords().get(0), 4_200_000_000_000_000L),
                1718000000000L);
        pipeExample();
        goQuiet();

        var letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(3);
        assertThat(header(letters.get(0), DeadLetterHeaders.TOPIC)).isEqualTo(settings.deepflowTopic());
        assertThat(header(letters.get(0), DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(letters.get(0), DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(header(letters.get(1), DeadLetterHeaders.TOPIC)).isEqualTo(settings.otlpTopic());
        assertThat(header(letters.get(2), DeadLetterHeaders.REASON)).contains("outside the years 2000-2099");
        assertThat(letters.get(0).value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(output.readRecordsToList()).hasSize(1);
        assertThat(metric("dead-letters-total")).isEqualTo(3.0);
    }

    @Test
    @DisplayName("a late app span re-opens its emitted trace; the new emission carries only spans not sent before")
    void lateAppSpanEmitsOnlyNewSpans() throws Exception {
        start(Map.of());
        pipeExample();
        goQuiet();
        var first = spans(TracesData.parseFrom(output.readRecordsToList().get(0).value()));

        otlp.pipeInput(null, new OtlpRequests().span("frontend", "frontend-6d5f9c7b8-x2k4q", StreamFixture.EXAMPLE_TRACE,
                "00000000000000aa", "9f8e7d6c5b4a3210", Span.SpanKind.SPAN_KIND_INTERNAL, 1718000000111000L,
                1718000000112000L).bytes(), 1718000000112L);
        goQuiet();

        var second = output.readRecordsToList();
        assertThat(second).hasSize(1);
        var again = spans(TracesData.parseFrom(second.get(0).value()));
        assertThat(again).extracting(s -> hex(s.getSpanId().toByteArray())).containsExactly("00000000000000aa");
        assertThat(first).extracting(s -> hex(s.getSpanId().toByteArray())).doesNotContain("00000000000000aa");
        assertThat(metric("late-app-spans-total")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("app spans beyond the per-trace bound are cut, and the trace says so")
    void spansPerTraceBoundIsMarked() throws Exception {
        start(Map.of(StreamSettings.SPANS_PER_TRACE, "1"));
        pipeExample();
        goQuiet();
        var spans = spans(TracesData.parseFrom(output.readRecordsToList().get(0).value()));
        assertThat(spans.stream().filter(s -> s.getAttributesList().stream()
                .anyMatch(a -> a.getKey().equals(OtlpAttributes.NOTES)
                        && a.getValue().toString().contains("beyond the bound of 1 per trace")))).isNotEmpty();
        assertThat(metric("cut-traces-total")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a correlation key shared by more flows than the bound keeps the first ones; traces that probe it say so")
    void flowsPerKeyBoundIsMarked() throws Exception {
        start(Map.of(StreamSettings.FLOWS_PER_KEY, "1"));
        pipeExample();
        goQuiet();
        var spans = spans(TracesData.parseFrom(output.readRecordsToList().get(0).value()));
        assertThat(spans.stream().filter(s -> s.getAttributesList().stream()
                .anyMatch(a -> a.getKey().equals(OtlpAttributes.NOTES)
                        && a.getValue().toString().contains("held more than 1 flows per minute")))).isNotEmpty();
        assertThat(metric("cut-flows-total")).isGreaterThan(0.0);
    }

    @Test
    @DisplayName("a DeepFlow flow that reaches the index after its watermark passed it is counted late, and no trace is re-emitted")
    void lateDeepFlowFlowIsCounted() {
        start(Map.of());
        pipeExample();
        goQuiet();
        assertThat(output.readRecordsToList()).hasSize(1);
        deepflow.pipeInput(null, retimed(StreamFixture.exampleDeepFlowRecords().get(0), 1718000000137000L),
                1718000000200L);
        goQuiet();
        assertThat(output.isEmpty()).isTrue();
        assertThat(metric("late-flows-total")).isGreaterThan(0.0);
    }

    private static final String HEALTH_CHECK_CLIENT = "7378753814532194411";
    private static final String HEALTH_CHECK_SERVER = "7378753814532194412";

    private Map<String, byte[]> outputByKey() {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        for (var r : output.readRecordsToList()) {
            assertThat(out.put(new String(r.key(), StandardCharsets.UTF_8), r.value())).as("emitted once").isNull();
        }
        return out;
    }

    @Test
    @DisplayName("seeding off: only app traces are emitted, no seed is started")
    void withoutSeedingOnlyAppTracesAreEmitted() {
        start(Map.of());
        pipeExample();
        goQuiet();
        assertThat(outputByKey()).containsOnlyKeys(StreamFixture.EXAMPLE_TRACE);
        assertThat(metric("seeds-started-total")).isZero();
    }

    @Test
    @DisplayName("seeding on: the untraced health check becomes a trace of its own, as offline L7FlowTracing from its s-p; "
            + "the MySQL s-p, whose search meets the app trace's id, is dropped; the app trace is unchanged")
    void seedsTheUntracedHealthCheckAndDropsTheCoveredMySqlCall() throws Exception {
        start(Map.of(StreamSettings.SEED_DEEPFLOW_ONLY, "true"));
        pipeExample();
        goQuiet();

        var seeds = StreamFixture.offlineSeeds(settings, StreamFixture.exampleDeepFlowRecords());
        assertThat(seeds).extracting(seed -> seed.entry().tapSide()).containsOnly("s-p");
        var emitted = seeds.stream().filter(seed -> seed.verdict() == SeedRule.Verdict.EMIT).toList();
        assertThat(emitted).singleElement().satisfies(seed -> assertThat(seed.entry().id()).isEqualTo(HEALTH_CHECK_SERVER));
        String seededKey = emitted.get(0).key();
        assertThat(seededKey).matches("[0-9a-f]{32}").isNotEqualTo(StreamFixture.EXAMPLE_TRACE);

        Map<String, byte[]> out = outputByKey();
        assertThat(out).containsOnlyKeys(StreamFixture.EXAMPLE_TRACE, seededKey);
        assertThat(out.get(seededKey)).isEqualTo(emitted.get(0).value());
        assertThat(out.get(StreamFixture.EXAMPLE_TRACE)).isEqualTo(StreamFixture.offline(settings,
                StreamFixture.exampleDeepFlowRecords(), List.of(StreamFixture.exampleOtlpRecord()))
                .get(StreamFixture.EXAMPLE_TRACE));
        var seeded = spans(TracesData.parseFrom(out.get(seededKey)));
        assertThat(seeded).extracting(Span::getName).containsOnly("HTTP GET /healthz");
        assertThat(seeded).allSatisfy(sp -> assertThat(hex(sp.getTraceId().toByteArray())).isEqualTo(seededKey));
        assertThat(metric("seeds-started-total")).isEqualTo(2.0);
        assertThat(metric("seeds-emitted-total")).isEqualTo(1.0);
        assertThat(metric("seeds-dropped-traced-total")).isEqualTo(1.0);
        assertThat(metric("seeds-dropped-not-first-total")).isZero();
    }

    @Test
    @DisplayName("two candidates of one request (c-p and s-p seeding): only the earlier one in FlowOrder emits it")
    void theEarliestCandidateOfARequestEmitsItOnce() throws Exception {
        start(Map.of(StreamSettings.SEED_DEEPFLOW_ONLY, "true", StreamSettings.SEED_TAP_SIDES, "s-p, c-p"));
        pipeExample();
        goQuiet();

        var seeds = StreamFixture.offlineSeeds(settings, StreamFixture.exampleDeepFlowRecords());
        var emitted = seeds.stream().filter(seed -> seed.verdict() == SeedRule.Verdict.EMIT).toList();
        assertThat(emitted).singleElement().satisfies(seed -> assertThat(seed.entry().id()).isEqualTo(HEALTH_CHECK_CLIENT));
        assertThat(seeds).filteredOn(seed -> seed.entry().id().equals(HEALTH_CHECK_SERVER))
                .extracting(StreamFixture.Seed::verdict).containsExactly(SeedRule.Verdict.NOT_FIRST);

        Map<String, byte[]> out = outputByKey();
        assertThat(out).containsOnlyKeys(StreamFixture.EXAMPLE_TRACE, emitted.get(0).key());
        assertThat(out.get(emitted.get(0).key())).isEqualTo(emitted.get(0).value());
        assertThat(spans(TracesData.parseFrom(out.get(emitted.get(0).key())))).hasSize(2);
        assertThat(metric("seeds-started-total")).isEqualTo(4.0);
        assertThat(metric("seeds-emitted-total")).isEqualTo(1.0);
        assertThat(metric("seeds-dropped-traced-total")).isEqualTo(2.0);
        assertThat(metric("seeds-dropped-not-first-total")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a seed closes on the DeepFlow input's event time alone: an eBPF-only cluster with no OTLP traffic gets traces")
    void seedsCloseOnTheDeepFlowInputWithoutOtlpTraffic() {
        start(Map.of(StreamSettings.SEED_DEEPFLOW_ONLY, "true"));
        for (byte[] row : StreamFixture.exampleDeepFlowRecords()) {
            deepflow.pipeInput(null, row, 1718000000200L);
        }
        assertThat(output.isEmpty()).isTrue();
        long later = 1718000030000000L;
        deepflow.pipeInput(null, retimed(StreamFixture.exampleDeepFlowRecords().get(0), later), later / 1000);

        // no OTLP record, no idle report: the DeepFlow watermark alone closed the seed and answered its probes
        assertThat(outputByKey()).hasSize(1);
        assertThat(metric("seeds-emitted-total")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a candidate row delivered twice (an at-least-once exporter) seeds once")
    void aRowDeliveredTwiceSeedsOnce() {
        start(Map.of(StreamSettings.SEED_DEEPFLOW_ONLY, "true"));
        pipeExample();
        goQuiet();
        assertThat(outputByKey()).hasSize(2);
        byte[] healthCheckServer = StreamFixture.exampleDeepFlowRecords().get(7);
        assertThat(new String(healthCheckServer, StandardCharsets.UTF_8)).contains(HEALTH_CHECK_SERVER);
        deepflow.pipeInput(null, healthCheckServer, 1718000000200L);
        goQuiet();
        assertThat(output.isEmpty()).isTrue();
        assertThat(metric("seeds-started-total")).isEqualTo(2.0);
    }

    private static byte[] retimed(byte[] exporterRow, long endUs) {
        String s = new String(exporterRow, StandardCharsets.UTF_8)
                .replaceAll("\"start_time\": \\d+", "\"start_time\": " + (endUs - 1000))
                .replaceAll("\"end_time\": \\d+", "\"end_time\": " + endUs)
                .replaceAll("\"_id\": \\d+", "\"_id\": 42");
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(TaskSensors.GROUP) && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<Span> spans(TracesData data) {
        List<Span> out = new ArrayList<>();
        data.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> out.addAll(ss.getSpansList())));
        return out;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
