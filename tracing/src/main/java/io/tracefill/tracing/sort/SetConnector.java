package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.tracing.ConnectionStrategy;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.relation.Relation;
import io.tracefill.tracing.relation.RelationMap;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connects process span sets and network span sets to each other (spec §9), in the reference's
 * order of steps; earlier steps take precedence because later ones skip spans that already have
 * a parent.
 */
final class SetConnector {
    private record Pending(int parent, String reason) {
    }

    private final List<SpanNode> processRoots;
    private final List<SpanNode> processLeafs;
    private final Map<Long, List<SpanNode>> rootsByRequestId;
    private final List<SpanNode> networkLeafs;
    private final List<SpanNode> networkRoots;
    private final List<SpanNode> spans;
    private final RelationMap related;
    private final LinkListener listener;
    private final TracingConfig config;

    SetConnector(List<SpanNode> processRoots, List<SpanNode> processLeafs, Map<Long, List<SpanNode>> rootsByRequestId,
                 List<SpanNode> networkLeafs, List<SpanNode> networkRoots, List<SpanNode> spans, RelationMap related,
                 LinkListener listener, TracingConfig config) {
        this.processRoots = processRoots;
        this.processLeafs = processLeafs;
        this.rootsByRequestId = rootsByRequestId;
        this.networkLeafs = networkLeafs;
        this.networkRoots = networkRoots;
        this.spans = spans;
        this.related = related;
        this.listener = listener;
        this.config = config;
    }

    static boolean sameSet(SpanNode a, SpanNode b) {
        if (a.networkSpanSet != null && a.networkSpanSet == b.networkSpanSet) {
            return true;
        }
        return a.processSpanSet != null && a.processSpanSet.sameSetAs(b.processSpanSet);
    }

    private static boolean startsWith(SpanNode s, String prefix) {
        return s.tapSide().startsWith(prefix);
    }

    void connect() {
        int lastProcessLeaf = processLeafToNetworkRoot();
        networkLeafToProcessRoot(lastProcessLeaf);
        processLeafToProcessRoot();
        processRootToAppSpan();
        Map<Integer, Pending> deferred = networkLeafToNetworkRoot();
        Map<Integer, Set<String>> traceIds = traceIdsOfSetEnds();
        webSphereMqAsync(deferred, traceIds);
        deferred.forEach((child, p) -> spans.get(child).setParent(spans.get(p.parent()), p.reason(), listener));
        weakLinks(traceIds);
    }

    /**
     * Step 1: an app leaf (or other process leaf) over the first span of a network set sharing its span id.
     *
     * @return index of the last process leaf visited (step 2 compares against it, D9)
     */
    private int processLeafToNetworkRoot() {
        int last = -1;
        for (SpanNode parent : processLeafs) {
            last = parent.index();
            // a c-p starts one network request only
            if (startsWith(parent, "c") && parent.childrenCount > 0) {
                continue;
            }
            String spanId = parent.row().spanId();
            for (int k = 0, n = related.size(parent.index()); k < n; k++) {
                int candidate = related.candidate(parent.index(), k);
                int bits = related.bitsAt(parent.index(), k);
                if (!Relation.has(bits, Relation.SPAN_ID)) {
                    continue;
                }
                SpanNode child = spans.get(candidate);
                if (!child.isNetRoot || child.hasParentId() || sameSet(parent, child)) {
                    continue;
                }
                if (parent.kind() != SpanKind.APP) {
                    if (child.agentId() == parent.agentId() && !parent.covers(child, false)) {
                        continue; // one host has one clock: the parent must cover the child
                    }
                    if (child.duration() != 0 && parent.duration() < child.duration()) {
                        continue;
                    }
                }
                if (!spanId.isEmpty() && spanId.equals(child.row().spanId())) {
                    child.setParent(parent, "net_span mounted due to same span_id", listener);
                }
            }
        }
        return last;
    }

