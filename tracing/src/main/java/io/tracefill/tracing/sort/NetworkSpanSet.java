package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.merge.SpanRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request seen at several observation points, grouped by tcp seq (spec §8): at most a c-p,
 * network spans, at most an s-p; ordered client to server and chained parent to child.
 */
public final class NetworkSpanSet {
    private static final Map<String, Integer> TAP_SIDE_RANKS = Map.ofEntries(
            Map.entry(TapSide.CLIENT_PROCESS, 1),
            Map.entry(TapSide.CLIENT_NIC, 2),
            Map.entry(TapSide.CLIENT_NODE, 3),
            Map.entry(TapSide.CLIENT_HYPERVISOR, 4),
            Map.entry(TapSide.CLIENT_GATEWAY_HYPERVISOR, 5),
            Map.entry(TapSide.CLIENT_GATEWAY, 6),
            Map.entry(TapSide.SERVER_GATEWAY, 7),
            Map.entry(TapSide.SERVER_GATEWAY_HYPERVISOR, 8),
            Map.entry(TapSide.SERVER_HYPERVISOR, 9),
            Map.entry(TapSide.SERVER_NODE, 10),
            Map.entry(TapSide.SERVER_NIC, 11),
            Map.entry(TapSide.SERVER_PROCESS, 12),
            Map.entry(TapSide.REST, 13),
            Map.entry(TapSide.LOCAL, 13));
    /** Unranked points (app points, unknown ones) sort last instead of failing (D7). */
    private static final int UNRANKED = 14;
    private static final Set<String> INGRESS_SIDES = Set.of(TapSide.CLIENT_PROCESS, TapSide.CLIENT_NIC,
            TapSide.CLIENT_NODE);
    private static final Set<String> EGRESS_SIDES = Set.of(TapSide.SERVER_PROCESS, TapSide.SERVER_NIC,
            TapSide.SERVER_NODE);
    private static final Set<String> SERVER_SIDE_TAP_SIDES = Set.of(TapSide.SERVER_GATEWAY,
            TapSide.SERVER_GATEWAY_HYPERVISOR, TapSide.SERVER_HYPERVISOR, TapSide.SERVER_NODE, TapSide.SERVER_NIC,
            TapSide.SERVER_PROCESS);
    private static final int AUTO_SERVICE_INTERNET_IP = 0;
    private static final int AUTO_SERVICE_IP = 255;

    /** The first non-empty span id among the spans, in the order added; null if none. */
    String spanId;
    List<SpanNode> spans = new ArrayList<>();
    private final Long[] autoServiceId = new Long[2];
    private final String[] autoService = new String[2];
    private final Integer[] autoServiceType = new Integer[2];
    private final Integer[] autoInstanceType = new Integer[2];

    void append(SpanNode span) {
        if (spanId == null && !span.row().spanId().isEmpty()) {
            spanId = span.row().spanId();
        }
        span.networkSpanSet = this;
        if (span.kind() == SpanKind.NET) {
            setAutoService(span);
        }
        spans.add(span);
    }

    public List<SpanNode> spans() {
        return java.util.Collections.unmodifiableList(spans);
    }

    /** The first non-empty span id of the set, or null. */
    public String spanId() {
        return spanId;
    }

    private boolean looksLikeIp() {
        return isIp(autoServiceType[1]) || isIp(autoServiceType[0]) || isIp(autoInstanceType[0])
                || isIp(autoInstanceType[1]);
    }

    private static boolean isIp(Integer type) {
        return type != null && (type == AUTO_SERVICE_IP || type == AUTO_SERVICE_INTERNET_IP);
    }

