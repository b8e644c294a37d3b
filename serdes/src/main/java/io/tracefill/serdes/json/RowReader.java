package io.tracefill.serdes.json;

import static io.tracefill.serdes.json.CursorValues.flag;
import static io.tracefill.serdes.json.CursorValues.int32;
import static io.tracefill.serdes.json.CursorValues.integer;
import static io.tracefill.serdes.json.CursorValues.string;
import static io.tracefill.serdes.json.CursorValues.unsigned64;
import static io.tracefill.serdes.json.JsonValues.UINT32_MAX;

/**
 * Reads the keys of one {@code l7_flow_log} record into {@link RowFields}, in one pass over the
 * bytes. Each key belongs to the querier's row format, to the exporter's JSON, or to both; a record
 * is recognised key by key, so either form (and DeepFlow versions that mix old and new names)
 * reads the same way. Where both forms name one column, the querier's key takes precedence when
 * the record is assembled. JSON null means "not given"; unknown keys are skipped (but their syntax
 * is checked).
 */
final class RowReader {
    private static final String DATASOURCE = "flow_log.l7_flow_log";

    private RowReader() {
    }

    /** Reads the document: one object, nothing after it. */
    static void read(JsonCursor c, RowFields r) throws DecodeException {
        c.openRoot();
        for (boolean first = true; c.nextKey(first); first = false) {
            RowKey k = c.rowKey();
            if (k == null) {
                c.skip();
                continue;
            }
            int v = c.kind();
            if (v == JsonCursor.NULL) {
                c.literal(v);
                continue;
            }
            field(c, v, k, r);
        }
        c.closeRoot();
    }

