package io.tracefill.serdes.otlp;

/**
 * The attribute keys {@link OtlpTraceEncoder} writes beyond the OpenTelemetry semantic
 * conventions. Keys DeepFlow's own OTLP exporter also writes keep its names ({@code df.span.*},
 * {@code df.capture_info.*}, {@code df.application.*}, {@code df.transport.*},
 * {@code df.flow_info.*}), so queries written for that exporter keep working; what only the
 * tracing engine knows is under {@code df.tracing.*}. The full list is in docs/otlp-output.md.
 */
public final class OtlpAttributes {
    // capture: where and how DeepFlow saw the request
    public static final String SIGNAL_SOURCE = "df.capture_info.signal_source";
    public static final String OBSERVATION_POINT = "df.capture_info.observation_point";
    public static final String TAP_SIDE = "df.capture_info.tap_side";
    public static final String AGENT_ID = "df.capture_info.agent_id";
    public static final String CAPTURE_NIC = "df.capture_info.capture_nic";
    public static final String CAPTURE_NIC_NAME = "df.capture_info.capture_nic_name";
    public static final String CAPTURE_NETWORK_TYPE = "df.capture_info.capture_network_type";

    // application layer as DeepFlow parsed it
    public static final String L7_PROTOCOL = "df.application.l7_protocol";
    public static final String L7_PROTOCOL_STR = "df.application.l7_protocol_str";
    public static final String PROTOCOL_VERSION = "df.application.version";
    public static final String IS_TLS = "df.application.is_tls";
    public static final String IS_ASYNC = "df.application.is_async";
    public static final String REQUEST_TYPE = "df.application.request_type";
    public static final String REQUEST_DOMAIN = "df.application.request_domain";
    public static final String REQUEST_RESOURCE = "df.application.request_resource";
    public static final String REQUEST_ID = "df.application.request_id";
    public static final String RESPONSE_STATUS = "df.application.response_status";
    public static final String RESPONSE_CODE = "df.application.response_code";
    public static final String RESPONSE_EXCEPTION = "df.application.response_exception";
    public static final String RESPONSE_RESULT = "df.application.response_result";
    public static final String BIZ_RESPONSE_CODE = "df.application.biz_response_code";
    public static final String HTTP_PROXY_CLIENT = "df.application.http_proxy_client";
    public static final String ROW_TYPE = "df.span.type";
    public static final String ENDPOINT = "df.span.endpoint";

    // correlation ids as captured (the header values, not the OTLP ids)
    public static final String NATIVE_TRACE_ID = "df.span.native.trace_id";
    public static final String NATIVE_SPAN_ID = "df.span.native.span_id";
    public static final String NATIVE_PARENT_SPAN_ID = "df.span.native.parent_span_id";
    public static final String X_REQUEST_ID_0 = "df.span.x_request_id_0";
    public static final String X_REQUEST_ID_1 = "df.span.x_request_id_1";
    public static final String SYSCALL_TRACE_ID_REQUEST = "df.span.syscall_trace_id_request";
    public static final String SYSCALL_TRACE_ID_RESPONSE = "df.span.syscall_trace_id_response";
    public static final String SYSCALL_CAP_SEQ_0 = "df.span.syscall_cap_seq_0";
    public static final String SYSCALL_CAP_SEQ_1 = "df.span.syscall_cap_seq_1";
    public static final String REQ_TCP_SEQ = "df.transport.req_tcp_seq";
    public static final String RESP_TCP_SEQ = "df.transport.resp_tcp_seq";
    public static final String FLOW_IDS = "df.flow_info.ids";
    public static final String FLOW_ID = "df.flow_info.flow_id";

    // what the tracing engine decided
    public static final String DEEPFLOW_SPAN_ID = "df.tracing.deepflow_span_id";
    public static final String DEEPFLOW_PARENT_SPAN_ID = "df.tracing.deepflow_parent_span_id";
    public static final String RELATED_IDS = "df.tracing.related_ids";
    public static final String MOUNT_REASON = "df.tracing.set_parent_info";
    public static final String SELFTIME_US = "df.tracing.selftime_us";
    public static final String DURATION_US = "df.tracing.duration_us";
    public static final String INDEX = "df.tracing.index";
    public static final String SERVICE_UID = "df.tracing.service_uid";
    public static final String SERVICE_UNAME = "df.tracing.service_uname";
    public static final String CLOCK_CORRECTION_US = "df.tracing.clock_correction_us";
    public static final String SPAN_ID_REPLACED = "df.tracing.span_id_replaced";
    public static final String PARENT_UNLINKED = "df.tracing.parent_unlinked";

    // trace-wide, on every root span
    public static final String TRACE_ID_SOURCE = "df.tracing.trace_id_source";
    public static final String OTHER_TRACE_IDS = "df.tracing.other_trace_ids";
    public static final String NOTES = "df.tracing.notes";

    // resource
    public static final String AUTO_INSTANCE = "df.universal_tag.auto_instance";
    public static final String AUTO_SERVICE = "df.universal_tag.auto_service";
    public static final String GPROCESS = "df.universal_tag.gprocess";

    private OtlpAttributes() {
    }
}
