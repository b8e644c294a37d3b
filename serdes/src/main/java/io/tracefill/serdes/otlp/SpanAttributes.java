package io.tracefill.serdes.otlp;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.serdes.model.TracedSpan;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.tracefill.serdes.otlp.OtlpAttributes.*;

/**
 * The {@code df.*} attributes of a span: how DeepFlow captured the request, what it parsed, the
 * correlation ids as captured, and what the tracing engine decided (docs/otlp-output.md lists
 * them all). Zero and empty values are left out, except the engine's numbers (index, self time,
 * duration), which are always written.
 */
final class SpanAttributes {
    private SpanAttributes() {
    }

    static void capture(AttributeList a, Flow f) {
        String signal = SignalSource.displayName(f.signalSource());
        a.putShared(SIGNAL_SOURCE, signal != null ? signal : Integer.toString(f.signalSource()));
        String point = f.tapSideEnum() != null && !f.tapSideEnum().isEmpty() ? f.tapSideEnum()
                : TapSide.displayName(f.tapSide());
        a.putShared(OBSERVATION_POINT, point);
        a.putShared(TAP_SIDE, f.tapSide());
        a.putNonZero(AGENT_ID, f.vtapId());
        a.putNonZero(CAPTURE_NIC, f.tapPort());
        a.put(CAPTURE_NIC_NAME, f.tapPortName());
        a.putShared(CAPTURE_NETWORK_TYPE, f.tap());
    }

    static void application(AttributeList a, Flow f) {
        String proto = f.l7ProtocolEnum() != null && !f.l7ProtocolEnum().isEmpty() ? f.l7ProtocolEnum()
                : L7Protocol.displayName(f.l7Protocol());
        a.putShared(L7_PROTOCOL, proto != null ? proto : Integer.toString(f.l7Protocol()));
        if (!f.l7ProtocolStr().equals(proto)) {
            a.putShared(L7_PROTOCOL_STR, f.l7ProtocolStr());
        }
        a.putShared(PROTOCOL_VERSION, f.version());
        a.putTrue(IS_TLS, f.isTls() != 0);
        a.putTrue(IS_ASYNC, f.isAsync() != 0);
        String type = FlowType.displayName(f.type());
        a.putShared(ROW_TYPE, type != null ? type.toLowerCase(Locale.ROOT) : Integer.toString(f.type()));
        a.put(ENDPOINT, f.endpoint());
        a.putShared(REQUEST_TYPE, f.requestType());
        a.put(REQUEST_DOMAIN, f.requestDomain());
        a.put(REQUEST_RESOURCE, f.requestResource());
        if (f.requestId() != null) {
            if (f.requestId() >= 0) {
                a.put(REQUEST_ID, f.requestId());
            } else {
                a.putUnsigned(REQUEST_ID, f.requestId());
            }
        }
        String status = ResponseStatus.displayName(f.responseStatus());
        a.putShared(RESPONSE_STATUS, status != null ? status : Integer.toString(f.responseStatus()));
        if (f.responseCode() != null) {
            a.put(RESPONSE_CODE, f.responseCode());
        }
        a.put(RESPONSE_EXCEPTION, f.responseException());
        a.put(RESPONSE_RESULT, f.responseResult());
        a.put(BIZ_RESPONSE_CODE, f.bizResponseCode());
        a.put(HTTP_PROXY_CLIENT, f.httpProxyClient());
    }

    /** The ids as the row carried them: header-extracted or OTel ids, not the OTLP ids of this span. */
    static void correlation(AttributeList a, TracedSpan s) {
        Flow f = s.flow();
        a.put(NATIVE_TRACE_ID, f.traceId());
        a.put(NATIVE_SPAN_ID, f.spanId());
        a.put(NATIVE_PARENT_SPAN_ID, f.parentSpanId());
        a.put(X_REQUEST_ID_0, f.xRequestId0());
        a.put(X_REQUEST_ID_1, f.xRequestId1());
        a.putUnsigned(SYSCALL_TRACE_ID_REQUEST, f.syscallTraceIdRequest());
        a.putUnsigned(SYSCALL_TRACE_ID_RESPONSE, f.syscallTraceIdResponse());
        a.putNonZero(SYSCALL_CAP_SEQ_0, f.syscallCapSeq0());
        a.putNonZero(SYSCALL_CAP_SEQ_1, f.syscallCapSeq1());
        a.putNonZero(REQ_TCP_SEQ, f.reqTcpSeq());
        a.putNonZero(RESP_TCP_SEQ, f.respTcpSeq());
        a.put(FLOW_IDS, s.ids());
        a.putUnsigned(FLOW_ID, f.flowId());
    }

    /**
     * @param clockCorrectionUs what host clock correction added to this span's times
     * @param replaced          the app span's own id could not be kept (invalid or taken)
     * @param unlinked          the engine named a parent this span could not be linked to
     */
    static void tracing(AttributeList a, TracedSpan s, long clockCorrectionUs, boolean replaced, boolean unlinked) {
        a.put(DEEPFLOW_SPAN_ID, s.deepflowSpanId());
        a.put(DEEPFLOW_PARENT_SPAN_ID, s.deepflowParentSpanId());
        a.put(RELATED_IDS, s.relatedIds());
        a.put(MOUNT_REASON, s.setParentInfo());
        a.put(SELFTIME_US, s.selftime());
        a.put(DURATION_US, s.duration());
        a.put(INDEX, s.id());
        a.put(SERVICE_UID, s.serviceUid());
        a.put(SERVICE_UNAME, s.serviceUname());
        a.putNonZero(CLOCK_CORRECTION_US, clockCorrectionUs);
        a.putTrue(SPAN_ID_REPLACED, replaced);
        a.putTrue(PARENT_UNLINKED, unlinked);
    }

    /**
     * The row's own attributes ({@code attribute_names}/{@code attribute_values}; for an app span,
     * the span's and resource's attributes as DeepFlow's ingest kept them, as text) under their
     * own names, in key order, except where the span or its resource already has that key: an
     * attribute key must be unique, and the typed value written above wins over the text.
     */
    static void natives(AttributeList a, Map<String, String> natives, Set<String> resourceKeys) {
        if (natives.isEmpty()) {
            return;
        }
        Set<String> taken = a.keys();
        // sorted, so the output does not depend on the map's iteration order
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : natives.entrySet()) {
            String key = e.getKey();
            if (key != null && !key.isEmpty() && !taken.contains(key) && !resourceKeys.contains(key)) {
                sorted.put(key, e.getValue());
            }
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            a.put(AttributeList.clean(e.getKey()), e.getValue());
        }
    }
}
