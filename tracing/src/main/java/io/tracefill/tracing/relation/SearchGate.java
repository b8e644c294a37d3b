package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The search's relation gate (spec §4.3 d): a candidate is kept when it relates strictly to a
 * flow found so far or to another candidate of the same round. Only "any relation?" matters
 * here, so the found flows are indexed once and grow round by round, and each test stops at
 * the first relation it finds.
 */
public final class SearchGate {
    private final TracingConfig config;
    private final KeyedIndex<TraceInfo, List<TraceInfo>> found;

    public SearchGate(TracingConfig config) {
        this.config = config;
        this.found = newIndex();
    }

    private KeyedIndex<TraceInfo, List<TraceInfo>> newIndex() {
        return new KeyedIndex<>(() -> new ArrayList<>(2), SearchGate::addOnce, config.uses(TracingSource.DNS));
    }

    /** A flow filed twice under one key (e.g. both seqs 0) is listed once. */
    private static void addOnce(List<TraceInfo> list, TraceInfo ti) {
        if (list.isEmpty() || list.get(list.size() - 1) != ti) {
            list.add(ti);
        }
    }

    /** Adds flows to those candidates may relate to. */
    public void addFound(List<Flow> flows) {
        for (Flow f : flows) {
            TraceInfo ti = TraceInfo.searchView(0, f);
            found.add(f, ti);
        }
    }

    /** The candidates that relate to a found flow or to another candidate, in their order. */
    public List<Flow> keepRelated(List<Flow> candidates) {
        List<TraceInfo> infos = new ArrayList<>(candidates.size());
        KeyedIndex<TraceInfo, List<TraceInfo>> round = newIndex();
        for (Flow f : candidates) {
            TraceInfo ti = TraceInfo.searchView(0, f);
            infos.add(ti);
            round.add(f, ti);
        }
        List<Flow> kept = new ArrayList<>();
        for (TraceInfo ti : infos) {
            if (relatesToAny(ti, found) || relatesToAny(ti, round)) {
                kept.add(ti.row());
            }
        }
        return kept;
    }

    private boolean relatesToAny(TraceInfo s, KeyedIndex<TraceInfo, List<TraceInfo>> p) {
        Flow f = s.row();
        if (f.signalSource() != SignalSource.OTEL) {
            if (f.type() != FlowType.RESPONSE && any(s, p.tcpSeq.get(f.reqTcpSeq()), Test.NETWORK)) {
                return true;
            }
            if (f.type() != FlowType.REQUEST && any(s, p.tcpSeq.get(f.respTcpSeq()), Test.NETWORK)) {
                return true;
            }
        }
        if (RelationTests.spanIdSubject(s) && (any(s, p.spanId.get(f.spanId()), Test.SPAN_ID)
                || !f.parentSpanId().isEmpty() && any(s, p.spanId.get(f.parentSpanId()), Test.SPAN_ID))) {
            return true;
        }
        if (!f.xRequestId0().isEmpty() && any(s, p.xRequestId.get(f.xRequestId0()), Test.X_REQUEST_ID)
                || !f.xRequestId1().isEmpty() && any(s, p.xRequestId.get(f.xRequestId1()), Test.X_REQUEST_ID)) {
            return true;
        }
        if (RelationTests.syscallSubject(s)
                && (f.syscallTraceIdRequest() != 0 && any(s, p.syscall.get(f.syscallTraceIdRequest()), Test.SYSCALL)
                || f.syscallTraceIdResponse() != 0 && any(s, p.syscall.get(f.syscallTraceIdResponse()), Test.SYSCALL))) {
            return true;
        }
        return config.uses(TracingSource.DNS) && RelationTests.dnsSubject(s)
                && any(s, p.dnsRequestId.get(f.requestId()), Test.DNS);
    }

    private enum Test { NETWORK, SPAN_ID, X_REQUEST_ID, SYSCALL, DNS }

    private boolean any(TraceInfo s, List<TraceInfo> candidates, Test test) {
        if (candidates == null) {
            return false;
        }
        for (TraceInfo c : candidates) {
            if (c == s) {
                continue;
            }
            boolean related = switch (test) {
                case NETWORK -> NetworkRelation.strict(s, c, config);
                case SPAN_ID -> RelationTests.spanId(s, c);
                case X_REQUEST_ID -> RelationTests.xRequestId(s, c);
                case SYSCALL -> RelationTests.syscall(s, c);
                case DNS -> RelationTests.dns(s, c, config);
            };
            if (related) {
                return true;
            }
        }
        return false;
    }
}
