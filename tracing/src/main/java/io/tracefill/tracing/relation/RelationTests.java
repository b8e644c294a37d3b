package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.TracingConfig;

/**
 * The pairwise relation tests of spec §4.5 other than tcp_seq ({@link NetworkRelation}), each
 * with the subject first. Shared by the ordered relation map of the sort stage and the search
 * gate, which only asks whether any relation exists.
 */
final class RelationTests {
    private RelationTests() {
    }

    /** The subject may take part in span_id relations at all. */
    static boolean spanIdSubject(TraceInfo s) {
        return !s.traceIds().isEmpty() && !s.row().spanId().isEmpty();
    }

    /** span_id (§4.5.3): same trace, and my span is theirs or their parent, or my parent is theirs. */
    static boolean spanId(TraceInfo s, TraceInfo c) {
        if (!s.sharesTraceId(c)) {
            return false;
        }
        var f = s.row();
        var o = c.row();
        return f.spanId().equals(o.spanId()) || f.spanId().equals(o.parentSpanId())
                || !f.parentSpanId().isEmpty() && f.parentSpanId().equals(o.spanId());
    }

    /** x_request_id (§4.5.4): the same id on opposite sides; the same side is no relation. */
    static boolean xRequestId(TraceInfo s, TraceInfo c) {
        var f = s.row();
        var o = c.row();
        return !f.xRequestId0().isEmpty() && f.xRequestId0().equals(o.xRequestId1())
                || !f.xRequestId1().isEmpty() && f.xRequestId1().equals(o.xRequestId0());
    }

    /** The subject may take part in syscall relations: ids equal on both sides mark a first or last call. */
    static boolean syscallSubject(TraceInfo s) {
        return s.row().syscallTraceIdRequest() != s.row().syscallTraceIdResponse();
    }

    /** syscall (§4.5.5): same agent, a shared syscall trace id, not two s-p. */
    static boolean syscall(TraceInfo s, TraceInfo c) {
        var f = s.row();
        var o = c.row();
        if (o.vtapId() != f.vtapId() || o.syscallTraceIdRequest() == o.syscallTraceIdResponse()
                || TapSide.SERVER_PROCESS.equals(o.tapSide()) && TapSide.SERVER_PROCESS.equals(f.tapSide())) {
            return false;
        }
        long req = f.syscallTraceIdRequest();
        long resp = f.syscallTraceIdResponse();
        return req != 0 && (req == o.syscallTraceIdRequest() || req == o.syscallTraceIdResponse())
                || resp != 0 && (resp == o.syscallTraceIdRequest() || resp == o.syscallTraceIdResponse());
    }

    static boolean dnsSubject(TraceInfo s) {
        return s.row().requestId() != null && s.row().requestId() != 0;
    }

    /** DNS request id (§4.5.6): same id, starts within the tolerance, no conflicting field. */
    static boolean dns(TraceInfo s, TraceInfo c, TracingConfig config) {
        var f = s.row();
        var o = c.row();
        if (!f.requestId().equals(o.requestId())) {
            return false;
        }
        long tolerance = config.tolerance(f.vtapId(), o.vtapId());
        return Math.abs(f.startTimeUs() - o.startTimeUs()) <= tolerance && !FieldConflict.dns(s, c);
    }
}
