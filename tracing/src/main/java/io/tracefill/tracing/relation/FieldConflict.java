package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.L7Protocol;

import java.util.List;
import java.util.Objects;

/** The conflict tests that veto a tcp-seq or DNS relation (spec §4.5.2, §4.5.6). */
final class FieldConflict {
    private static final List<ConflictField> NETWORK_FIELDS = List.of(
            ConflictField.L7_PROTOCOL, ConflictField.X_REQUEST_ID_0, ConflictField.X_REQUEST_ID_1,
            ConflictField.HTTP_PROXY_CLIENT, ConflictField.PROTOCOL, ConflictField.L7_PROTOCOL_STR,
            ConflictField.VERSION, ConflictField.REQUEST_ID, ConflictField.ENDPOINT,
            ConflictField.HTTP_PROXY_CLIENT, ConflictField.REQUEST_TYPE, ConflictField.REQUEST_DOMAIN,
            ConflictField.REQUEST_RESOURCE, ConflictField.RESPONSE_CODE, ConflictField.RESPONSE_EXCEPTION,
            ConflictField.RESPONSE_RESULT);

    private static final List<ConflictField> DNS_FIELDS = List.of(
            ConflictField.PROTOCOL, ConflictField.ENDPOINT, ConflictField.REQUEST_RESOURCE,
            ConflictField.REQUEST_TYPE, ConflictField.REQUEST_ID, ConflictField.RESPONSE_CODE,
            ConflictField.RESPONSE_EXCEPTION, ConflictField.RESPONSE_RESULT, ConflictField.L7_PROTOCOL);

    /** Payload truncation makes parsed fields differ between capture points; only this prefix is compared. */
    private static final int RESOURCE_COMPARE_CHARS = 1024;

    private FieldConflict() {
    }

    static boolean network(TraceInfo a, TraceInfo b) {
        // With trace ids on both sides the ids decide (parsed fields may be truncated differently)
        if (!a.traceIds().isEmpty() && !b.traceIds().isEmpty()) {
            if (!a.sharesTraceId(b)) {
                return true;
            }
            String sa = a.row().spanId();
            String sb = b.row().spanId();
            if (sa.isEmpty() && sb.isEmpty()) {
                return false;
            }
            return !sa.equals(sb);
        }
        boolean grpcHttp2Differ = false;
        for (ConflictField field : NETWORK_FIELDS) {
            if (grpcHttp2Differ && (field == ConflictField.L7_PROTOCOL_STR
                    || field == ConflictField.REQUEST_RESOURCE || field == ConflictField.ENDPOINT)) {
                continue;
            }
            Object va = field.presentValue(a);
            Object vb = field.presentValue(b);
            if (va == null || vb == null) {
                continue;
            }
            if (field == ConflictField.L7_PROTOCOL && isHttp2OrGrpc(va) && isHttp2OrGrpc(vb)) {
                // agents may parse the same stream as HTTP2 at one point and gRPC at another
                if (!va.equals(vb)) {
                    grpcHttp2Differ = true;
                }
                continue;
            }
            if (field == ConflictField.REQUEST_RESOURCE && longerThanCompared((String) va)
                    && longerThanCompared((String) vb)) {
                va = truncated((String) va);
                vb = truncated((String) vb);
            }
            if (!Objects.equals(va, vb)) {
                return true;
            }
        }
        return false;
    }

    static boolean dns(TraceInfo a, TraceInfo b) {
        for (ConflictField field : DNS_FIELDS) {
            Object va = field.presentValue(a);
            Object vb = field.presentValue(b);
            if (va != null && vb != null && !Objects.equals(va, vb)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHttp2OrGrpc(Object l7) {
        int v = ((Number) l7).intValue();
        return v == L7Protocol.HTTP2 || v == L7Protocol.GRPC;
    }

    private static boolean longerThanCompared(String s) {
        return s.length() > RESOURCE_COMPARE_CHARS && s.codePointCount(0, s.length()) > RESOURCE_COMPARE_CHARS;
    }

    private static String truncated(String s) {
        return s.substring(0, s.offsetByCodePoints(0, RESOURCE_COMPARE_CHARS));
    }
}
