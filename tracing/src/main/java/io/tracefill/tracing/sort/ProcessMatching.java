package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;

/**
 * A c-p and the s-p of its process (spec §7.4 d): would a set's s-p be the c-p's parent (same
 * thread, x-request-id, shared trace id with time cover, or the asynchronous fallback), or, for
 * unix sockets, its child; and the c-p's siblings that follow it.
 */
final class ProcessMatching {
    /** DeepFlow's marker for a unix socket in {@code server_port}. */
    static final int UNIX_SOCKET_SERVER_PORT = 1;

    private ProcessMatching() {
    }

    private static boolean xRequestIdMatch(Flow sp, Flow cp) {
        return !sp.xRequestId0().isEmpty() && sp.xRequestId0().equals(cp.xRequestId0())
                || !sp.xRequestId1().isEmpty()
                && (sp.xRequestId1().equals(cp.xRequestId1()) || sp.xRequestId1().equals(cp.xRequestId0()));
    }

    private static boolean sharesTraceId(ProcessSpanSet set, SpanNode span) {
        for (String t : span.record().traceIds()) {
            if (set.gTraceId.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Would this set's s-p be the parent of the c-p? The first s-p that is not the same process
     * or does not cover the c-p rejects the whole set (spec §7.4 d).
     */
    static SetMatch clientUnderServer(ProcessSpanSet set, SpanNode cp) {
        Flow c = cp.row();
        boolean clientSyscallMatch = set.leafSyscallTraceIdResponse.contains(c.syscallTraceIdRequest())
                || set.leafSyscallTraceIdRequest.contains(c.syscallTraceIdResponse());
        for (SpanNode sp : set.spans) {
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
            boolean traceMatch = !clientSyscallMatch && !sysMatch && !xreqMatch && sharesTraceId(set, cp);
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
    static SetMatch clientAfterPrecedingServer(ProcessSpanSet set, SpanNode cp) {
        for (SpanNode sp : set.spans) {
            if (!TapSide.SERVER_PROCESS.equals(sp.tapSide())) {
                continue;
            }
            if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && sp.fullyBefore(cp, true))) {
                return null;
            }
            if (sharesTraceId(set, cp)) {
                return new SetMatch(sp, "c-p sys-span mounted due to preceding c-p as async span after s-p root "
                        + "by same process/trace_id");
            }
        }
        return null;
    }

    /** Unix-socket calls inside one instance: the c-p becomes the parent of an s-p it covers. */
    static SetMatch serverUnderClient(ProcessSpanSet set, SpanNode cp) {
        if (cp.row().serverPort() != UNIX_SOCKET_SERVER_PORT) {
            return null;
        }
        for (SpanNode sp : set.spans) {
            if (sp.row().serverPort() != UNIX_SOCKET_SERVER_PORT || sp.parent != null
                    || !TapSide.SERVER_PROCESS.equals(sp.tapSide())) {
                continue;
            }
            if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && cp.covers(sp, false))) {
                return null;
            }
            boolean xreqMatch = xRequestIdMatch(sp.row(), cp.row());
            boolean traceMatch = !xreqMatch && sharesTraceId(set, cp);
            if (xreqMatch) {
                return new SetMatch(sp, "s-p sys-span mounted due to x_request_id matched to c-p root");
            }
            if (traceMatch) {
                return new SetMatch(sp, "s-p sys-span mounted due to same process/trace_id and time cover by c-p root");
            }
        }
        return null;
    }

    /** A sibling c-p of one that found its s-p follows it when the s-p covers it too. */
    static void attachSibling(ProcessSpanSet set, SpanNode sp, SpanNode cp) {
        if (sp.kind() == SpanKind.SYS && !(sp.processMatched(cp) && sp.covers(cp, true))) {
            return;
        }
        if (cp.parent != null) {
            return;
        }
        set.appendSysSpan(cp);
        cp.setParent(sp, "c-p sys-span mounted due to brother c-p", set.listener);
    }
}
