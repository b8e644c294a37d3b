package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;
import io.tracefill.tracing.util.PySet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the relations of spec §4.5 among a list of flows: reverse indexes over every flow, then
 * each subject's candidates tested kind by kind (network, app, x-request-id, syscall, dns).
 * Candidate sets are {@link PySet}s so the relation map is filled in the reference's order.
 *
 * <p>The search gate uses the strict network test; the sort stage uses the weak one.
 */
public final class RelationFinder {
    /** Which network (tcp_seq) test to apply. */
    public enum NetworkTest { STRICT, WEAK }

    private static final int L4_TCP = 6;

    private final List<TraceInfo> infos;
    private final TracingConfig config;
    private final Map<Long, PySet> byTcpSeq = new HashMap<>();
    private final Map<String, PySet> bySpanId = new HashMap<>();
    private final Map<String, PySet> byXRequestId = new HashMap<>();
    private final Map<Long, PySet> bySyscall = new HashMap<>();
    private final Map<Long, PySet> byDnsRequestId = new HashMap<>();

    /** @param infos flows to relate; {@code infos.get(i).key()} must be {@code i} */
    public RelationFinder(List<TraceInfo> infos, TracingConfig config) {
        this.infos = infos;
        this.config = config;
        for (int i = 0; i < infos.size(); i++) {
            index(infos.get(i), i);
        }
    }

    private void index(TraceInfo ti, int i) {
        var f = ti.row();
        // sessions are filed under both seqs even when one is 0: one-way sessions compare both
        if (f.signalSource() != SignalSource.OTEL && f.protocol() == L4_TCP) {
            if (f.type() != FlowType.RESPONSE) {
                file(byTcpSeq, f.reqTcpSeq(), i);
            }
            if (f.type() != FlowType.REQUEST) {
                file(byTcpSeq, f.respTcpSeq(), i);
            }
        }
        if (!f.spanId().isEmpty()) {
            file(bySpanId, f.spanId(), i);
        }
        if (!f.parentSpanId().isEmpty()) {
            file(bySpanId, f.parentSpanId(), i);
        }
        if (!f.xRequestId0().isEmpty()) {
            file(byXRequestId, f.xRequestId0(), i);
        }
        if (!f.xRequestId1().isEmpty()) {
            file(byXRequestId, f.xRequestId1(), i);
        }
        if (f.syscallTraceIdRequest() != 0) {
            file(bySyscall, f.syscallTraceIdRequest(), i);
        }
        if (f.syscallTraceIdResponse() != 0) {
            file(bySyscall, f.syscallTraceIdResponse(), i);
        }
        if (config.uses(TracingSource.DNS) && f.l7Protocol() == L7Protocol.DNS
                && f.requestId() != null && f.requestId() != 0) {
            file(byDnsRequestId, f.requestId(), i);
        }
    }

    private static <K> void file(Map<K, PySet> index, K key, int position) {
        index.computeIfAbsent(key, k -> new PySet()).add(position);
    }

    /** Relates every flow from {@code firstSubject} on, as subject, against all flows. */
    public void relate(int firstSubject, NetworkTest networkTest, RelationMap out) {
        for (int s = firstSubject; s < infos.size(); s++) {
            relateSubject(infos.get(s), networkTest, out);
        }
    }

    private void relateSubject(TraceInfo s, NetworkTest networkTest, RelationMap out) {
        var f = s.row();
        if (f.signalSource() != SignalSource.OTEL) {
            // the subject's side is looked up only where its type says it has one
            Long req = f.type() != FlowType.RESPONSE ? f.reqTcpSeq() : null;
            Long resp = f.type() != FlowType.REQUEST ? f.respTcpSeq() : null;
            PySet candidates = PySet.union(lookup(byTcpSeq, req), lookup(byTcpSeq, resp));
            if (networkTest == NetworkTest.STRICT) {
                candidates.forEach(c -> {
                    TraceInfo other = infos.get((int) c);
                    if (other.key() != s.key() && NetworkRelation.strict(s, other, config)) {
                        out.or(s.key(), other.key(), Relation.TCP_SEQ);
                    }
                });
            } else {
                candidates.forEach(c -> {
                    TraceInfo other = infos.get((int) c);
                    if (other.key() != s.key() && NetworkRelation.weak(s, other, config)) {
                        out.or(s.key(), other.key(), Relation.TCP_SEQ);
                    }
                });
            }
        }
        relateBySpanId(s, out);
        relateByXRequestId(s, out);
        relateBySyscall(s, out);
        if (config.uses(TracingSource.DNS)) {
            relateByDns(s, out);
        }
    }

