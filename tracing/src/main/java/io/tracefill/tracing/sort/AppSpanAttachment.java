package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;

import java.util.List;

/**
 * Sys spans onto the app spans of their instance (spec §7.4 b): an s-p becomes the parent of an
 * app root (by span id, else by a leaf c-p's syscall id, else by a covered leaf c-p's
 * x-request-id); a c-p becomes the child of the app leaf with its span id.
 */
final class AppSpanAttachment {
    private AppSpanAttachment() {
    }

    /** s-p above an app root, or c-p below an app leaf (spec §7.4 b). */
    static boolean attach(ProcessSpanSet set, SpanNode sys) {
        if (TapSide.SERVER_PROCESS.equals(sys.tapSide())) {
            return attachServer(set, sys);
        }
        if (TapSide.CLIENT_PROCESS.equals(sys.tapSide())) {
            return attachClient(set, sys);
        }
        return false;
    }

    private static boolean attachServer(ProcessSpanSet set, SpanNode sp) {
        Flow f = sp.row();
        String spanId = f.spanId();
        if (!spanId.isEmpty()) {
            for (SpanNode root : set.appSpanRoots) {
                if (!spanId.equals(root.row().parentSpanId())) {
                    continue;
                }
                if (root.record().parentId < 0) {
                    set.appendSysSpan(sp);
                    root.setParent(sp, "s-p sys_span mounted due to same span_id as parent", set.listener);
                    return true;
                }
                // an upstream span fanned out with one span id: keep the s-p closest in time
                long oldDelta = root.parent.covers(root, false) ? 0 : timeDelta(root.parent, root);
                long newDelta = sp.covers(root, false) ? 0 : timeDelta(sp, root);
                if (newDelta < oldDelta) {
                    SpanNode old = root.parent;
                    set.removeServerSysSpan(old);
                    root.detachFrom(old);
                    set.appendSysSpan(sp);
                    root.setParent(sp, "s-p sys_span mounted due to same span_id as parent", set.listener);
                }
                return true;
            }
        }
        long req = f.syscallTraceIdRequest();
        long resp = f.syscallTraceIdResponse();
        if (req != 0 || resp != 0) {
            for (SpanNode root : set.appSpanRoots) {
                if (root.record().parentId < 0 && (set.leafSyscallTraceIdRequest.contains(req)
                        || set.leafSyscallTraceIdResponse.contains(resp))) {
                    set.appendSysSpan(sp);
                    root.setParent(sp, "s-p sys_span mounted due to syscall_trace_id matched c-p", set.listener);
                    return true;
                }
            }
        }
        String x0 = f.xRequestId0();
        String x1 = f.xRequestId1();
        if (!x0.isEmpty() || !x1.isEmpty()) {
            boolean matched = coversLeafWithXRequestId(set, sp, x0);
            if (!matched) {
                matched = coversLeafWithXRequestId(set, sp, x1);
            }
            if (matched) {
                for (SpanNode root : set.appSpanRoots) {
                    if (root.record().parentId < 0) {
                        set.appendSysSpan(sp);
                        root.setParent(sp, "s-p sys_span mounted due to x_request_id matched c-p", set.listener);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean coversLeafWithXRequestId(ProcessSpanSet set, SpanNode sp, String xRequestId) {
        boolean matched = false;
        for (int position : set.leafXRequestId.getOrDefault(xRequestId, List.of())) {
            // positions were recorded when the c-p was added; a later removal may have shifted them
            if (position < set.spans.size() && sp.covers(set.spans.get(position), false)) {
                matched = true;
            }
        }
        return matched;
    }

    private static long timeDelta(SpanNode a, SpanNode b) {
        return Math.min(Math.abs(a.start() - b.start()), Math.abs(a.end() - b.end()));
    }

    private static boolean attachClient(ProcessSpanSet set, SpanNode cp) {
        String spanId = cp.row().spanId();
        if (spanId.isEmpty()) {
            return false;
        }
        for (SpanNode leaf : set.appSpanLeafs) {
            if (spanId.equals(leaf.row().spanId())) {
                set.appendSysSpan(cp);
                cp.setParent(leaf, "c-p sys_span mounted due to same span_id as child", set.listener);
                return true;
            }
        }
        return false;
    }
}