    /** Step 2: the last span of a network set over a process root sharing or parenting its span id. */
    private void networkLeafToProcessRoot(int lastProcessLeaf) {
        for (SpanNode parent : networkLeafs) {
            int parentIndex = parent.index();
            // one server NIC hands the request to one s-p
            if (startsWith(parent, "s") && parent.childrenCount > 0) {
                continue;
            }
            String spanId = parent.row().spanId();
            long duration = parent.duration();
            for (int k = 0, n = related.size(parentIndex); k < n; k++) {
                int candidate = related.candidate(parentIndex, k);
                int bits = related.bitsAt(parentIndex, k);
                if (!Relation.has(bits, Relation.SPAN_ID)) {
                    continue;
                }
                SpanNode child = spans.get(candidate);
                if (!child.isPsRoot || child.hasParentId() || sameSet(parent, child)) {
                    continue;
                }
                if (child.kind() != SpanKind.APP) {
                    if (child.agentId() == parent.agentId() && !parent.covers(child, false)) {
                        continue;
                    }
                    if (duration != 0 && duration < child.duration()) {
                        continue;
                    }
                }
                if (lastProcessLeaf == parentIndex) {
                    continue; // the reference compares with a variable left over from step 1 (D9)
                }
                if (!spanId.isEmpty() && spanId.equals(child.row().spanId()) && child.kind() != SpanKind.APP) {
                    child.setParent(parent, child.tapSide() + " mounted due to same span_id", listener);
                } else if (!spanId.isEmpty() && spanId.equals(child.row().parentSpanId())) {
                    child.setParent(parent, child.tapSide() + " mounted due to parent_span_id", listener);
                }
            }
        }
    }

    /** Step 3: a process leaf over another set's process root by span id. */
    private void processLeafToProcessRoot() {
        for (SpanNode parent : processLeafs) {
            String spanId = parent.row().spanId();
            long duration = parent.duration();
            for (int k = 0, n = related.size(parent.index()); k < n; k++) {
                int candidate = related.candidate(parent.index(), k);
                int bits = related.bitsAt(parent.index(), k);
                if (!Relation.has(bits, Relation.SPAN_ID)) {
                    continue;
                }
                SpanNode child = spans.get(candidate);
                if (!child.isPsRoot || child.hasParentId() || sameSet(parent, child)) {
                    continue;
                }
                if (parent.kind() != SpanKind.APP && child.kind() != SpanKind.APP) {
                    if (parent.agentId() == child.agentId() && !parent.covers(child, false)) {
                        continue;
                    }
                    if (duration != 0 && duration < child.duration()) {
                        continue;
                    }
                }
                if (spanId.equals(child.row().spanId()) && child.kind() != SpanKind.APP) {
                    child.setParent(parent, child.tapSide() + " mounted due to same span_id", listener);
                } else if (!spanId.isEmpty() && spanId.equals(child.row().parentSpanId())) {
                    child.setParent(parent, child.tapSide() + " mounted due to parent_span_id", listener);
                }
            }
        }
    }

    /** Step 4: a parentless process root under the app span its parent span id names (no early exit). */
    private void processRootToAppSpan() {
        for (SpanNode child : processRoots) {
            if (child.hasParentId()) {
                continue;
            }
            String parentSpanId = child.row().parentSpanId();
            if (parentSpanId.isEmpty()) {
                continue;
            }
            for (int k = 0, n = related.size(child.index()); k < n; k++) {
                int candidate = related.candidate(child.index(), k);
                int bits = related.bitsAt(child.index(), k);
                if (!Relation.has(bits, Relation.SPAN_ID)) {
                    continue;
                }
                SpanNode parent = spans.get(candidate);
                if (parent.kind() != SpanKind.APP || sameSet(child, parent) || !parent.covers(child, false)) {
                    continue;
                }
                if (parentSpanId.equals(parent.row().spanId())) {
                    child.setParent(parent, child.tapSide() + " mounted due to same span_id", listener);
                }
            }
        }
    }

