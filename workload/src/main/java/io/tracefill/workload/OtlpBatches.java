package io.tracefill.workload;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.otlp.TracesDataJsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a trace's spans into the Kafka records the Collector writes. Each pod's SDK exports its
 * ended spans once a second ({@code OTEL_BSP_SCHEDULE_DELAY=1000}); the Collector's batch processor
 * sends what arrived every 200 ms; its Kafka exporter with {@code partition_traces_by_id} writes one
 * record per trace of the batch, keyed by the hex trace id. So a trace arrives as one record, or as
 * a few when its spans straddle a flush, and its record is a second or so behind its spans.
 */
final class OtlpBatches {
    private static final long SDK_FLUSH_US = 1_000_000;
    private static final long COLLECTOR_FLUSH_US = 200_000;

    private final Ids ids;
    private final OtlpEncoding encoding;
    private final OtelResources resources = new OtelResources();
    private final Map<String, Long> sdkPhase = new HashMap<>();
    private final long collectorPhase;

    OtlpBatches(Ids ids, OtlpEncoding encoding) {
        this.ids = ids;
        this.encoding = encoding;
        this.collectorPhase = ids.between(0, COLLECTOR_FLUSH_US - 1);
    }

    /** Adds the records of {@code out}'s spans (all of one trace) to its records. */
    void flush(Output out) {
        record Sent(Output.SpanOut span, long arrivalUs, long batchUs, int order) {
        }
        List<Sent> sent = new ArrayList<>();
        for (Output.SpanOut s : out.spans) {
            long phase = sdkPhase.computeIfAbsent(s.pod().name(), p -> ids.between(0, SDK_FLUSH_US - 1));
            long arrival = nextTick(phase, SDK_FLUSH_US, s.trueEndUs()) + ids.between(500, 5_000);
            sent.add(new Sent(s, arrival, nextTick(collectorPhase, COLLECTOR_FLUSH_US, arrival), sent.size()));
        }
        sent.sort(Comparator.comparingLong(Sent::arrivalUs).thenComparingInt(Sent::order));
        Map<Long, List<Output.SpanOut>> batches = new LinkedHashMap<>();
        for (Sent s : sent) {
            batches.computeIfAbsent(s.batchUs(), b -> new ArrayList<>()).add(s.span());
        }
        for (Map.Entry<Long, List<Output.SpanOut>> b : batches.entrySet()) {
            List<Output.SpanOut> spans = b.getValue();
            byte[] key = Otel.hex(spans.get(0).span().getTraceId()).getBytes(StandardCharsets.US_ASCII);
            WireRecord r = new WireRecord(Topic.OTLP, key, encode(tracesData(spans)), Math.floorDiv(b.getKey(), 1000L));
            out.records.add(new Output.Timed(b.getKey(), r));
        }
        out.spans.clear();
    }

    /** One ResourceSpans per pod and one ScopeSpans per library, in the order the spans came. */
    private TracesData tracesData(List<Output.SpanOut> spans) {
        Map<String, Map<Output.Scope, ScopeSpans.Builder>> byPod = new LinkedHashMap<>();
        Map<String, Cluster.Pod> pods = new HashMap<>();
        for (Output.SpanOut s : spans) {
            pods.put(s.pod().name(), s.pod());
            byPod.computeIfAbsent(s.pod().name(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(s.scope(), sc -> ScopeSpans.newBuilder().setScope(
                            InstrumentationScope.newBuilder().setName(sc.name()).setVersion(sc.version())))
                    .addSpans(s.span());
        }
        TracesData.Builder t = TracesData.newBuilder();
        for (Map.Entry<String, Map<Output.Scope, ScopeSpans.Builder>> e : byPod.entrySet()) {
            ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(resources.of(pods.get(e.getKey())))
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0");
            e.getValue().values().forEach(rs::addScopeSpans);
            t.addResourceSpans(rs);
        }
        return t.build();
    }

    /**
     * {@code TracesData} and {@code ExportTraceServiceRequest} are the same message on the wire
     * (field 1, repeated ResourceSpans), so its bytes are what the exporter's otlp_proto writes.
     */
    private byte[] encode(TracesData data) {
        return encoding == OtlpEncoding.OTLP_PROTO ? data.toByteArray() : TracesDataJsonWriter.write(data);
    }

    /** The first tick of a clock ticking every {@code period} from {@code phase} at or after {@code t}. */
    static long nextTick(long phase, long period, long t) {
        return phase + Math.floorDiv(t - phase + period - 1, period) * period;
    }
}
