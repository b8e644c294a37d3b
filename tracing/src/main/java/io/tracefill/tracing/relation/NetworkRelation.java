package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.FlowType;
import io.tracefill.tracing.TracingConfig;

/** The tcp_seq relation tests (spec §4.5.1). */
public final class NetworkRelation {
    private NetworkRelation() {
    }

    /**
     * The strict test ({@code is_relate}): types decide which sides must match, times must agree
     * within the tolerance, and the rows must not conflict. Two sessions need both seqs equal,
     * zeros included (one-way sessions).
     */
    public static boolean strict(TraceInfo a, TraceInfo b, TracingConfig config) {
        var l = a.row();
        var r = b.row();
        long tolerance = config.tolerance(l.vtapId(), r.vtapId());
        boolean startsAgree = Math.abs(l.startTimeUs() - r.startTimeUs()) <= tolerance;
        boolean endsAgree = Math.abs(l.endTimeUs() - r.endTimeUs()) <= tolerance;
        if (l.type() == FlowType.SESSION && r.type() == FlowType.SESSION) {
            return startsAgree && endsAgree && l.reqTcpSeq() == r.reqTcpSeq() && l.respTcpSeq() == r.respTcpSeq()
                    && !FieldConflict.network(a, b);
        }
        if (l.type() != FlowType.RESPONSE && r.type() != FlowType.RESPONSE) {
            return startsAgree && l.reqTcpSeq() == r.reqTcpSeq() && !FieldConflict.network(a, b);
        }
        if (l.type() != FlowType.REQUEST && r.type() != FlowType.REQUEST) {
            return endsAgree && l.respTcpSeq() == r.respTcpSeq() && !FieldConflict.network(a, b);
        }
        return false;
    }

    /** The weak test of the sort stage's relation map: one non-zero side equal in time. */
    static boolean weak(TraceInfo a, TraceInfo b, TracingConfig config) {
        var l = a.row();
        var r = b.row();
        long tolerance = config.tolerance(l.vtapId(), r.vtapId());
        return l.reqTcpSeq() != 0 && l.reqTcpSeq() == r.reqTcpSeq()
                && Math.abs(l.startTimeUs() - r.startTimeUs()) <= tolerance
                || l.respTcpSeq() != 0 && l.respTcpSeq() == r.respTcpSeq()
                && Math.abs(l.endTimeUs() - r.endTimeUs()) <= tolerance;
    }
}
