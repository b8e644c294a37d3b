package io.tracefill.topology.stream;

import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.otlp.OtlpSpanDecoder;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.stream.assembly.TraceEmission;
import io.tracefill.tracing.FlowOrder;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.TraceCompletion;

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

    /**
     * What the stream must emit for these records, computed offline: Trace Completion of each
     * trace's app spans (in FlowOrder) over an index of all DeepFlow rows, encoded as the output.
     *
     * @return trace id → output value
     */
    static Map<String, byte[]> offline(StreamSettings s, List<byte[]> deepflow, List<byte[]> otlp) throws Exception {
        TraceCompletion completion = new TraceCompletion(new InMemoryFlowIndex(deepflowFlows(deepflow)), s.tracing());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var e : appSpansByTrace(otlp).entrySet()) {
            List<Flow> app = new ArrayList<>(e.getValue());
            app.sort(FlowOrder.BY_START_THEN_ID);
            var result = completion.complete(app, s.tracing().maxIteration(), s.tracing().networkDelayUs());
            out.put(e.getKey(), TraceEmission.of(result, Set.of(), s.outputFormat(), false).value());
        }
        return out;
    }

    /** The DeepFlow rows of these records, as the stream reads them (unreadable ones are dead letters there). */
    static List<Flow> deepflowFlows(List<byte[]> deepflow) {
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
}