    /**
     * Step 5: network sets linked by x-request-id or span id (deferred: the shortest qualifying
     * parent wins), and gRPC streams by request id (immediately).
     */
    private Map<Integer, Pending> networkLeafToNetworkRoot() {
        Map<Integer, Pending> deferred = new LinkedHashMap<>();
        for (SpanNode parent : networkLeafs) {
            int parentIndex = parent.index();
            var p = parent.row();
            for (int k = 0, n = related.size(parentIndex); k < n; k++) {
                int candidate = related.candidate(parentIndex, k);
                int bits = related.bitsAt(parentIndex, k);
                if (!Relation.has(bits, Relation.SPAN_ID) && !Relation.has(bits, Relation.X_REQUEST_ID)) {
                    continue;
                }
                SpanNode child = spans.get(candidate);
                if (!child.isNetRoot || child.hasParentId() || sameSet(parent, child)) {
                    continue;
                }
                // gateways may be asynchronous: only the start order is checked on one host
                if (parent.kind() != SpanKind.APP && child.kind() != SpanKind.APP
                        && parent.agentId() == child.agentId() && !parent.startsNoLaterThan(child)) {
                    continue;
                }
                var c = child.row();
                String reason = "net_span mounted due to";
                boolean matched = false;
                if (!p.xRequestId1().isEmpty() && p.xRequestId1().equals(c.xRequestId0())) {
                    reason += " x_request_id 1->0";
                    matched = true;
                }
                if (!p.xRequestId0().isEmpty() && p.xRequestId0().equals(c.xRequestId0())) {
                    reason += " x_request_id 0->0";
                    matched = true;
                }
                if (!p.xRequestId1().isEmpty() && p.xRequestId1().equals(c.xRequestId1())) {
                    reason += " x_request_id 1->1";
                    matched = true;
                }
                if (!p.spanId().isEmpty() && p.spanId().equals(c.spanId())) {
                    reason = " same span_id"; // the reference replaces the whole text
                    matched = true;
                }
                if (!matched || parent.duration() < child.duration()) {
                    continue;
                }
                Pending old = deferred.get(child.index());
                if (old == null || spans.get(old.parent()).duration() > parent.duration()) {
                    deferred.put(child.index(), new Pending(parentIndex, reason));
                }
            }
            Long requestId = p.requestId();
            if (requestId != null && requestId != 0) {
                for (SpanNode child : rootsByRequestId.getOrDefault(requestId, List.of())) {
                    if (child.index() == parentIndex || child.hasParentId() || sameSet(parent, child)) {
                        continue;
                    }
                    int l7 = p.l7Protocol();
                    if ((l7 == L7Protocol.HTTP2 || l7 == L7Protocol.GRPC) && l7 == child.row().l7Protocol()
                            && child.duration() <= parent.duration()) {
                        child.setParent(parent, "net_span mounted due to grpc request_id", listener);
                    }
                }
            }
        }
        return deferred;
    }