    private static <K> PySet lookup(Map<K, PySet> index, K key) {
        return key == null ? null : index.get(key);
    }

    /** span_id relation (spec §4.5.3): same trace, and my span is theirs or their parent, or my parent is theirs. */
    private void relateBySpanId(TraceInfo s, RelationMap out) {
        var f = s.row();
        if (s.traceIds().isEmpty() || f.spanId().isEmpty()) {
            return;
        }
        PySet candidates = PySet.union(bySpanId.get(f.spanId()), lookup(bySpanId, emptyToNull(f.parentSpanId())));
        candidates.forEach(c -> {
            TraceInfo other = infos.get((int) c);
            if (other.key() == s.key() || !s.sharesTraceId(other)) {
                return;
            }
            var o = other.row();
            if (f.spanId().equals(o.spanId()) || f.spanId().equals(o.parentSpanId())
                    || !f.parentSpanId().isEmpty() && f.parentSpanId().equals(o.spanId())) {
                out.or(s.key(), other.key(), Relation.SPAN_ID);
            }
        });
    }

    /** x_request_id relation (spec §4.5.4): only the same id on opposite sides relates. */
    private void relateByXRequestId(TraceInfo s, RelationMap out) {
        var f = s.row();
        PySet candidates = PySet.union(lookup(byXRequestId, emptyToNull(f.xRequestId0())),
                lookup(byXRequestId, emptyToNull(f.xRequestId1())));
        candidates.forEach(c -> {
            TraceInfo other = infos.get((int) c);
            if (other.key() == s.key()) {
                return;
            }
            var o = other.row();
            if (!f.xRequestId0().isEmpty() && f.xRequestId0().equals(o.xRequestId1())
                    || !f.xRequestId1().isEmpty() && f.xRequestId1().equals(o.xRequestId0())) {
                out.or(s.key(), other.key(), Relation.X_REQUEST_ID);
            }
        });
    }

    /** syscall relation (spec §4.5.5): same agent, a shared syscall trace id, not two s-p. */
    private void relateBySyscall(TraceInfo s, RelationMap out) {
        var f = s.row();
        long req = f.syscallTraceIdRequest();
        long resp = f.syscallTraceIdResponse();
        if (req == resp) {
            return; // an initial or terminal request (or no eBPF ids at all)
        }
        PySet candidates = PySet.union(lookup(bySyscall, req), lookup(bySyscall, resp));
        candidates.forEach(c -> {
            TraceInfo other = infos.get((int) c);
            var o = other.row();
            if (other.key() == s.key() || o.vtapId() != f.vtapId()
                    || o.syscallTraceIdRequest() == o.syscallTraceIdResponse()
                    || TapSide.SERVER_PROCESS.equals(o.tapSide()) && TapSide.SERVER_PROCESS.equals(f.tapSide())) {
                return;
            }
            boolean related = req != 0 && (req == o.syscallTraceIdRequest() || req == o.syscallTraceIdResponse())
                    || resp != 0 && (resp == o.syscallTraceIdRequest() || resp == o.syscallTraceIdResponse());
            if (related) {
                out.or(s.key(), other.key(), Relation.SYSCALL);
            }
        });
    }

    /** DNS request id relation (spec §4.5.6), only with {@code dns} in tracing_source. */
    private void relateByDns(TraceInfo s, RelationMap out) {
        var f = s.row();
        if (f.requestId() == null || f.requestId() == 0) {
            return;
        }
        PySet candidates = byDnsRequestId.get(f.requestId());
        if (candidates == null) {
            return;
        }
        candidates.forEach(c -> {
            TraceInfo other = infos.get((int) c);
            var o = other.row();
            if (other.key() == s.key() || !f.requestId().equals(o.requestId())) {
                return;
            }
            long tolerance = config.tolerance(f.vtapId(), o.vtapId());
            if (Math.abs(f.startTimeUs() - o.startTimeUs()) <= tolerance && !FieldConflict.dns(s, other)) {
                out.or(s.key(), other.key(), Relation.DNS_REQUEST_ID);
            }
        });
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
