package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.Flow;

import java.util.function.Function;

/**
 * Row fields compared by the conflict tests, with whether the search stage's "flowmeta"
 * projection selects them (only those can be compared there).
 */
enum ConflictField {
    L7_PROTOCOL(true, Flow::l7Protocol),
    X_REQUEST_ID_0(true, Flow::xRequestId0),
    X_REQUEST_ID_1(true, Flow::xRequestId1),
    HTTP_PROXY_CLIENT(false, Flow::httpProxyClient),
    PROTOCOL(true, Flow::protocol),
    L7_PROTOCOL_STR(false, Flow::l7ProtocolStr),
    VERSION(false, Flow::version),
    REQUEST_ID(true, Flow::requestId),
    ENDPOINT(false, Flow::endpoint),
    REQUEST_TYPE(false, Flow::requestType),
    REQUEST_DOMAIN(false, Flow::requestDomain),
    REQUEST_RESOURCE(false, Flow::requestResource),
    RESPONSE_CODE(false, Flow::responseCode),
    RESPONSE_EXCEPTION(false, Flow::responseException),
    RESPONSE_RESULT(false, Flow::responseResult);

    private final boolean inFlowmeta;
    private final Function<Flow, Object> getter;

    ConflictField(boolean inFlowmeta, Function<Flow, Object> getter) {
        this.inFlowmeta = inFlowmeta;
        this.getter = getter;
    }

    /** The value, or null when absent (falsy) or not selected in this stage. */
    Object presentValue(TraceInfo info) {
        if (!info.fullRow() && !inFlowmeta) {
            return null;
        }
        Object v = getter.apply(info.row());
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (v instanceof Number n) {
            return n.longValue() == 0 ? null : v;
        }
        return v;
    }
}
