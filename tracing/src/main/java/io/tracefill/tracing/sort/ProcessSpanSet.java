package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.merge.SpanRecord;
import io.tracefill.tracing.util.PyDisjointSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The spans of one pass through one process (spec §7): at most one s-p, the app spans of that
 * pass (a tree), and the c-p calls it made. Identity is the group key, compared as the reference
 * does (so two sets with equal keys count as the same set, D5).
 */
public final class ProcessSpanSet {
    private static final int AUTO_SERVICE_INTERNET_IP = 0;
    private static final int AUTO_SERVICE_IP = 255;
    private static final int AUTO_INSTANCE_INTERNET_IP = 0;
    private static final int AUTO_INSTANCE_IP = 255;

    /** Long or String: an instance, {@code "<instance>-<n>"}, a root parent span id, or {@code "root"}. */
    final Object groupKey;
    final List<SpanNode> spans = new ArrayList<>();
    List<SpanNode> appSpanRoots;
    List<SpanNode> appSpanLeafs;
    final Set<Long> leafSyscallTraceIdRequest = new HashSet<>();
    final Set<Long> leafSyscallTraceIdResponse = new HashSet<>();
    final Set<String> gTraceId = new HashSet<>();
    /** x-request-id of a c-p → its positions in {@link #spans} at the time it was added. */
    final Map<String, List<Integer>> leafXRequestId = new HashMap<>();

    Long subnetId;
    String subnet;
    Integer processId;
    String processKname;
    String gprocess;
    String autoService;
    Long autoServiceId;
    String ip;
    Integer autoServiceType;
    Integer autoInstanceType;
    /** Null until set; may be set to "" (and then never changes), as in the reference. */
    String appService;
    private boolean appServiceSet;
    final LinkListener listener;

    ProcessSpanSet(Object groupKey, LinkListener listener) {
        this.groupKey = groupKey;
        this.listener = listener;
    }

    /** Python {@code str()} of the group key. */
    static String keyText(Object key) {
        return String.valueOf(key);
    }

    boolean sameSetAs(ProcessSpanSet other) {
        return other != null && Objects.equals(groupKey, other.groupKey);
    }