    private static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return ((Number) v).longValue() != 0;
    }

    /**
     * Display service tags for a network span, per direction of its observation point: the set
     * keeps the first value unless it still looks like a bare IP (the reference's NetworkSpanSet
     * {@code _set_auto_service}).
     */
    private void setAutoService(SpanNode span) {
        Flow f = span.row();
        SpanRecord r = span.record();
        int direction = span.tapSide().startsWith("s") ? 1 : 0;

        int d = f.side(direction).autoServiceId() != 0 ? direction : 0;
        if (truthy(autoServiceId[d])) {
            if (looksLikeIp()) {
                autoServiceId[d] = f.side(d).autoServiceId();
            }
        } else {
            autoServiceId[d] = f.side(d).autoServiceId();
        }
        r.autoServiceId = autoServiceId[d];

        d = !f.side(direction).autoService().isEmpty() ? direction : 0;
        if (truthy(autoService[d])) {
            if (looksLikeIp()) {
                autoService[d] = f.side(d).autoService();
            }
        } else {
            autoService[d] = f.side(d).autoService();
        }
        r.autoService = autoService[d];

        d = f.side(direction).autoServiceType() != 0 ? direction : 0;
        if (truthy(autoServiceType[d])) {
            if (looksLikeIp()) {
                autoServiceType[d] = f.side(d).autoServiceType();
            }
        } else {
            autoServiceType[d] = f.side(d).autoServiceType();
        }
        r.autoServiceType = autoServiceType[d];

        d = f.side(direction).autoInstanceType() != 0 ? direction : 0;
        if (truthy(autoInstanceType[d])) {
            if (looksLikeIp()) {
                autoInstanceType[d] = f.side(d).autoInstanceType();
            }
        } else {
            autoInstanceType[d] = f.side(d).autoInstanceType();
        }
        r.autoInstanceType = autoInstanceType[d];
    }

    private static int rank(SpanNode s) {
        return TAP_SIDE_RANKS.getOrDefault(s.tapSide(), UNRANKED);
    }

    /**
     * Orders the spans client to server (spec §8.2): by observation point, then agent group
     * (ingress agent, others, egress agent), longest first; c-p first and s-p last.
     */
    void sort() {
        List<SpanNode> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(NetworkSpanSet::rank).thenComparing(SpanNode::tapSide));
        Long ingressAgent = null;
        for (SpanNode s : sorted) {
            if (INGRESS_SIDES.contains(s.tapSide())) {
                ingressAgent = s.agentId();
                break;
            }
        }
        Long egressAgent = null;
        for (int i = sorted.size() - 1; i >= 0; i--) {
            if (EGRESS_SIDES.contains(sorted.get(i).tapSide())) {
                egressAgent = sorted.get(i).agentId();
                break;
            }
        }
        int ingressRank = 0;
        int egressRank = 2;
        if (!sorted.isEmpty()) {
            Flow first = sorted.get(0).row();
            if ((first.l7Protocol() == L7Protocol.GRPC || first.l7Protocol() == L7Protocol.HTTP2)
                    && first.reqTcpSeq() == 0 && first.type() == FlowType.SESSION) {
                // a gRPC response frame travels server to client: reverse. The reference sets the
                // egress *agent* (not its rank) to 0 here (D8); kept.
                ingressRank = 2;
                egressAgent = 0L;
            }
        }
        for (SpanNode s : sorted) {
            if (ingressAgent != null && s.agentId() == ingressAgent) {
                s.record().agentRank = ingressRank;
            } else if (egressAgent != null && s.agentId() == egressAgent) {
                s.record().agentRank = egressRank;
            } else {
                s.record().agentRank = 1;
            }
        }
        Comparator<SpanNode> order = Comparator
                .comparingInt((SpanNode s) -> s.record().agentRank)
                .thenComparingLong(s -> -s.duration())
                .thenComparingLong(SpanNode::start)
                .thenComparingLong(s -> -s.end());
        List<SpanNode> clients = new ArrayList<>();
        List<SpanNode> servers = new ArrayList<>();
        List<SpanNode> others = new ArrayList<>();
        for (SpanNode s : sorted) {
            if (TapSide.CLIENT_PROCESS.equals(s.tapSide())) {
                clients.add(s);
            } else if (TapSide.SERVER_PROCESS.equals(s.tapSide())) {
                servers.add(s);
            } else {
                others.add(s);
            }
        }
        clients.sort(order);
        others.sort(order);
        servers.sort(order);
        sorted = new ArrayList<>(clients);
        sorted.addAll(others);
        sorted.addAll(servers);
        if (java.util.Objects.equals(ingressAgent, egressAgent)) {
            // both ends on one host with other hosts in between: server-side spans of this host go last (D14)
            int firstServerSide = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (SERVER_SIDE_TAP_SIDES.contains(sorted.get(i).tapSide())) {
                    firstServerSide = i;
                    break;
                }
            }
            int otherAgent = -1;
            if (firstServerSide != -1) {
                for (int i = firstServerSide; i < sorted.size(); i++) {
                    if (sorted.get(i).record().agentRank != 0) {
                        otherAgent = i;
                        break;
                    }
                }
            }
            if (otherAgent != -1) {
                List<SpanNode> reordered = new ArrayList<>(sorted.subList(0, firstServerSide));
                reordered.addAll(sorted.subList(otherAgent, sorted.size()));
                reordered.addAll(sorted.subList(firstServerSide, otherAgent));
                sorted = reordered;
            }
        }
        spans = sorted;
        spans.get(0).isNetRoot = true;
        spans.get(spans.size() - 1).isNetLeaf = true;
    }

    /** Links each span under the one before it (spec §8.3). */
    void chain(long hostClockOffsetUs, long networkDelayUs, LinkListener listener) {
        sort();
        for (int i = 1; i < spans.size(); i++) {
            SpanNode child = spans.get(i);
            SpanNode parent = spans.get(i - 1);
            if (child.agentId() != parent.agentId()
                    && !rangesOverlap(child, parent, hostClockOffsetUs + networkDelayUs)) {
                continue; // different hosts too far apart in time: not the same request
            }
            if (child.kind() == SpanKind.SYS && parent.kind() == SpanKind.SYS) {
                // only c-p → s-p directly; two sys spans of one kind with one seq are not parent and child
                if (TapSide.SERVER_PROCESS.equals(child.tapSide()) && TapSide.CLIENT_PROCESS.equals(parent.tapSide())) {
                    child.setParent(parent, "trace mounted due to tcp_seq", listener);
                }
                continue;
            }
            if (child.parent != null) {
                // tcp_seq wins over an earlier same-process link; drop the stale child entry
                child.parent.record().removeChild(child.index());
            }
            child.setParent(parent, "trace mounted due to tcp_seq", listener);
        }
    }

    static boolean rangesOverlap(SpanNode a, SpanNode b, long deviation) {
        return a.end() + deviation >= b.start() && b.end() + deviation >= a.start();
    }
}
