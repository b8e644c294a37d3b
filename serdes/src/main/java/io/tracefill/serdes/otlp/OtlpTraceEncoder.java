package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one completed trace as OTLP, for an OpenTelemetry Collector's Kafka receiver to forward
 * to Jaeger or Tempo (formats §4): {@code otlp_proto} is a serialized {@link TracesData}, the
 * record key is the trace id as 32 lowercase hex digits ({@code partition_traces_by_id}).
 *
 * <p>The output is a well-formed trace by construction (docs/otlp-output.md): one trace id;
 * unique, valid span ids (app spans keep theirs, eBPF and Packet spans get ids derived from
 * their {@code deepflow_span_id}); every parent is in the trace or the span is a root; each span
 * the engine listed twice is written once. The same result always encodes to the same bytes.
 *
 * <p>Spans are grouped into one {@code ResourceSpans} per service (see {@link ServiceResource}),
 * in order of first appearance, each with one scope named {@value #SCOPE_NAME}; inside a group
 * spans keep the engine's output order.
 *
 * <p>Instances hold no state and are thread-safe.
 */
public final class OtlpTraceEncoder {
    /** The instrumentation scope of every span written. */
    public static final String SCOPE_NAME = "tracefill";

    private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder().setName(SCOPE_NAME).build();

    /** An encoder; it holds no state, so one instance can serve every thread. */
    public OtlpTraceEncoder() {
    }

    /** One completed trace as one {@link TracesData}; empty when nothing was found. */
    public TracesData encode(TracingResult result) {
        if (!result.found() || result.tracing().isEmpty()) {
            return TracesData.getDefaultInstance();
        }
        List<TracedSpan> spans = distinct(result.tracing());
        TraceIdChoice traceId = TraceIdChoice.choose(spans);
        SpanIdAssigner.Assigned ids = SpanIdAssigner.assign(spans);
        List<KeyValue> traceWide = traceWide(traceId, result.notes());

        ByteString[] spanIds = new ByteString[spans.size()];
        for (int i = 0; i < spanIds.length; i++) {
            spanIds[i] = OtlpIds.spanIdBytes(ids.spanIds()[i]);
        }
        Map<ServiceResource, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            TracedSpan s = spans.get(i);
            Group g = groups.computeIfAbsent(ServiceResource.of(s), Group::new);
            int parent = ids.parents()[i];
            g.spans.add(SpanEncoder.encode(s, traceId.id(), spanIds[i], parent < 0 ? ByteString.EMPTY : spanIds[parent],
                    ids.replaced()[i], ids.cut()[i], traceWide, g.keys));
        }
        TracesData.Builder out = TracesData.newBuilder();
        for (Group g : groups.values()) {
            out.addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(g.resource.toResource())
                    .addScopeSpans(ScopeSpans.newBuilder().setScope(SCOPE).addAllSpans(g.spans)));
        }
        return out.build();
    }

    /** {@link #encode} serialized: the {@code otlp_proto} record value. */
    public byte[] encodeProto(TracingResult result) {
        return encode(result).toByteArray();
    }

    /** {@link #encode} as OTLP/JSON (UTF-8): the {@code otlp_json} record value. */
    public byte[] encodeJson(TracingResult result) {
        return TracesDataJsonWriter.write(encode(result));
    }

    /** {@link #encode} as OTLP/JSON text. */
    public String encodeJsonString(TracingResult result) {
        return new String(encodeJson(result), StandardCharsets.UTF_8);
    }

    /**
     * The Kafka record key for a trace: its trace id as 32 lowercase hex digits, as the
     * Collector's exporter writes it with {@code partition_traces_by_id}; "" when nothing was
     * found (the Collector's empty-id key). Equal to {@link #kafkaKey(TracesData)} of
     * {@link #encode}, without encoding.
     */
    public String kafkaKey(TracingResult result) {
        if (!result.found() || result.tracing().isEmpty()) {
            return "";
        }
        return TraceIdChoice.choose(distinct(result.tracing())).hex();
    }

    /** The trace id of the first span of {@code data} as 32 lowercase hex digits, or "" when it has none. */
    public static String kafkaKey(TracesData data) {
        for (ResourceSpans rs : data.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    return OtlpIds.hex(span.getTraceId());
                }
            }
        }
        return "";
    }

    /** The spans in output order, each once: the engine may list a re-parented span twice (D13). */
    static List<TracedSpan> distinct(List<TracedSpan> tracing) {
        Set<Integer> seen = new HashSet<>(tracing.size() * 2);
        List<TracedSpan> out = new ArrayList<>(tracing.size());
        for (TracedSpan s : tracing) {
            if (seen.add(s.id())) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<KeyValue> traceWide(TraceIdChoice traceId, List<String> notes) {
        AttributeList a = new AttributeList();
        a.putShared(OtlpAttributes.TRACE_ID_SOURCE, traceId.source().text);
        a.put(OtlpAttributes.OTHER_TRACE_IDS, traceId.others());
        a.put(OtlpAttributes.NOTES, notes);
        return a.values();
    }

    /** The spans of one resource, and the resource's attribute keys. */
    private static final class Group {
        final ServiceResource resource;
        final Set<String> keys;
        final List<Span> spans = new ArrayList<>();

        Group(ServiceResource resource) {
            this.resource = resource;
            this.keys = resource.keys();
        }
    }
}
