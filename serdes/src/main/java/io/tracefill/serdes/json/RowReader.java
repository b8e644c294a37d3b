package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

import static io.tracefill.serdes.json.JsonValues.UINT32_MAX;
import static io.tracefill.serdes.json.JsonValues.flag;
import static io.tracefill.serdes.json.JsonValues.int32;
import static io.tracefill.serdes.json.JsonValues.integer;
import static io.tracefill.serdes.json.JsonValues.string;
import static io.tracefill.serdes.json.JsonValues.unsigned64;

/**
 * Reads the keys of one {@code l7_flow_log} record into {@link RowFields}, in one streaming pass.
 * Each key belongs to the querier's row format, to the exporter's JSON, or to both; a record is
 * recognised key by key, so either form (and DeepFlow versions that mix old and new names) reads
 * the same way. Where both forms name one column, the querier's key takes precedence when the
 * record is assembled. JSON null means "not given"; unknown keys are skipped.
 */
final class RowReader {
    private static final String DATASOURCE = "flow_log.l7_flow_log";

    private RowReader() {
    }

    /** Reads the object the parser is about to deliver, and checks that nothing follows it. */
    static void readObject(JsonParser p, RowFields r) throws IOException, DecodeException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new DecodeException(null, "empty input: expected a JSON object");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new DecodeException(null, "expected a JSON object, got " + JsonValues.describe(t));
        }
        String name;
        String previous = null;
        while ((name = JsonInput.nextName(p, previous, "")) != null) {
            previous = name;
            try {
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_NULL) {
                    field(p, v, name, r);
                }
            } catch (IOException e) {
                throw JsonInput.translate(e, name); // malformed or too large: inside this key's value
            }
        }
        if (p.nextToken() != null) {
            throw new DecodeException(null, "unexpected content after the JSON object (one record per message)");
        }
    }

    private static void field(JsonParser p, JsonToken v, String k, RowFields r) throws IOException, DecodeException {
        SideFields c = r.client;
        SideFields s = r.server;
        switch (k) {
            // identity and time
            case "_id" -> r.id = JsonValues.unsigned64Text(p, v, k);
            case "start_time_us" -> r.startTimeUs = TimeField.read(p, v, k);
            case "end_time_us" -> r.endTimeUs = TimeField.read(p, v, k);
            case "start_time" -> r.startTime = TimeField.read(p, v, k);
            case "end_time" -> r.endTime = TimeField.read(p, v, k);
            case "datasource" -> checkDatasource(string(p, v, k), k);
            // capture
            case "signal_source" -> r.signalSource = EnumText.signalSource(p, v, k);
            case "tap_side" -> r.tapSide = EnumText.tapSide(p, v, k);
            case "observation_point" -> r.observationPoint = EnumText.tapSide(p, v, k);
            // DeepFlow numbers agents with 16 bits; ids derived from names (DerivedIds) are larger
            case "vtap_id", "agent_id" -> r.vtapId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "agent", "vtap" -> agent(p, v, k, r);
            case "tap_id", "capture_network_type_id" -> r.tapId = integer(p, v, k, 0, UINT32_MAX);
            case "tap", "capture_network_type" -> r.tap = string(p, v, k);
            case "tap_port", "capture_nic" -> r.tapPort = integer(p, v, k, 0, UINT32_MAX);
            case "tap_port_name", "capture_nic_name" -> r.tapPortName = string(p, v, k);
            case "tap_port_type", "capture_nic_type" -> r.tapPortType = int32(p, v, k, 0, 0xff);
            // network and transport
            case "protocol" -> r.protocol = EnumText.l4Protocol(p, v, k);
            case "is_ipv4" -> r.isIpv4 = flag(p, v, k);
            case "server_port" -> r.serverPort = int32(p, v, k, 0, 0xffff);
            case "req_tcp_seq" -> r.reqTcpSeq = integer(p, v, k, 0, UINT32_MAX);
            case "resp_tcp_seq" -> r.respTcpSeq = integer(p, v, k, 0, UINT32_MAX);
            case "flow_id" -> r.flowId = unsigned64(p, v, k);
            case "ip_0" -> c.ip = string(p, v, k);
            case "ip_1" -> s.ip = string(p, v, k);
            case "ip4_0" -> c.ip4 = string(p, v, k);
            case "ip4_1" -> s.ip4 = string(p, v, k);
            case "ip6_0" -> c.ip6 = string(p, v, k);
            case "ip6_1" -> s.ip6 = string(p, v, k);
            // application layer
            case "l7_protocol" -> r.l7Protocol = EnumText.l7Protocol(p, v, k);
            case "l7_protocol_str" -> r.l7ProtocolStr = string(p, v, k);
            case "biz_protocol" -> r.bizProtocol = string(p, v, k);
            case "version" -> r.version = string(p, v, k);
            case "type" -> r.type = EnumText.flowType(p, v, k);
            case "is_tls" -> r.isTls = flag(p, v, k);
            case "is_async" -> r.isAsync = flag(p, v, k);
            case "request_type" -> r.requestType = string(p, v, k);
            case "request_domain" -> r.requestDomain = string(p, v, k);
            case "request_resource" -> r.requestResource = string(p, v, k);
            case "endpoint" -> r.endpoint = string(p, v, k);
            case "end_point" -> r.endPoint = string(p, v, k);
            case "request_id" -> r.requestId = unsigned64(p, v, k);
            case "response_status" -> r.responseStatus = EnumText.responseStatus(p, v, k);
            case "response_code" -> r.responseCode = int32(p, v, k, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "response_exception" -> r.responseException = string(p, v, k);
            case "response_result" -> r.responseResult = string(p, v, k);
            case "response_duration" -> r.responseDuration = integer(p, v, k, 0, Long.MAX_VALUE);
            case "biz_response_code" -> r.bizResponseCode = string(p, v, k);
            case "http_proxy_client" -> r.httpProxyClient = string(p, v, k);
            // tracing
            case "trace_id" -> r.traceId = string(p, v, k);
            case "trace_id_2", "_trace_id_2" -> r.traceId2 = string(p, v, k);
            case "span_id" -> r.spanId = string(p, v, k);
            case "parent_span_id" -> r.parentSpanId = string(p, v, k);
            case "x_request_id_0" -> r.xRequestId0 = string(p, v, k);
            case "x_request_id_1" -> r.xRequestId1 = string(p, v, k);
            case "syscall_trace_id_request" -> r.syscallTraceIdRequest = unsigned64(p, v, k);
            case "syscall_trace_id_response" -> r.syscallTraceIdResponse = unsigned64(p, v, k);
            case "syscall_cap_seq_0" -> r.syscallCapSeq0 = integer(p, v, k, 0, UINT32_MAX);
            case "syscall_cap_seq_1" -> r.syscallCapSeq1 = integer(p, v, k, 0, UINT32_MAX);
            // service and process
            case "app_service" -> r.appService = string(p, v, k);
            case "app_instance" -> r.appInstance = string(p, v, k);
            case "process_id_0" -> c.processId = int32(p, v, k, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "process_id_1" -> s.processId = int32(p, v, k, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "process_kname_0" -> c.processKname = string(p, v, k);
            case "process_kname_1" -> s.processKname = string(p, v, k);
            case "gprocess_0" -> c.gprocess = string(p, v, k);
            case "gprocess_1" -> s.gprocess = string(p, v, k);
            // knowledge graph: ids (querier, or exporter without translation) and names
            case "auto_instance_id_0" -> c.autoInstanceId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "auto_instance_id_1" -> s.autoInstanceId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "auto_instance_0" -> c.autoInstance = string(p, v, k);
            case "auto_instance_1" -> s.autoInstance = string(p, v, k);
            case "auto_instance_type_0" -> c.autoInstanceType = EnumText.resourceType(p, v, k);
            case "auto_instance_type_1" -> s.autoInstanceType = EnumText.resourceType(p, v, k);
            case "auto_service_id_0" -> c.autoServiceId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "auto_service_id_1" -> s.autoServiceId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "auto_service_0" -> c.autoService = string(p, v, k);
            case "auto_service_1" -> s.autoService = string(p, v, k);
            case "auto_service_type_0" -> c.autoServiceType = EnumText.resourceType(p, v, k);
            case "auto_service_type_1" -> s.autoServiceType = EnumText.resourceType(p, v, k);
            case "subnet_id_0" -> c.subnetId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "subnet_id_1" -> s.subnetId = integer(p, v, k, 0, Long.MAX_VALUE);
            case "subnet_0" -> c.subnet = string(p, v, k);
            case "subnet_1" -> s.subnet = string(p, v, k);
            // querier display columns
            case "resource_from_vtap" -> r.resourceFromVtap = resourceFromVtap(p, v, k);
            case "_querier_region" -> r.querierRegion = string(p, v, k);
            case "Enum(tap_side)" -> r.tapSideEnum = string(p, v, k);
            case "Enum(l7_protocol)" -> r.l7ProtocolEnum = string(p, v, k);
            // native attributes: the querier's map, or the parallel arrays of both forms
            case "attribute" -> r.attribute = JsonValues.stringMap(p, v, k);
            case "attribute_names" -> r.attributeNames = JsonValues.stringArray(p, v, k);
            case "attribute_values" -> r.attributeValues = JsonValues.stringArray(p, v, k);
            default -> p.skipChildren();
        }
    }

    /** The exporter writes the agent's name; a number is taken as the id itself. */
    private static void agent(JsonParser p, JsonToken v, String k, RowFields r) throws IOException, DecodeException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            r.vtapId = integer(p, v, k, 0, Long.MAX_VALUE);
        } else {
            r.agentName = string(p, v, k);
        }
    }

    /** A topic carrying another data source (l4 logs, metrics) is a configuration mistake worth naming. */
    private static void checkDatasource(String value, String k) throws DecodeException {
        if (!DATASOURCE.equals(value)) {
            throw new DecodeException(k, "expected " + DATASOURCE + ", got " + JsonValues.quote(value)
                    + " (is the topic carrying another DeepFlow data source?)");
        }
    }

    /**
     * The querier's {@code resource_from_vtap} is a tuple; DeepFlow shows its third element when
     * the first is truthy, else null. Text is taken as already resolved.
     */
    private static String resourceFromVtap(JsonParser p, JsonToken v, String k) throws IOException, DecodeException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(k, "an array or a string", v);
        }
        boolean firstTruthy = false;
        String third = null;
        int i = 0;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (i == 0) {
                firstTruthy = truthy(p, e);
            } else if (i == 2 && (e == JsonToken.VALUE_STRING || e.isNumeric())) {
                third = p.getText();
            }
            p.skipChildren();
            i++;
        }
        return firstTruthy ? third : null;
    }

    private static boolean truthy(JsonParser p, JsonToken e) throws IOException {
        return switch (e) {
            case VALUE_NULL, VALUE_FALSE -> false;
            case VALUE_STRING -> !p.getText().isEmpty();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue() != 0.0;
            default -> true;
        };
    }
}
