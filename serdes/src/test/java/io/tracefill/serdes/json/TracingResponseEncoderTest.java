package io.tracefill.serdes.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ServiceDuration;
import io.tracefill.serdes.model.SpanServiceTags;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TracingResponseEncoderTest {
    /** Spec §11.8, in order. */
    static final List<String> L7_FIELDS = List.of("id", "_ids", "related_ids", "signal_source", "type",
            "start_time_us", "end_time_us", "duration", "selftime", "tap_side", "Enum(tap_side)", "l7_protocol",
            "Enum(l7_protocol)", "l7_protocol_str", "endpoint", "request_type", "request_resource", "response_status",
            "response_exception", "biz_response_code", "response_code", "flow_id", "request_id", "x_request_id_0",
            "x_request_id_1", "trace_id", "span_id", "parent_span_id", "req_tcp_seq", "resp_tcp_seq",
            "syscall_trace_id_request", "syscall_trace_id_response", "syscall_cap_seq_0", "syscall_cap_seq_1",
            "attribute", "parent_id", "childs", "process_id", "vtap_id", "service_uid", "service_uname", "app_service",
            "app_instance", "tap_port", "tap_port_name", "resource_from_vtap", "set_parent_info", "auto_instance",
            "auto_instance_id", "auto_instance_type", "tap_id", "tap", "_querier_region", "is_tls", "is_async", "subnet",
            "ip", "auto_service", "auto_service_id", "auto_service_type", "process_kname", "gprocess", "deepflow_span_id",
            "deepflow_parent_span_id", "render_start_time_us", "render_end_time_us");
    /** What DeepFlow's Trace Completion removes; tracefill keeps selftime and set_parent_info. */
    static final List<String> COMPLETION_DROPS = List.of("Enum(tap_side)", "attribute", "id", "parent_id", "childs",
            "service_uid", "service_uname", "tap_port", "tap_port_name", "resource_from_vtap", "auto_instance");

    private final ObjectMapper mapper = new ObjectMapper();
    private final TracingResponseEncoder l7 = new TracingResponseEncoder(ResponseType.L7_FLOW_TRACING, false);
    private final TracingResponseEncoder l7WithAttributes = new TracingResponseEncoder(ResponseType.L7_FLOW_TRACING, true);
    private final TracingResponseEncoder completion = new TracingResponseEncoder(ResponseType.TRACING_COMPLETION, true);

    @Test
    void notFoundIsAnEmptyDataObject() {
        assertThat(l7.encodeToString(TracingResult.NOT_FOUND))
                .isEqualTo("{\"OPT_STATUS\":\"SUCCESS\",\"DESCRIPTION\":\"\",\"DATA\":{},\"TYPE\":\"Flow_Log_L7_Tracing\"}");
        assertThat(completion.encodeToString(TracingResult.NOT_FOUND))
                .isEqualTo("{\"OPT_STATUS\":\"SUCCESS\",\"DESCRIPTION\":\"\",\"DATA\":{},"
                        + "\"TYPE\":\"tracing-completion-by-external-app-spans\"}");
    }

    @Test
    void envelopeKeysInDeepFlowsOrderWithNotesLast() throws Exception {
        TracingResult r = result(List.of(sp()), List.of("D1: no DeepFlow row carries trace id 'x'"));

        JsonNode root = mapper.readTree(l7.encode(r));

        assertThat(names(root)).containsExactly("OPT_STATUS", "DESCRIPTION", "DATA", "TYPE", "NOTES");
        assertThat(root.get("NOTES").get(0).asText()).isEqualTo("D1: no DeepFlow row carries trace id 'x'");
        assertThat(names(root.get("DATA"))).containsExactly("tracing", "services", "host_clock_correction");
        assertThat(names(mapper.readTree(l7.encode(result(List.of(sp()), List.of()))))).doesNotContain("NOTES");
    }

    @Test
    void l7SpanHasExactlyTheSpecFieldsInOrder() throws Exception {
        JsonNode span = firstSpan(l7.encode(result(List.of(sp()), List.of())));

        assertThat(names(span)).containsExactlyElementsOf(L7_FIELDS);
    }

    @Test
    void completionSpanDropsWhatDeepFlowDropsButKeepsSelftimeAndMountReason() throws Exception {
        JsonNode root = mapper.readTree(completion.encode(result(List.of(sp()), List.of())));
        JsonNode span = root.get("DATA").get("tracing").get(0);

        List<String> expected = new ArrayList<>(L7_FIELDS);
        expected.removeAll(COMPLETION_DROPS);
        assertThat(names(span)).containsExactlyElementsOf(expected);
        assertThat(span.get("selftime").asLong()).isEqualTo(9000);
        assertThat(span.get("set_parent_info").asText()).isEqualTo("s-p mounted on c-p by tcp_seq");
        assertThat(names(root.get("DATA"))).containsExactly("tracing", "host_clock_correction");
        assertThat(root.get("TYPE").asText()).isEqualTo("tracing-completion-by-external-app-spans");
    }

    @Test
    void valuesCarryDeepFlowsJsonTypes() throws Exception {
        JsonNode span = firstSpan(l7.encode(result(List.of(sp()), List.of())));

        assertThat(span.get("id").isInt()).isTrue();
        assertThat(span.get("_ids").get(0).asText()).isEqualTo("7378753814532206649");
        assertThat(span.get("related_ids").get(0).asText()).isEqualTo("1-network-7378753814532206650");
        assertThat(span.get("duration").asLong()).as("response_duration").isEqualTo(12334);
        assertThat(span.get("flow_id").isTextual()).isTrue();
        assertThat(span.get("flow_id").asText()).isEqualTo("1234567890123456789");
        assertThat(span.get("syscall_trace_id_request").asText()).isEqualTo("8816312217543229441");
        assertThat(span.get("syscall_trace_id_response").asText()).as("unsigned").isEqualTo("18446744073709551615");
        assertThat(span.get("request_id").isNull()).isTrue();
        assertThat(span.get("response_code").isInt()).isTrue();
        assertThat(span.get("attribute").isNull()).as("has_attributes off").isTrue();
        assertThat(span.get("process_id").asInt()).isEqualTo(2381);
        assertThat(span.get("service_uid").asText()).isEqualTo("35-");
        assertThat(span.get("resource_from_vtap").asText()).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(span.get("Enum(tap_side)").asText()).as("from the row").isEqualTo("Server Process");
        assertThat(span.get("Enum(l7_protocol)").asText()).isEqualTo("HTTP");
        assertThat(span.get("auto_instance").asText()).as("s-p: the server side").isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(span.get("auto_instance_id").asLong()).isEqualTo(1077);
        assertThat(span.get("auto_instance_type").asInt()).isEqualTo(10);
        assertThat(span.get("subnet").isNull()).as("never assigned by the sort stage").isTrue();
        assertThat(span.get("auto_service_id").asLong()).isEqualTo(35);
        assertThat(span.get("deepflow_parent_span_id").asText()).isEmpty();
        assertThat(span.get("trace_id").asText()).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f, 0af7651916cd43dd8448eb211c80319c");
        assertThat(span.get("render_start_time_us").asLong()).isEqualTo(1718000000123456L + 120);
    }

    @Test
    void attributesOnlyWhenAsked() throws Exception {
        JsonNode span = firstSpan(l7WithAttributes.encode(result(List.of(sp()), List.of())));

        assertThat(span.get("attribute").get("http_user_agent").asText()).isEqualTo("Go-http-client/1.1");
    }

    @Test
    void ownSideFollowsTheObservationPoint() throws Exception {
        Flow cp = sp().flow().toBuilder().tapSide("c-p").tapSideEnum(null).build();
        Flow app = sp().flow().toBuilder().tapSide("app").tapSideEnum(null).build();

        JsonNode client = firstSpan(l7.encode(result(List.of(span(cp)), List.of())));
        JsonNode internal = firstSpan(l7.encode(result(List.of(span(app)), List.of())));

        assertThat(client.get("auto_instance").asText()).isEqualTo("frontend-6d5f9c7b8-x2k4q");
        assertThat(client.get("auto_instance_id").asLong()).isEqualTo(1041);
        assertThat(client.get("Enum(tap_side)").asText()).as("derived from the code").isEqualTo("Client Process");
        assertThat(internal.get("auto_instance").asText()).as("app reads _1").isEqualTo("orders-7c9d8b6f5-p9m2z");
    }

    @Test
    void unknownCodesHaveNoDisplayName() throws Exception {
        Flow odd = sp().flow().toBuilder().tapSide("").tapSideEnum(null).l7Protocol(250).l7ProtocolEnum(null).build();

        JsonNode span = firstSpan(l7.encode(result(List.of(span(odd)), List.of())));

        assertThat(span.get("Enum(tap_side)").isNull()).isTrue();
        assertThat(span.get("Enum(l7_protocol)").isNull()).isTrue();
    }

    @Test
    void requestIdAboveLongMaxIsItsUnsignedValue() throws Exception {
        Flow f = sp().flow().toBuilder().requestId(-1L).build();

        JsonNode span = firstSpan(l7.encode(result(List.of(span(f)), List.of())));

        assertThat(span.get("request_id").isBigInteger()).isTrue();
        assertThat(span.get("request_id").asText()).isEqualTo("18446744073709551615");
    }

    @Test
    void servicesWithTheirRatioAsStringOrTheIntegerZero() throws Exception {
        TracingResult r = new TracingResult(true, List.of(sp()),
                List.of(new ServiceDuration("35-", "orders", 9000, "100.00"), new ServiceDuration("-x", "x", 0, null)),
                Map.of(), List.of());

        JsonNode services = mapper.readTree(l7.encode(r)).get("DATA").get("services");

        assertThat(names(services.get(0))).containsExactly("service_uid", "service_uname", "duration", "duration_ratio");
        assertThat(services.get(0).get("duration_ratio").isTextual()).isTrue();
        assertThat(services.get(0).get("duration_ratio").asText()).isEqualTo("100.00");
        assertThat(services.get(1).get("duration_ratio").isInt()).isTrue();
        assertThat(services.get(1).get("duration_ratio").asInt()).isZero();
    }

    @Test
    void hostClockCorrectionKeepsTheCorrectorsOrder() throws Exception {
        Map<Long, Long> correction = new LinkedHashMap<>();
        correction.put(9L, -300L);
        correction.put(7L, 120L);
        TracingResult r = new TracingResult(true, List.of(sp()), List.of(), correction, List.of());

        JsonNode hcc = mapper.readTree(l7.encode(r)).get("DATA").get("host_clock_correction");

        assertThat(names(hcc)).containsExactly("9", "7");
        assertThat(hcc.get("9").asLong()).isEqualTo(-300);
    }

    @Test
    void bytesTextAndStreamAgree() throws Exception {
        TracingResult r = result(List.of(sp()), List.of("n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        completion.encode(r, out);

        assertThat(out.toByteArray()).isEqualTo(completion.encode(r));
        assertThat(new String(completion.encode(r), StandardCharsets.UTF_8)).isEqualTo(completion.encodeToString(r));
    }

    @Test
    void aLoneSurrogateDoesNotFailTheAnswer() throws Exception {
        Flow f = sp().flow().toBuilder().requestResource("/a\uD800b").build();

        JsonNode span = firstSpan(l7.encode(result(List.of(span(f)), List.of())));

        assertThat(span.get("request_resource").asText()).isEqualTo("/a?b");
    }

    @Test
    void decodedRowsRoundTripThroughTheAnswer() throws Exception {
        Flow row = new FlowRowDecoder().decode(Samples.text(Samples.QUERIER_S_P));

        JsonNode span = firstSpan(l7WithAttributes.encode(result(List.of(span(row)), List.of())));

        assertThat(span.get("start_time_us").asLong()).isEqualTo(row.startTimeUs());
        assertThat(span.get("end_time_us").asLong()).isEqualTo(row.endTimeUs());
        assertThat(span.get("tap_side").asText()).isEqualTo(row.tapSide());
        assertThat(span.get("l7_protocol_str").asText()).isEqualTo(row.l7ProtocolStr());
        assertThat(span.get("endpoint").asText()).isEqualTo(row.endpoint());
        assertThat(span.get("request_type").asText()).isEqualTo(row.requestType());
        assertThat(span.get("request_resource").asText()).isEqualTo(row.requestResource());
        assertThat(Long.parseUnsignedLong(span.get("flow_id").asText())).isEqualTo(row.flowId());
        assertThat(Long.parseUnsignedLong(span.get("syscall_trace_id_request").asText())).isEqualTo(row.syscallTraceIdRequest());
        assertThat(Long.parseUnsignedLong(span.get("syscall_trace_id_response").asText())).isEqualTo(row.syscallTraceIdResponse());
        assertThat(span.get("req_tcp_seq").asLong()).isEqualTo(row.reqTcpSeq());
        assertThat(span.get("resp_tcp_seq").asLong()).isEqualTo(row.respTcpSeq());
        assertThat(span.get("x_request_id_0").asText()).isEqualTo(row.xRequestId0());
        assertThat(span.get("vtap_id").asLong()).isEqualTo(row.vtapId());
        assertThat(span.get("tap_id").asLong()).isEqualTo(row.tapId());
        assertThat(span.get("tap").asText()).isEqualTo(row.tap());
        assertThat(span.get("_querier_region").asText()).isEqualTo(row.querierRegion());
        Map<String, String> attribute = mapper.convertValue(span.get("attribute"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertThat(attribute).isEqualTo(row.attributes());
    }

    @Test
    void errorEnvelopes() throws Exception {
        DecodeException bad = new DecodeException("app_spans", "missing: the request needs the app spans to complete");

        assertThat(new String(ErrorResponse.invalidPostData(bad), StandardCharsets.UTF_8))
                .isEqualTo("{\"OPT_STATUS\":\"INVALID_POST_DATA\",\"DESCRIPTION\":\"app_spans: missing: the request needs"
                        + " the app spans to complete\",\"DATA\":{}}");
        assertThat(ErrorResponse.encodeToString(ErrorStatus.INTERNAL_SERVER_ERROR, "boom \"quoted\""))
                .isEqualTo("{\"OPT_STATUS\":\"INTERNAL_SERVER_ERROR\",\"DESCRIPTION\":\"boom \\\"quoted\\\"\",\"DATA\":{}}");
        assertThat(ErrorResponse.encodeToString(ErrorStatus.INTERNAL_SERVER_ERROR, null)).contains("\"DESCRIPTION\":\"\"");
        assertThat(ErrorStatus.INVALID_POST_DATA.httpStatus()).isEqualTo(400);
        assertThat(ErrorStatus.INTERNAL_SERVER_ERROR.httpStatus()).isEqualTo(500);
    }

    /** The querier row of §5.A as the engine would emit it: an s-p under a c-p, one child. */
    private static TracedSpan sp() throws DecodeException {
        return span(new FlowRowDecoder().decode(Samples.text(Samples.QUERIER_S_P)));
    }

    private static TracedSpan span(Flow f) {
        FlowSide server = f.server();
        return new TracedSpan(3, List.of(f.id()), List.of("1-network-7378753814532206650"), f, 9000, -1, List.of(4),
                2381, "35-", "orders", "s-p mounted on c-p by tcp_seq",
                new SpanServiceTags(null, null, server.autoService(), server.autoServiceId(), server.autoServiceType(),
                        server.processKname(), server.gprocess()),
                "a1b2c3d4e5f60718.s-p.3", "", f.startTimeUs() + 120, f.endTimeUs() + 120);
    }

    private static TracingResult result(List<TracedSpan> spans, List<String> notes) {
        return new TracingResult(true, spans, List.of(), Map.of(7L, 120L), notes);
    }

    private JsonNode firstSpan(byte[] json) throws Exception {
        return mapper.readTree(json).get("DATA").get("tracing").get(0);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