    private static void field(JsonCursor c, int v, RowKey k, RowFields r) throws DecodeException {
        SideFields cl = r.client;
        SideFields sv = r.server;
        String n = k.json;
        switch (k) {
            // identity and time
            case ID -> r.id = CursorValues.unsigned64Text(c, v, n);
            case START_TIME_US -> r.startTimeUs = TimeField.read(c, v, n);
            case END_TIME_US -> r.endTimeUs = TimeField.read(c, v, n);
            case START_TIME -> r.startTime = TimeField.read(c, v, n);
            case END_TIME -> r.endTime = TimeField.read(c, v, n);
            case DATASOURCE -> checkDatasource(string(c, v, n), n);
            // capture
            case SIGNAL_SOURCE -> r.signalSource = EnumText.signalSource(c, v, n);
            case TAP_SIDE -> r.tapSide = EnumText.tapSide(c, v, n);
            case OBSERVATION_POINT -> r.observationPoint = EnumText.tapSide(c, v, n);
            // DeepFlow numbers agents with 16 bits; ids derived from names (DerivedIds) are larger
            case VTAP_ID, AGENT_ID -> r.vtapId = integer(c, v, n, 0, Long.MAX_VALUE);
            case AGENT, VTAP -> agent(c, v, n, r);
            case TAP_ID, CAPTURE_NETWORK_TYPE_ID -> r.tapId = integer(c, v, n, 0, UINT32_MAX);
            case TAP, CAPTURE_NETWORK_TYPE -> r.tap = string(c, v, n);
            case TAP_PORT, CAPTURE_NIC -> r.tapPort = integer(c, v, n, 0, UINT32_MAX);
            case TAP_PORT_NAME, CAPTURE_NIC_NAME -> r.tapPortName = string(c, v, n);
            case TAP_PORT_TYPE, CAPTURE_NIC_TYPE -> r.tapPortType = int32(c, v, n, 0, 0xff);
            // network and transport
            case PROTOCOL -> r.protocol = EnumText.l4Protocol(c, v, n);
            case IS_IPV4 -> r.isIpv4 = flag(c, v, n);
            case SERVER_PORT -> r.serverPort = int32(c, v, n, 0, 0xffff);
            case REQ_TCP_SEQ -> r.reqTcpSeq = integer(c, v, n, 0, UINT32_MAX);
            case RESP_TCP_SEQ -> r.respTcpSeq = integer(c, v, n, 0, UINT32_MAX);
            case FLOW_ID -> r.flowId = unsigned64(c, v, n);
            case IP_0 -> cl.ip = string(c, v, n);
            case IP_1 -> sv.ip = string(c, v, n);
            case IP4_0 -> cl.ip4 = string(c, v, n);
            case IP4_1 -> sv.ip4 = string(c, v, n);
            case IP6_0 -> cl.ip6 = string(c, v, n);
            case IP6_1 -> sv.ip6 = string(c, v, n);
            // application layer
            case L7_PROTOCOL -> r.l7Protocol = EnumText.l7Protocol(c, v, n);
            case L7_PROTOCOL_STR -> r.l7ProtocolStr = string(c, v, n);
            case BIZ_PROTOCOL -> r.bizProtocol = string(c, v, n);
            case VERSION -> r.version = string(c, v, n);
            case TYPE -> r.type = EnumText.flowType(c, v, n);
            case IS_TLS -> r.isTls = flag(c, v, n);
            case IS_ASYNC -> r.isAsync = flag(c, v, n);
            case REQUEST_TYPE -> r.requestType = string(c, v, n);
            case REQUEST_DOMAIN -> r.requestDomain = string(c, v, n);
            case REQUEST_RESOURCE -> r.requestResource = string(c, v, n);
            case ENDPOINT -> r.endpoint = string(c, v, n);
            case END_POINT -> r.endPoint = string(c, v, n);
            case REQUEST_ID -> r.requestId = unsigned64(c, v, n);
            case RESPONSE_STATUS -> r.responseStatus = EnumText.responseStatus(c, v, n);
            case RESPONSE_CODE -> r.responseCode = int32(c, v, n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case RESPONSE_EXCEPTION -> r.responseException = string(c, v, n);
            case RESPONSE_RESULT -> r.responseResult = string(c, v, n);
            case RESPONSE_DURATION -> r.responseDuration = integer(c, v, n, 0, Long.MAX_VALUE);
            case BIZ_RESPONSE_CODE -> r.bizResponseCode = string(c, v, n);
            case HTTP_PROXY_CLIENT -> r.httpProxyClient = string(c, v, n);
            // tracing
            case TRACE_ID -> r.traceId = string(c, v, n);
            case TRACE_ID_2, TRACE_ID_2_COLUMN -> r.traceId2 = string(c, v, n);
            case SPAN_ID -> r.spanId = string(c, v, n);
            case PARENT_SPAN_ID -> r.parentSpanId = string(c, v, n);
            case X_REQUEST_ID_0 -> r.xRequestId0 = string(c, v, n);
            case X_REQUEST_ID_1 -> r.xRequestId1 = string(c, v, n);
            case SYSCALL_TRACE_ID_REQUEST -> r.syscallTraceIdRequest = unsigned64(c, v, n);
            case SYSCALL_TRACE_ID_RESPONSE -> r.syscallTraceIdResponse = unsigned64(c, v, n);
            case SYSCALL_CAP_SEQ_0 -> r.syscallCapSeq0 = integer(c, v, n, 0, UINT32_MAX);
            case SYSCALL_CAP_SEQ_1 -> r.syscallCapSeq1 = integer(c, v, n, 0, UINT32_MAX);
            // service and process
            case APP_SERVICE -> r.appService = string(c, v, n);
            case APP_INSTANCE -> r.appInstance = string(c, v, n);
            case PROCESS_ID_0 -> cl.processId = int32(c, v, n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case PROCESS_ID_1 -> sv.processId = int32(c, v, n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case PROCESS_KNAME_0 -> cl.processKname = string(c, v, n);
            case PROCESS_KNAME_1 -> sv.processKname = string(c, v, n);
            case GPROCESS_0 -> cl.gprocess = string(c, v, n);
            case GPROCESS_1 -> sv.gprocess = string(c, v, n);
            // knowledge graph: ids (querier, or exporter without translation) and names
            case AUTO_INSTANCE_ID_0 -> cl.autoInstanceId = integer(c, v, n, 0, Long.MAX_VALUE);
            case AUTO_INSTANCE_ID_1 -> sv.autoInstanceId = integer(c, v, n, 0, Long.MAX_VALUE);
            case AUTO_INSTANCE_0 -> cl.autoInstance = string(c, v, n);
            case AUTO_INSTANCE_1 -> sv.autoInstance = string(c, v, n);
            case AUTO_INSTANCE_TYPE_0 -> cl.autoInstanceType = EnumText.resourceType(c, v, n);
            case AUTO_INSTANCE_TYPE_1 -> sv.autoInstanceType = EnumText.resourceType(c, v, n);
            case AUTO_SERVICE_ID_0 -> cl.autoServiceId = integer(c, v, n, 0, Long.MAX_VALUE);
            case AUTO_SERVICE_ID_1 -> sv.autoServiceId = integer(c, v, n, 0, Long.MAX_VALUE);
            case AUTO_SERVICE_0 -> cl.autoService = string(c, v, n);
            case AUTO_SERVICE_1 -> sv.autoService = string(c, v, n);
            case AUTO_SERVICE_TYPE_0 -> cl.autoServiceType = EnumText.resourceType(c, v, n);
            case AUTO_SERVICE_TYPE_1 -> sv.autoServiceType = EnumText.resourceType(c, v, n);
            case SUBNET_ID_0 -> cl.subnetId = integer(c, v, n, 0, Long.MAX_VALUE);
            case SUBNET_ID_1 -> sv.subnetId = integer(c, v, n, 0, Long.MAX_VALUE);
            case SUBNET_0 -> cl.subnet = string(c, v, n);
            case SUBNET_1 -> sv.subnet = string(c, v, n);
            // querier display columns
            case RESOURCE_FROM_VTAP -> r.resourceFromVtap = resourceFromVtap(c, v, n);
            case QUERIER_REGION -> r.querierRegion = string(c, v, n);
            case ENUM_TAP_SIDE -> r.tapSideEnum = string(c, v, n);
            case ENUM_L7_PROTOCOL -> r.l7ProtocolEnum = string(c, v, n);
            // native attributes: the querier's map, or the parallel arrays of both forms
            case ATTRIBUTE -> r.attribute = CursorValues.stringMap(c, v, n);
            case ATTRIBUTE_NAMES -> r.attributeNames = CursorValues.stringArray(c, v, n);
            case ATTRIBUTE_VALUES -> r.attributeValues = CursorValues.stringArray(c, v, n);
            default -> throw new IllegalStateException("key without a reader: " + k);
        }
    }

    /** The exporter writes the agent's name; a number is taken as the id itself. */
    private static void agent(JsonCursor c, int v, String n, RowFields r) throws DecodeException {
        if (v == JsonCursor.NUMBER) {
            r.vtapId = integer(c, v, n, 0, Long.MAX_VALUE);
        } else {
            r.agentName = string(c, v, n);
        }
    }

    /** A topic carrying another data source (l4 logs, metrics) is a configuration mistake worth naming. */
    private static void checkDatasource(String value, String n) throws DecodeException {
        if (!DATASOURCE.equals(value)) {
            throw new DecodeException(n, "expected " + DATASOURCE + ", got " + JsonValues.quote(value)
                    + " (is the topic carrying another DeepFlow data source?)");
        }
    }

    /**
     * The querier's {@code resource_from_vtap} is a tuple; DeepFlow shows its third element when
     * the first is truthy, else null. Text is taken as already resolved.
     */
    private static String resourceFromVtap(JsonCursor c, int v, String n) throws DecodeException {
        if (v == JsonCursor.STRING) {
            return c.string();
        }
        if (v != JsonCursor.ARRAY) {
            throw CursorValues.wrongType(n, "an array or a string", v);
        }
        c.open();
        boolean firstTruthy = false;
        String third = null;
        int i = 0;
        for (boolean first = true; c.nextElement(first); first = false, i++) {
            int e = c.kind();
            if (i == 0) {
                firstTruthy = truthy(c, e);
            } else if (i == 2 && e == JsonCursor.STRING) {
                third = c.string();
            } else if (i == 2 && e == JsonCursor.NUMBER) {
                c.number();
                third = c.numberText();
            } else {
                c.skip();
            }
        }
        return firstTruthy ? third : null;
    }

    /** Python's truth of a tuple element; consumes it. */
    private static boolean truthy(JsonCursor c, int e) throws DecodeException {
        switch (e) {
            case JsonCursor.STRING:
                return !c.string().isEmpty();
            case JsonCursor.NUMBER:
                c.number();
                return !c.numberIsZero();
            case JsonCursor.NULL:
            case JsonCursor.FALSE:
                c.literal(e);
                return false;
            default:
                c.skip();
                return true;
        }
    }
}