    /** Trace ids of the first and last spans of every set (steps 6–8 look only at these). */
    private Map<Integer, Set<String>> traceIdsOfSetEnds() {
        Map<Integer, Set<String>> out = new HashMap<>();
        for (List<SpanNode> list : List.of(networkLeafs, networkRoots, processRoots, processLeafs)) {
            for (SpanNode s : list) {
                if (!s.record().traceIds().isEmpty()) {
                    out.put(s.index(), new HashSet<>(s.record().traceIds()));
                }
            }
        }
        return out;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        if (a == null || b == null) {
            return false;
        }
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** Step 6: an asynchronous WebSphere MQ client leaf over a server root of the same trace (latest start wins). */
    private void webSphereMqAsync(Map<Integer, Pending> deferred, Map<Integer, Set<String>> traceIds) {
        for (SpanNode parent : networkLeafs) {
            var p = parent.row();
            if (p.l7Protocol() != L7Protocol.WEBSPHERE_MQ || p.isAsync() == 0 || parent.childrenCount > 0
                    || !startsWith(parent, "c")) {
                continue;
            }
            Set<String> parentTraces = traceIds.get(parent.index());
            if (parentTraces == null || parentTraces.isEmpty()) {
                continue;
            }
            for (SpanNode child : networkRoots) {
                var c = child.row();
                if (child.index() == parent.index() || c.l7Protocol() != L7Protocol.WEBSPHERE_MQ
                        || c.isAsync() == 0 || !child.isNetRoot || child.hasParentId() || !startsWith(child, "s")
                        || sameSet(parent, child)) {
                    continue;
                }
                if (!intersects(parentTraces, traceIds.get(child.index()))) {
                    continue;
                }
                if (parent.kind() != SpanKind.APP && child.kind() != SpanKind.APP
                        && parent.agentId() == child.agentId() && !parent.startsNoLaterThan(child)) {
                    continue;
                }
                Pending old = deferred.get(child.index());
                if (old == null) {
                    deferred.put(child.index(), new Pending(parent.index(),
                            "net_span mounted due to webspheremq async trace_id"));
                } else if (spans.get(old.parent()).start() < parent.start()) {
                    deferred.put(child.index(), new Pending(parent.index(), old.reason()));
                }
            }
        }
    }

    /** Steps 7–8 (opt-in): links guessed from a shared trace id, applied only where the choice is mutual. */
    private void weakLinks(Map<Integer, Set<String>> traceIds) {
        Map<Integer, Pending> weakParent = new LinkedHashMap<>();
        Map<Integer, Integer> weakChild = new HashMap<>();
        if (config.uses(ConnectionStrategy.NET_SPAN_C_TO_S_VIA_TRACE_ID)) {
            networkClientToServerByTraceId(traceIds, weakParent, weakChild);
        }
        if (config.uses(ConnectionStrategy.SYS_SPAN_S_TO_C_VIA_TRACE_ID)) {
            sysServerToClientByTraceId(traceIds, weakParent);
        }
        weakParent.forEach((child, p) -> {
            if (weakChild.getOrDefault(p.parent(), child).intValue() != child) {
                return;
            }
            spans.get(child).setParent(spans.get(p.parent()), p.reason(), listener);
        });
    }

    private void networkClientToServerByTraceId(Map<Integer, Set<String>> traceIds, Map<Integer, Pending> weakParent,
                                                Map<Integer, Integer> weakChild) {
        for (SpanNode parent : networkLeafs) {
            if (parent.childrenCount > 0 || !startsWith(parent, "c")) {
                continue;
            }
            Set<String> parentTraces = traceIds.get(parent.index());
            if (parentTraces == null || parentTraces.isEmpty()) {
                continue;
            }
            var p = parent.row();
            for (SpanNode child : networkRoots) {
                var c = child.row();
                if (!child.isNetRoot || child.index() == parent.index() || c.l7Protocol() != p.l7Protocol()
                        || child.hasParentId() || !startsWith(child, "s") || sameSet(parent, child)) {
                    continue;
                }
                if (parent.kind() != SpanKind.APP && child.kind() != SpanKind.APP
                        && parent.agentId() == child.agentId() && !parent.startsNoLaterThan(child)) {
                    continue;
                }
                // a different tcp connection (the same one would already be in one set)
                if (p.reqTcpSeq() != 0 && p.reqTcpSeq() == c.reqTcpSeq()
                        || p.respTcpSeq() != 0 && p.respTcpSeq() == c.respTcpSeq()) {
                    continue;
                }
                if (!intersects(parentTraces, traceIds.get(child.index())) || parent.duration() < child.duration()) {
                    continue;
                }
                Pending old = weakParent.get(child.index());
                if (old == null) {
                    weakParent.put(child.index(), new Pending(parent.index(),
                            "net_span c->s weakly mounted due to trace_id"));
                } else if (spans.get(old.parent()).duration() > parent.duration()) {
                    weakParent.put(child.index(), new Pending(parent.index(), old.reason()));
                }
                Integer lastChild = weakChild.get(parent.index());
                if (lastChild == null || spans.get(lastChild).duration() < child.duration()) {
                    weakChild.put(parent.index(), child.index());
                }
            }
        }
    }

    private static final int AUTO_INSTANCE_CHOST = 1;
    private static final int AUTO_INSTANCE_POD_NODE = 14;

    private void sysServerToClientByTraceId(Map<Integer, Set<String>> traceIds, Map<Integer, Pending> weakParent) {
        for (SpanNode parent : processLeafs) {
            if (!startsWith(parent, "s") || parent.kind() == SpanKind.NET) {
                continue;
            }
            int type = parent.autoInstanceType();
            if (type != AUTO_INSTANCE_CHOST && type != AUTO_INSTANCE_POD_NODE) {
                continue; // processes of one VM or node; pods are handled by process matching
            }
            Set<String> parentTraces = traceIds.get(parent.index());
            if (parentTraces == null || parentTraces.isEmpty()) {
                continue;
            }
            for (SpanNode child : processRoots) {
                if (!child.isPsRoot || child.index() == parent.index()
                        || !parent.autoInstance().equals(child.autoInstance())
                        || parent.autoInstanceType() != child.autoInstanceType()) {
                    continue;
                }
                if (parent.agentId() == child.agentId() && !parent.covers(child, false)) {
                    continue;
                }
                if (child.hasParentId() || !startsWith(child, "c") || sameSet(parent, child)
                        || !intersects(parentTraces, traceIds.get(child.index()))) {
                    continue;
                }
                Pending old = weakParent.get(child.index());
                if (old == null) {
                    weakParent.put(child.index(), new Pending(parent.index(),
                            "sys_span s->c weakly mounted due to trace_id"));
                } else if (spans.get(old.parent()).duration() > parent.duration()) {
                    weakParent.put(child.index(), new Pending(parent.index(), old.reason()));
                }
            }
        }
    }
}
