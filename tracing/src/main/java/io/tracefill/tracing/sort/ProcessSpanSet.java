package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.merge.SpanRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The spans of one pass through one process (spec §7): at most one s-p, the app spans of that
 * pass (a tree), and the c-p calls it made, with the service fields the set hands to its spans.
 * Identity is the group key, compared as the reference does (so two sets with equal keys count
 * as the same set, D5). How spans get in: {@link AppSpanTree}, {@link AppSpanAttachment},
 * {@link ProcessMatching}.
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
    void copyMetaDataTo(ProcessSpanSet other) {
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
