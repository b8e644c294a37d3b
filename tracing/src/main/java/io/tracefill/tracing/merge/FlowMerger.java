package io.tracefill.tracing.merge;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.FlowOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Stage 3: turns request-only and response-only rows into sessions (spec §5). Rows are taken in
 * start-time order; each either merges into an earlier record or is appended and numbered.
 */
public final class FlowMerger {
    /** Start time, then stored rows before caller-supplied spans, then {@code _id}: ties never depend on input order. */
    private static final Comparator<SpanRecord> ORDER = Comparator
            .comparingLong((SpanRecord r) -> r.row().startTimeUs())
            .thenComparing(SpanRecord::external)
            .thenComparing(r -> r.row().id(), FlowOrder.ID_ORDER);

    private FlowMerger() {
    }

    /**
     * @param stored   rows found in storage
     * @param external application spans supplied by the caller (Trace Completion)
     * @return merged records; {@code index()} is each record's position, {@code selftime} its duration
     */
    public static List<SpanRecord> merge(List<Flow> stored, List<Flow> external) {
        List<SpanRecord> incoming = new ArrayList<>(stored.size() + external.size());
        for (Flow f : stored) {
            incoming.add(new SpanRecord(f, false));
        }
        for (Flow f : external) {
            incoming.add(new SpanRecord(f, true));
        }
        incoming.sort(ORDER);
        List<SpanRecord> records = new ArrayList<>(incoming.size());
        for (SpanRecord r : incoming) {
            if (mergeFlow(records, r) || mergeAsyncFlow(records, r)) {
                continue;
            }
            r.setIndex(records.size());
            records.add(r);
        }
        for (SpanRecord r : records) {
            r.selftime = r.row().responseDuration();
        }
        return records;
    }

    private static boolean isHttp2OrGrpc(int l7) {
        return l7 == L7Protocol.GRPC || l7 == L7Protocol.HTTP2;
    }

    /** Ordinary request/response pairs on one L4 flow of one agent (spec §5.2). */
    static boolean mergeFlow(List<SpanRecord> records, SpanRecord incoming) {
        Flow r = incoming.row();
        if (r.type() != FlowType.RESPONSE && !isHttp2OrGrpc(r.l7Protocol())) {
            return false;
        }
        if (r.isAsync() != 0) {
            return false;
        }
        boolean isSys = TapSide.isProcess(r.tapSide());
        boolean isDnsSys = isSys && r.l7Protocol() == L7Protocol.DNS;
        // a gRPC/HTTP2 frame has no duration of its own; it joins the request it belongs to
        boolean isGrpcFrame = isHttp2OrGrpc(r.l7Protocol()) && r.responseDuration() == 0;
        boolean loose = isDnsSys || isGrpcFrame;
        for (int i = records.size() - 1; i >= 0; i--) {
            SpanRecord earlier = records.get(i);
            Flow e = earlier.row();
            if (e.type() != FlowType.REQUEST && !loose) {
                continue;
            }
            if (e.isAsync() != 0) {
                continue;
            }
            if (e.vtapId() != r.vtapId() || e.flowId() != r.flowId() || !Objects.equals(e.requestId(), r.requestId())) {
                continue;
            }
            if (e.l7Protocol() != r.l7Protocol() && !isGrpcFrame) {
                return false; // another protocol on this L4 flow in between: stop, to avoid a wrong pair
            }
            if (isDnsSys) {
                // one DNS query, several answers: syscall capture sequence must be consecutive
                long previous = e.type() == FlowType.REQUEST ? e.syscallCapSeq0() : e.syscallCapSeq1();
                if (previous + 1 != r.syscallCapSeq1()) {
                    continue;
                }
            } else {
                if (e.type() != FlowType.REQUEST) {
                    return false;
                }
                if (isSys && e.syscallCapSeq0() + 1 != r.syscallCapSeq1()) {
                    continue;
                }
            }
            int type = e.type() == FlowType.REQUEST ? FlowType.SESSION : e.type();
            Flow merged = AbsentFieldFill.fill(e.toBuilder().type(type).build(), r);
            Flow.Builder b = merged.toBuilder();
            if (merged.endTimeUs() < r.endTimeUs()) {
                b.endTimeUs(r.endTimeUs()).responseDuration(r.endTimeUs() - merged.startTimeUs());
            }
            if (!isGrpcFrame) {
                b.respTcpSeq(r.respTcpSeq()).syscallCapSeq1(r.syscallCapSeq1());
            }
            absorb(earlier, incoming, b.build(), earlier.traceIds());
            return true;
        }
        return false;
    }

    private static boolean allowsAsyncMerge(SpanRecord rec) {
        Flow f = rec.row();
        return (f.l7Protocol() == L7Protocol.WEBSPHERE_MQ || f.l7Protocol() == L7Protocol.ISO8583)
                && f.isAsync() != 0 && !rec.traceIds().isEmpty();
    }

    /**
     * Protocols asynchronous by design (WebSphere MQ, ISO 8583): the response arrives on another
     * connection, possibly at another agent, so pairs are matched by trace id and span id (spec §5.3).
     */
    static boolean mergeAsyncFlow(List<SpanRecord> records, SpanRecord incoming) {
        Flow r = incoming.row();
        if (r.type() != FlowType.RESPONSE || !allowsAsyncMerge(incoming)) {
            return false;
        }
        for (int i = records.size() - 1; i >= 0; i--) {
            SpanRecord earlier = records.get(i);
            Flow e = earlier.row();
            if (e.type() != FlowType.REQUEST || !allowsAsyncMerge(earlier)) {
                continue;
            }
            if (e.l7Protocol() != r.l7Protocol() || !e.tapSide().equals(r.tapSide())) {
                continue;
            }
            if (!intersects(earlier.traceIds(), incoming.traceIds())) {
                continue;
            }
            if ((!e.spanId().isEmpty() || !r.spanId().isEmpty()) && !e.spanId().equals(r.spanId())) {
                continue;
            }
            TreeSet<String> union = new TreeSet<>(earlier.traceIds());
            union.addAll(incoming.traceIds());
            Flow merged = AbsentFieldFill.fill(e.toBuilder().type(FlowType.SESSION).build(), r);
            if (merged.endTimeUs() < r.endTimeUs()) {
                merged = merged.toBuilder()
                        .endTimeUs(r.endTimeUs())
                        .respTcpSeq(r.respTcpSeq())
                        .syscallCapSeq1(r.syscallCapSeq1())
                        .responseDuration(r.endTimeUs() - merged.startTimeUs())
                        .build();
            }
            absorb(earlier, incoming, merged, List.copyOf(union));
            return true;
        }
        return false;
    }

    private static void absorb(SpanRecord into, SpanRecord from, Flow merged, List<String> traceIds) {
        into.ids().addAll(from.ids());
        // an empty trace id list is filled from the merged row, like any other absent field
        into.setTraceIds(traceIds.isEmpty() ? from.traceIds() : traceIds);
        into.replaceRow(merged);
    }

    private static boolean intersects(List<String> a, List<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
