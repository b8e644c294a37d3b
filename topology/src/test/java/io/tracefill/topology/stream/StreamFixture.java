package io.tracefill.topology.stream;

import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.otlp.OtlpSpanDecoder;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.stream.assembly.TraceEmission;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.FlowOrder;
import io.tracefill.tracing.FlowTracingRun;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TraceRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Settings, inputs and the offline expectation shared by the stream's tests. */
final class StreamFixture {
    static final Path EXAMPLE_FLOWS = Path.of("..", "examples", "frontend-orders.jsonl");
    static final String EXAMPLE_TRACE = "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f";

    private StreamFixture() {
    }

    static StreamSettings settings(Map<String, String> overrides) {
        Properties p = new Properties();
        p.setProperty(StreamSettings.APPLICATION_ID, "tf-test");
        p.setProperty(StreamSettings.GRACE_MS, "1000");
        p.setProperty(StreamSettings.IDLE_FLUSH_MS, "1000");
        p.putAll(overrides);
        return StreamSettings.read(Settings.of(p, Map.of()));
    }

    static List<byte[]> exampleDeepFlowRecords() {
        try {
            List<byte[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(EXAMPLE_FLOWS, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example's two app spans (frontend's server span and its client call to orders) as one OTLP record. */
    static byte[] exampleOtlpRecord() {
        return new OtlpRequests()
                .span("frontend", "frontend-6d5f9c7b8-x2k4q", EXAMPLE_TRACE, "9f8e7d6c5b4a3210", "",
                        io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER, 1718000000110000L,
                        1718000000150000L)
                .span("frontend", "frontend-6d5f9c7b8-x2k4q", EXAMPLE_TRACE, "a1b2c3d4e5f60718", "9f8e7d6c5b4a3210",
                        io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT, 1718000000120000L,
                        1718000000140000L)
                .bytes();
    }

    /** A TopologyTestDriver of the topology under these settings, its stores in {@code stateDir}, wall clock at 0. */
    static org.apache.kafka.streams.TopologyTestDriver driver(org.apache.kafka.streams.Topology topology,
                                                              StreamSettings s, Path stateDir) {
        Properties props = new Properties();
        props.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        props.put(org.apache.kafka.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new org.apache.kafka.streams.TopologyTestDriver(topology, props, java.time.Instant.ofEpochMilli(0));
    }

    /** The bundled example's DeepFlow rows and its OTLP record, piped at their usual times. */
    static void pipeExample(org.apache.kafka.streams.TestInputTopic<byte[], byte[]> deepflow,
                            org.apache.kafka.streams.TestInputTopic<byte[], byte[]> otlp) {
        for (byte[] row : exampleDeepFlowRecords()) {
            deepflow.pipeInput(null, row, 1718000000200L);
        }
        otlp.pipeInput(EXAMPLE_TRACE.getBytes(StandardCharsets.UTF_8), exampleOtlpRecord(), 1718000000150L);
    }

    /**
     * What the stream must emit for these records, computed offline: Trace Completion of each
     * trace's app spans (in FlowOrder) over an index of all DeepFlow rows, encoded as the output.
     *
     * @return trace id → output value
     */
    static Map<String, byte[]> offline(StreamSettings s, List<byte[]> deepflow, List<byte[]> otlp) throws Exception {
        TraceCompletion completion = new TraceCompletion(new InMemoryFlowIndex(deepflowRows(deepflow)), s.tracing());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var e : appSpansByTrace(otlp).entrySet()) {
            List<Flow> app = new ArrayList<>(e.getValue());
            app.sort(FlowOrder.BY_START_THEN_ID);
            var result = completion.complete(app, s.tracing().maxIteration(), s.tracing().networkDelayUs());
            out.put(e.getKey(), TraceEmission.of(result, Set.of(), s.outputFormat(), false).value());
        }
        return out;
    }

    /** The app spans of OTLP protobuf records, by trace id, in record order. */
    static Map<String, List<Flow>> appSpansByTrace(List<byte[]> otlp) {
        OtlpSpanDecoder spans = new OtlpSpanDecoder();
        Map<String, List<Flow>> byTrace = new LinkedHashMap<>();
        for (byte[] r : otlp) {
            try {
                for (Flow f : spans.decodeProtoBatch(r).flows()) {
                    byTrace.computeIfAbsent(f.traceId(), k -> new ArrayList<>()).add(f);
                }
            } catch (io.tracefill.serdes.json.DecodeException e) {
                throw new IllegalArgumentException("not an OTLP protobuf record: " + e.getMessage(), e);
            }
        }
        return byTrace;
    }

    /** The DeepFlow records as the stream decodes them; bad ones are left out (dead letters there). */
    static List<Flow> deepflowRows(List<byte[]> deepflow) {
        FlowRowDecoder rows = new FlowRowDecoder();
        List<Flow> flows = new ArrayList<>();
        for (byte[] r : deepflow) {
            try {
                flows.add(rows.decode(r));
            } catch (io.tracefill.serdes.json.DecodeException e) {
                // refused by the stream too (dead letter)
            }
        }
        return flows;
    }

    /**
     * One seed candidate's fate, computed offline.
     *
     * @param entry   the candidate row
     * @param verdict emitted or why not
     * @param result  for an emitted seed, L7FlowTracing from the row in its seed window over all
     *                DeepFlow rows; else null
     * @param key     the output key of an emitted seed, else null
     * @param value   the output value of an emitted seed, else null
     */
    record Seed(Flow entry, SeedRule.Verdict verdict, TracingResult result, String key, byte[] value) {
    }

    /**
     * What seeding must do with these DeepFlow records: for each candidate (first of each
     * {@code _id}), the search from it over an index of all rows, stopped when a row found carries
     * a trace id, else judged by the seed rule when done; an emitted seed's trace is DeepFlow's
     * L7FlowTracing from it — what {@code tracefill trace --id <_id> --time-start <start s − 3>
     * --time-end <end s + 3>} prints.
     */
    static List<Seed> offlineSeeds(StreamSettings s, List<byte[]> deepflow) {
        InMemoryFlowIndex index = new InMemoryFlowIndex(deepflowRows(deepflow));
        SeedRule rule = new SeedRule(s.seedTapSides());
        L7FlowTracing engine = new L7FlowTracing(index, s.tracing());
        List<Seed> out = new ArrayList<>();
        for (Flow f : index.flows()) {
            if (!rule.isCandidate(f)) {
                continue;
            }
            TimeWindow window = FlowTracingRun.windowOf(f);
            FlowTracingRun run = new FlowTracingRun(f, window, s.tracing());
            while (!run.done() && !rule.traced(run.found())) {
                run.answer(index.answer(run.awaiting().orElseThrow()));
            }
            SeedRule.Verdict verdict = rule.verdict(f, run.found());
            if (verdict != SeedRule.Verdict.EMIT) {
                out.add(new Seed(f, verdict, null, null, null));
                continue;
            }
            TracingResult result = engine.trace(new TraceRequest(f.id(), null, window, null, null, null, false));
            if (!result.equals(run.result())) {
                throw new AssertionError("the resumable run differs from L7FlowTracing for entry " + f.id());
            }
            var emission = TraceEmission.of(result, Set.of(), s.outputFormat(), false);
            out.add(new Seed(f, verdict, result, emission.key(), emission.value()));
        }
        return out;
    }
}
