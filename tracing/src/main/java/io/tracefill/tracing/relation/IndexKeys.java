package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.SignalSource;

/**
 * Under which keys a flow is filed in the relation indexes (spec §4.5): one place for the
 * filing rules, used by the sort stage's map and by the search gate.
 */
final class IndexKeys {
    private static final int L4_TCP = 6;

    interface Visitor {
        void tcpSeq(long seq);

        void spanId(String id);

        void xRequestId(String id);

        void syscall(long id);

        void dnsRequestId(long id);
    }

    private IndexKeys() {
    }

    static void visit(Flow f, boolean dnsEnabled, Visitor v) {
        // sessions are filed under both seqs even when one is 0: one-way sessions compare both
        if (f.signalSource() != SignalSource.OTEL && f.protocol() == L4_TCP) {
            if (f.type() != FlowType.RESPONSE) {
                v.tcpSeq(f.reqTcpSeq());
            }
            if (f.type() != FlowType.REQUEST) {
                v.tcpSeq(f.respTcpSeq());
            }
        }
        if (!f.spanId().isEmpty()) {
            v.spanId(f.spanId());
        }
        if (!f.parentSpanId().isEmpty()) {
            v.spanId(f.parentSpanId());
        }
        if (!f.xRequestId0().isEmpty()) {
            v.xRequestId(f.xRequestId0());
        }
        if (!f.xRequestId1().isEmpty()) {
            v.xRequestId(f.xRequestId1());
        }
        if (f.syscallTraceIdRequest() != 0) {
            v.syscall(f.syscallTraceIdRequest());
        }
        if (f.syscallTraceIdResponse() != 0) {
            v.syscall(f.syscallTraceIdResponse());
        }
        if (dnsEnabled && f.l7Protocol() == L7Protocol.DNS && f.requestId() != null && f.requestId() != 0) {
            v.dnsRequestId(f.requestId());
        }
    }
}