    private static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        return true;
    }

    private static boolean isIpType(Integer type, int ip, int internet) {
        return type != null && (type == ip || type == internet);
    }

    void appendAppSpan(SpanNode span) {
        span.processSpanSet = this;
        spans.add(span);
        if (!appServiceSet) {
            appService = span.row().appService();
            appServiceSet = true;
        }
        setAutoService(span);
    }

    void appendSysSpan(SpanNode span) {
        span.processSpanSet = this;
        spans.add(span);
        setExtraValuesForSysSpan(span);
        setAutoService(span);
        Flow f = span.row();
        if (TapSide.CLIENT_PROCESS.equals(span.tapSide())) {
            if (f.syscallTraceIdRequest() != 0) {
                leafSyscallTraceIdRequest.add(f.syscallTraceIdRequest());
            }
            if (f.syscallTraceIdResponse() != 0) {
                leafSyscallTraceIdResponse.add(f.syscallTraceIdResponse());
            }
            int position = spans.size() - 1;
            if (!f.xRequestId0().isEmpty()) {
                leafXRequestId.computeIfAbsent(f.xRequestId0(), k -> new ArrayList<>()).add(position);
            }
            if (!f.xRequestId1().isEmpty() && !f.xRequestId1().equals(f.xRequestId0())) {
                leafXRequestId.computeIfAbsent(f.xRequestId1(), k -> new ArrayList<>()).add(position);
            }
        }
        gTraceId.addAll(span.record().traceIds());
    }

    void removeServerSysSpan(SpanNode span) {
        span.processSpanSet = null;
        spans.remove(span);
    }

    /** Subnet, ip and process of the set: the first sys span's, given to every later one (spec §7.3). */
    private void setExtraValuesForSysSpan(SpanNode span) {
        boolean serverSide = TapSide.SERVER_PROCESS.equals(span.tapSide()) || TapSide.SERVER_APP.equals(span.tapSide());
        var side = serverSide ? span.row().server() : span.row().client();
        SpanRecord r = span.record();
        if (truthy(subnetId)) {
            r.subnetId = subnetId;
        } else {
            subnetId = side.subnetId();
            r.subnetId = subnetId;
        }
        if (truthy(subnet)) {
            r.subnet = subnet;
        } else {
            subnet = side.subnet();
            r.subnet = subnet;
        }
        if (truthy(ip)) {
            r.ip = ip;
        } else {
            ip = side.ip();
            r.ip = ip;
        }
        if (truthy(processKname)) {
            r.processKname = processKname;
        } else {
            processKname = side.processKname();
            r.processKname = processKname;
        }
        if (truthy(processId)) {
            r.processId = processId;
        } else {
            processId = side.processId();
            r.processId = processId;
        }
        if (truthy(gprocess)) {
            r.gprocess = gprocess;
        } else {
            gprocess = side.gprocess();
            r.gprocess = gprocess;
        }
    }

    /**
     * Service fields of the set, taken from the first span and replaced while the set still
     * looks like a bare IP; every span gets the set's values (the reference's {@code _set_auto_service}).
     */
    private void setAutoService(SpanNode span) {
        String ts = span.tapSide();
        boolean serverSide = TapSide.SERVER_PROCESS.equals(ts) || TapSide.SERVER_APP.equals(ts) || TapSide.APP.equals(ts);
        Flow f = span.row();
        SpanRecord r = span.record();
        boolean app = TapSide.APP.equals(ts);

        var sideId = pickSide(f, serverSide, app, s -> s.autoServiceId() != 0);
        if (truthy(autoServiceId)) {
            if (looksLikeIp()) {
                autoServiceId = sideId.autoServiceId();
            }
        } else {
            autoServiceId = sideId.autoServiceId();
        }
        r.autoServiceId = autoServiceId;

        var sideName = pickSide(f, serverSide, app, s -> !s.autoService().isEmpty());
        if (truthy(autoService)) {
            if (looksLikeIp()) {
                autoService = sideName.autoService();
            }
        } else {
            autoService = sideName.autoService();
        }
        r.autoService = autoService;

        var sideType = pickSide(f, serverSide, app, s -> s.autoServiceType() != 0);
        if (truthy(autoServiceType)) {
            if (looksLikeIp()) {
                autoServiceType = sideType.autoServiceType();
            }
        } else {
            autoServiceType = sideType.autoServiceType();
        }
        r.autoServiceType = autoServiceType;

        var sideInstanceType = pickSide(f, serverSide, app, s -> s.autoInstanceType() != 0);
        if (truthy(autoInstanceType)) {
            if (looksLikeIp()) {
                autoInstanceType = sideInstanceType.autoInstanceType();
            }
        } else {
            autoInstanceType = sideInstanceType.autoInstanceType();
        }
        r.autoInstanceType = autoInstanceType;
    }

    private boolean looksLikeIp() {
        return isIpType(autoServiceType, AUTO_SERVICE_IP, AUTO_SERVICE_INTERNET_IP)
                || isIpType(autoInstanceType, AUTO_INSTANCE_IP, AUTO_INSTANCE_INTERNET_IP);
    }

    /** The side to read a field from; an {@code app} span falls back to the client side when the server side is empty. */
    private static io.tracefill.serdes.model.FlowSide pickSide(Flow f, boolean serverSide, boolean app,
                                                              java.util.function.Predicate<io.tracefill.serdes.model.FlowSide> present) {
        if (app && !present.test(f.server())) {
            return f.client();
        }
        return serverSide ? f.server() : f.client();
    }

    /** Copies the service metadata into a set split off this one (not the instance type, as in the reference). */
    private void copyMetaDataTo(ProcessSpanSet other) {
        other.subnet = subnet;
        other.subnetId = subnetId;
        other.processId = processId;
        other.processKname = processKname;
        other.gprocess = gprocess;
        other.ip = ip;
        other.autoService = autoService;
        other.autoServiceId = autoServiceId;
        other.autoServiceType = autoServiceType;
        other.appService = appService;
        other.appServiceSet = appServiceSet;
    }

    void markRootAndLeaf() {
        Set<SpanNode> hasChild = new HashSet<>();
        for (SpanNode s : spans) {
            if (s.parent == null) {
                s.isPsRoot = true;
            } else {
                hasChild.add(s.parent);
            }
        }
        for (SpanNode s : spans) {
            if (!hasChild.contains(s)) {
                s.isPsLeaf = true;
            }
        }
    }

    List<SpanNode> leafs() {
        Set<SpanNode> hasChild = new HashSet<>();
        for (SpanNode s : spans) {
            if (s.parent != null) {
                hasChild.add(s.parent);
            }
        }
        List<SpanNode> out = new ArrayList<>();
        for (SpanNode s : spans) {
            if (!hasChild.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Links OTel spans of this set by {@code parent_span_id} → {@code span_id} (last span id wins). */
    private void buildAppSpanTree() {
        Map<String, Integer> bySpanId = new HashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            SpanNode s = spans.get(i);
            if (s.kind() == SpanKind.APP && !s.row().spanId().isEmpty()) {
                bySpanId.put(s.row().spanId(), i);
            }
        }
        for (SpanNode s : spans) {
            if (s.kind() != SpanKind.APP) {
                continue;
            }
            Integer parentPosition = bySpanId.get(s.row().parentSpanId());
            if (parentPosition != null) {
                s.setParent(spans.get(parentPosition), "app_span mounted due to parent_span_id", listener);
            }
        }
    }

    /**
     * Builds the app tree, then splits the set by the {@code parent_span_id} of each tree's root:
     * a service passed through several times becomes several sets.
     */
    List<ProcessSpanSet> splitByRootParentSpanId() {
        buildAppSpanTree();
        Map<Integer, Integer> positionOfIndex = new HashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            positionOfIndex.put(spans.get(i).index(), i);
        }
        PyDisjointSet trees = new PyDisjointSet();
        for (int i = 0; i < spans.size(); i++) {
            trees.put(i, positionOfIndex.getOrDefault(spans.get(i).record().parentId, -1));
            trees.get(i);
        }
        Map<String, ProcessSpanSet> byRootParent = new LinkedHashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            SpanNode root = spans.get(trees.get(i));
            String key = root.row().parentSpanId().isEmpty() ? "root" : root.row().parentSpanId();
            ProcessSpanSet set = byRootParent.get(key);
            if (set == null) {
                set = new ProcessSpanSet(key, listener);
                set.appSpanRoots = new ArrayList<>(List.of(root));
                copyMetaDataTo(set);
                set.spans.add(spans.get(i));
                byRootParent.put(key, set);
            } else {
                set.spans.add(spans.get(i));
                if (!set.appSpanRoots.contains(root)) {
                    set.appSpanRoots.add(root);
                }
            }
        }
        for (ProcessSpanSet set : byRootParent.values()) {
            set.appSpanLeafs = set.leafs();
        }
        return new ArrayList<>(byRootParent.values());
    }

    /** s-p above an app root, or c-p below an app leaf (spec §7.4 b). */
    boolean attachSysSpanViaAppSpan(SpanNode sys) {
        if (TapSide.SERVER_PROCESS.equals(sys.tapSide())) {
            return attachServerSysSpan(sys);
        }
        if (TapSide.CLIENT_PROCESS.equals(sys.tapSide())) {
            return attachClientSysSpan(sys);
        }
        return false;
    }

    private boolean attachServerSysSpan(SpanNode sp) {
        Flow f = sp.row();
        String spanId = f.spanId();
        if (!spanId.isEmpty()) {
            for (SpanNode root : appSpanRoots) {
                if (!spanId.equals(root.row().parentSpanId())) {
                    continue;
                }
                if (root.record().parentId < 0) {
                    appendSysSpan(sp);
                    root.setParent(sp, "s-p sys_span mounted due to same span_id as parent", listener);
                    return true;
                }
                // an upstream span fanned out with one span id: keep the s-p closest in time
                long oldDelta = root.parent.covers(root, false) ? 0 : timeDelta(root.parent, root);
                long newDelta = sp.covers(root, false) ? 0 : timeDelta(sp, root);
                if (newDelta < oldDelta) {
                    SpanNode old = root.parent;
                    removeServerSysSpan(old);
                    root.detachFrom(old);
                    appendSysSpan(sp);
                    root.setParent(sp, "s-p sys_span mounted due to same span_id as parent", listener);
                }
                return true;
            }
        }
        long req = f.syscallTraceIdRequest();
        long resp = f.syscallTraceIdResponse();
        if (req != 0 || resp != 0) {
            for (SpanNode root : appSpanRoots) {
                if (root.record().parentId < 0 && (leafSyscallTraceIdRequest.contains(req)
                        || leafSyscallTraceIdResponse.contains(resp))) {
                    appendSysSpan(sp);
                    root.setParent(sp, "s-p sys_span mounted due to syscall_trace_id matched c-p", listener);
                    return true;
                }
            }
        }
        String x0 = f.xRequestId0();
        String x1 = f.xRequestId1();
        if (!x0.isEmpty() || !x1.isEmpty()) {
            boolean matched = coversLeafWithXRequestId(sp, x0);
            if (!matched) {
                matched = coversLeafWithXRequestId(sp, x1);
            }
            if (matched) {
                for (SpanNode root : appSpanRoots) {
                    if (root.record().parentId < 0) {
                        appendSysSpan(sp);
                        root.setParent(sp, "s-p sys_span mounted due to x_request_id matched c-p", listener);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean coversLeafWithXRequestId(SpanNode sp, String xRequestId) {
        boolean matched = false;
        for (int position : leafXRequestId.getOrDefault(xRequestId, List.of())) {
            // positions were recorded when the c-p was added; a later removal may have shifted them
            if (position < spans.size() && sp.covers(spans.get(position), false)) {
                matched = true;
            }
        }
        return matched;
    }

    private static long timeDelta(SpanNode a, SpanNode b) {
        return Math.min(Math.abs(a.start() - b.start()), Math.abs(a.end() - b.end()));
    }

    private boolean attachClientSysSpan(SpanNode cp) {
        String spanId = cp.row().spanId();
        if (spanId.isEmpty()) {
            return false;
        }
        for (SpanNode leaf : appSpanLeafs) {
            if (spanId.equals(leaf.row().spanId())) {
                appendSysSpan(cp);
                cp.setParent(leaf, "c-p sys_span mounted due to same span_id as child", listener);
                return true;
            }
        }
        return false;
    }

    private static boolean xRequestIdMatch(Flow sp, Flow cp) {
        return !sp.xRequestId0().isEmpty() && sp.xRequestId0().equals(cp.xRequestId0())
                || !sp.xRequestId1().isEmpty()
                && (sp.xRequestId1().equals(cp.xRequestId1()) || sp.xRequestId1().equals(cp.xRequestId0()));
    }

    private boolean sharesTraceId(SpanNode span) {
        for (String t : span.record().traceIds()) {
            if (gTraceId.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Would this set's s-p be the parent of the c-p? The first s-p that is not the same process
     * or does not cover the c-p rejects the whole set (spec §7.4 d).
     */
    SetMatch tryAttachClientViaServer(SpanNode cp) {
        Flow c = cp.row();
        boolean clientSyscallMatch = leafSyscallTraceIdResponse.contains(c.syscallTraceIdRequest())
                || leafSyscallTraceIdRequest.contains(c.syscallTraceIdResponse());
        for (SpanNode sp : spans) {
            if (!TapSide.SERVER_PROCESS.equals(sp.tapSide())) {
                continue;
            }
            if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && sp.covers(cp, true))) {
                return null;
            }
            Flow s = sp.row();
            boolean sysMatch = !clientSyscallMatch && (s.syscallTraceIdRequest() == c.syscallTraceIdRequest()
                    || s.syscallTraceIdResponse() == c.syscallTraceIdResponse()
                    || s.syscallTraceIdRequest() == c.syscallTraceIdResponse()
                    || s.syscallTraceIdResponse() == c.syscallTraceIdRequest());
            boolean xreqMatch = !clientSyscallMatch && !sysMatch && xRequestIdMatch(s, c);
            boolean traceMatch = !clientSyscallMatch && !sysMatch && !xreqMatch && sharesTraceId(cp);
            String info;
            if (sysMatch) {
                info = "syscall_trace_id matched to s-p root";
            } else if (xreqMatch) {
                info = "x_request_id matched to s-p root";
            } else if (traceMatch) {
                info = "same process/trace_id and time cover by s-p root";
            } else if (clientSyscallMatch) {
                info = "syscall_trace_id matched to c-p child";
            } else {
                continue;
            }
            return new SetMatch(sp, "c-p sys-span mounted due to " + info);
        }
        return null;
    }

    /** The asynchronous fallback: an s-p of the same process and trace that ended before the c-p. */
    SetMatch tryAttachClientViaPrecedingServer(SpanNode cp) {
        for (SpanNode sp : spans) {
            if (!TapSide.SERVER_PROCESS.equals(sp.tapSide())) {
                continue;
            }
            if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && sp.fullyBefore(cp, true))) {
                return null;
            }
            if (sharesTraceId(cp)) {
                return new SetMatch(sp, "c-p sys-span mounted due to preceding c-p as async span after s-p root "
                        + "by same process/trace_id");
            }
        }
        return null;
    }

    /** Unix-socket calls inside one instance: the c-p becomes the parent of an s-p it covers. */
    SetMatch tryAppendServerUnderClient(SpanNode cp) {
        if (cp.row().serverPort() != UNIX_SOCKET_SERVER_PORT) {
            return null;
        }
        for (SpanNode sp : spans) {
            if (sp.row().serverPort() != UNIX_SOCKET_SERVER_PORT || sp.parent != null
                    || !TapSide.SERVER_PROCESS.equals(sp.tapSide())) {
                continue;
            }
            if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && cp.covers(sp, false))) {
                return null;
            }
            boolean xreqMatch = xRequestIdMatch(sp.row(), cp.row());
            boolean traceMatch = !xreqMatch && sharesTraceId(cp);
            if (xreqMatch) {
                return new SetMatch(sp, "s-p sys-span mounted due to x_request_id matched to c-p root");
            }
            if (traceMatch) {
                return new SetMatch(sp, "s-p sys-span mounted due to same process/trace_id and time cover by c-p root");
            }
        }
        return null;
    }

    static final int UNIX_SOCKET_SERVER_PORT = 1;

    /** A sibling c-p of one that found its s-p follows it when the s-p covers it too. */
    void attachSiblingClient(SpanNode sp, SpanNode cp) {
        if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && sp.covers(cp, true))) {
            return;
        }
        if (cp.parent != null) {
            return;
        }
        appendSysSpan(cp);
        cp.setParent(sp, "c-p sys-span mounted due to brother c-p", listener);
    }

    public List<SpanNode> spans() {
        return java.util.Collections.unmodifiableList(spans);
    }

    public Object groupKey() {
        return groupKey;
    }

    public Long autoServiceId() {
        return autoServiceId;
    }

    public String autoService() {
        return autoService;
    }

    public String appService() {
        return appService;
    }

    public String ip() {
        return ip;
    }

    public String gprocess() {
        return gprocess;
    }

    public String processKname() {
        return processKname;
    }

    public Integer autoInstanceType() {
        return autoInstanceType;
    }
}
