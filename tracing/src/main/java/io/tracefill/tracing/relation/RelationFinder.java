package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;
import io.tracefill.tracing.util.PySet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sort stage's relation map (spec §6): reverse indexes over every merged flow, then each
 * subject's candidates tested kind by kind (network with the weak test, app, x-request-id,
 * syscall, dns). Candidate sets are unions of {@link PySet}s, iterated in CPython's order so the
 * map is filled in the reference's order; each distinct union is computed once.
 */
public final class RelationFinder {
    private enum Kind { TCP, SPAN, XREQ, SYSCALL }

    /** One candidate union: the index keys of two lookups (null = no lookup). */
    private record UnionKey(Kind kind, Object a, Object b) {
    }

    private final List<TraceInfo> infos;
    private final TracingConfig config;
    private final KeyedIndex<Integer, PySet> index;
    private final Map<UnionKey, long[]> unions = new HashMap<>();
    /** x-request-id candidates depend only on the subject's two ids: filtered once per pair. */
    private final Map<UnionKey, int[]> xRequestIdMatches = new HashMap<>();

    /** @param infos flows to relate; {@code infos.get(i).key()} must be {@code i} */
    public RelationFinder(List<TraceInfo> infos, TracingConfig config) {
        this.infos = infos;
        this.config = config;
        this.index = new KeyedIndex<>(PySet::new, (set, position) -> set.add(position), config.uses(TracingSource.DNS));
        for (int i = 0; i < infos.size(); i++) {
            index.add(infos.get(i).row(), i);
        }
    }

    /** Relates every flow, as subject, against all flows, in the reference's order. */
    public RelationMap relateAll() {
        RelationMap out = new RelationMap(infos.size());
        for (TraceInfo s : infos) {
            relateSubject(s, out);
        }
        return out;
    }

    private void relateSubject(TraceInfo s, RelationMap out) {
        var f = s.row();
        int self = s.key();
        if (f.signalSource() != SignalSource.OTEL) {
            // the subject's side is looked up only where its type says it has one
            Long req = f.type() != FlowType.RESPONSE ? f.reqTcpSeq() : null;
            Long resp = f.type() != FlowType.REQUEST ? f.respTcpSeq() : null;
            for (long c : union(Kind.TCP, index.tcpSeq, req, resp)) {
                TraceInfo other = infos.get((int) c);
                if (c != self && NetworkRelation.weak(s, other, config)) {
                    out.or(self, (int) c, Relation.TCP_SEQ);
                }
            }
        }
        if (RelationTests.spanIdSubject(s)) {
            String parent = f.parentSpanId().isEmpty() ? null : f.parentSpanId();
            for (long c : union(Kind.SPAN, index.spanId, f.spanId(), parent)) {
                if (c != self && RelationTests.spanId(s, infos.get((int) c))) {
                    out.or(self, (int) c, Relation.SPAN_ID);
                }
            }
        }
        for (int c : xRequestIdCandidates(s)) {
            if (c != self) {
                out.or(self, c, Relation.X_REQUEST_ID);
            }
        }
        if (RelationTests.syscallSubject(s)) {
            Long req = f.syscallTraceIdRequest() == 0 ? null : f.syscallTraceIdRequest();
            Long resp = f.syscallTraceIdResponse() == 0 ? null : f.syscallTraceIdResponse();
            for (long c : union(Kind.SYSCALL, index.syscall, req, resp)) {
                if (c != self && RelationTests.syscall(s, infos.get((int) c))) {
                    out.or(self, (int) c, Relation.SYSCALL);
                }
            }
        }
        if (config.uses(TracingSource.DNS) && RelationTests.dnsSubject(s)) {
            PySet candidates = index.dnsRequestId.get(f.requestId());
            if (candidates != null) {
                for (long c : candidates.toArray()) {
                    if (c != self && RelationTests.dns(s, infos.get((int) c), config)) {
                        out.or(self, (int) c, Relation.DNS_REQUEST_ID);
                    }
                }
            }
        }
    }

    /** {@code index.get(a, set()) | index.get(b, set())}, in CPython's iteration order; computed once per key pair. */
    private <K> long[] union(Kind kind, Map<K, PySet> byKey, K a, K b) {
        return unions.computeIfAbsent(new UnionKey(kind, a, b),
                k -> PySet.union(a == null ? null : byKey.get(a), b == null ? null : byKey.get(b)).toArray());
    }

    private int[] xRequestIdCandidates(TraceInfo s) {
        String x0 = s.row().xRequestId0().isEmpty() ? null : s.row().xRequestId0();
        String x1 = s.row().xRequestId1().isEmpty() ? null : s.row().xRequestId1();
        if (x0 == null && x1 == null) {
            return new int[0];
        }
        return xRequestIdMatches.computeIfAbsent(new UnionKey(Kind.XREQ, x0, x1), k -> {
            List<Integer> matches = new ArrayList<>();
            for (long c : union(Kind.XREQ, index.xRequestId, x0, x1)) {
                if (RelationTests.xRequestId(s, infos.get((int) c))) {
                    matches.add((int) c);
                }
            }
            return matches.stream().mapToInt(Integer::intValue).toArray();
        });
    }
}
