package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracedSpan;

import java.util.List;
import java.util.Set;

/** One {@link TracedSpan} as an OTLP {@link Span}, given the ids {@link SpanIdAssigner} chose. */
final class SpanEncoder {
    private static final long MAX_US = Long.MAX_VALUE / 1000;

    private SpanEncoder() {
    }

    /**
     * @param parentSpanId OTLP id of the parent, empty for a root
     * @param replaced     the app span's own id could not be kept
     * @param unlinked     the engine named a parent that could not be linked
     * @param traceWide    attributes every root span carries (trace id source, other ids, notes)
     * @param resourceKeys keys of the span's resource attributes
     */
    static Span encode(TracedSpan s, ByteString traceId, ByteString spanId, ByteString parentSpanId, boolean replaced,
                       boolean unlinked, List<KeyValue> traceWide, Set<String> resourceKeys) {
        Flow f = s.flow();
        Span.SpanKind kind = SpanKinds.kind(f.tapSide());
        // render times are the start/end shifted by host clock correction (spec §10): they are
        // what DeepFlow's UI draws, and they keep children inside parents across skewed hosts
        boolean rendered = s.renderStartTimeUs() != 0 || s.renderEndTimeUs() != 0;
        long startUs = rendered ? s.renderStartTimeUs() : f.startTimeUs();
        long endUs = rendered ? s.renderEndTimeUs() : f.endTimeUs();
        long startNs = nanos(startUs);
        long endNs = Math.max(startNs, nanos(endUs));

        AttributeList a = new AttributeList();
        SpanAttributes.capture(a, f);
        SpanAttributes.application(a, f);
        SemanticAttributes.add(a, f, kind);
        SpanAttributes.correlation(a, s);
        SpanAttributes.tracing(a, s, rendered ? startUs - f.startTimeUs() : 0, replaced, unlinked);
        if (parentSpanId.isEmpty()) {
            for (KeyValue kv : traceWide) {
                a.add(kv);
            }
        }
        SpanAttributes.natives(a, f.attributes(), resourceKeys);

        Span.Builder span = Span.newBuilder()
                .setTraceId(traceId)
                .setSpanId(spanId)
                .setName(AttributeList.clean(SpanNamer.name(f)))
                .setKind(kind)
                .setStartTimeUnixNano(startNs)
                .setEndTimeUnixNano(endNs)
                .addAllAttributes(a.values());
        Status status = SpanKinds.status(f, kind);
        if (!status.equals(Status.getDefaultInstance())) {
            // an unset status is left unset, so the JSON (which omits it) reads back to the same message
            span.setStatus(status);
        }
        if (!parentSpanId.isEmpty()) {
            span.setParentSpanId(parentSpanId);
        }
        if (!f.responseException().isEmpty()) {
            // the semantic conventions' exception event: Jaeger shows it in the span's logs
            span.addEvents(Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(endNs)
                    .addAttributes(KeyValue.newBuilder().setKey("exception.message")
                            .setValue(AnyValue.newBuilder().setStringValue(AttributeList.clean(f.responseException())))));
        }
        return span.build();
    }

    /** µs → ns, clamped to what a signed 64-bit nanosecond count holds (and to ≥ 0). */
    static long nanos(long us) {
        if (us <= 0) {
            return 0;
        }
        return us >= MAX_US ? Long.MAX_VALUE : us * 1000;
    }
}
