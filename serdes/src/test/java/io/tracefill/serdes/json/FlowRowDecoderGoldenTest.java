package io.tracefill.serdes.json;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlowRowDecoderGoldenTest {
    private final FlowRowDecoder decoder = new FlowRowDecoder();

    @Test
    void exporterSampleDecodesTheSameWithDisplayNamesAndWithRawCodes() throws Exception {
        Flow names = decoder.decode(Samples.bytes(Samples.EXPORTER_NAMES));
        Flow codes = decoder.decode(Samples.bytes(Samples.EXPORTER_CODES));

        assertThat(codes).isEqualTo(names);
    }

    @Test
    void exporterSampleMapsEveryColumnTheAlgorithmReads() throws Exception {
        Flow f = decoder.decode(Samples.text(Samples.EXPORTER_NAMES));

        assertThat(f.id()).isEqualTo("7378753814532206649");
        assertThat(f.signalSource()).isEqualTo(3);
        assertThat(f.tapSide()).isEqualTo("s-p");
        assertThat(f.type()).isEqualTo(2);
        assertThat(f.l7Protocol()).isEqualTo(20);
        assertThat(f.l7ProtocolStr()).as("biz_protocol").isEqualTo("HTTP");
        assertThat(f.protocol()).isEqualTo(6);
        assertThat(f.version()).isEqualTo("1.1");
        assertThat(f.startTimeUs()).isEqualTo(1718000000123456L);
        assertThat(f.endTimeUs()).isEqualTo(1718000000135790L);
        assertThat(f.responseDuration()).isEqualTo(12334);
        assertThat(f.vtapId()).as("derived from the agent name").isEqualTo(DerivedIds.agent("node-b-V3"));
        assertThat(f.flowId()).isEqualTo(1234567890123456789L);
        assertThat(f.reqTcpSeq()).isEqualTo(2093847561L);
        assertThat(f.respTcpSeq()).isEqualTo(3847561029L);
        assertThat(f.syscallTraceIdRequest()).isEqualTo(8816312217543229441L);
        assertThat(f.syscallTraceIdResponse()).isEqualTo(8816312217543229442L);
        assertThat(f.syscallCapSeq0()).isZero();
        assertThat(f.syscallCapSeq1()).isEqualTo(77);
        assertThat(f.traceId()).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f");
        assertThat(f.spanId()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(f.parentSpanId()).isEmpty();
        assertThat(f.xRequestId0()).isEqualTo("7f9c2d4e-1b3a-4c5d-9e8f-0a1b2c3d4e5f");
        assertThat(f.xRequestId1()).isEmpty();
        assertThat(f.requestId()).as("omitted: null").isNull();
        assertThat(f.responseCode()).isEqualTo(200);
        assertThat(f.responseStatus()).isZero();
        assertThat(f.endpoint()).as("end_point").isEqualTo("/api/v1");
        assertThat(f.requestType()).isEqualTo("POST");
        assertThat(f.requestDomain()).isEqualTo("orders.shop.svc.cluster.local:8080");
        assertThat(f.requestResource()).isEqualTo("/api/v1/orders");
        assertThat(f.serverPort()).isEqualTo(8080);
        assertThat(f.isTls()).isZero();
        assertThat(f.isAsync()).isZero();
        assertThat(f.tapId()).as("capture_network_type_id").isEqualTo(3);
        assertThat(f.attributes()).containsExactly(Map.entry("http_user_agent", "Go-http-client/1.1"));
        assertThat(f.tapSideEnum()).as("display names are not kept: both renderings must be equal").isNull();
        assertThat(f.l7ProtocolEnum()).isNull();
        assertThat(f.resourceFromVtap()).isNull();
    }

    @Test
    void exporterSampleDerivesResourceIdsFromNames() throws Exception {
        Flow f = decoder.decode(Samples.text(Samples.EXPORTER_NAMES));

        FlowSide client = f.client();
        assertThat(client.ip()).isEqualTo("10.244.1.17");
        assertThat(client.autoInstance()).isEqualTo("frontend-6d5f9c7b8-x2k4q");
        assertThat(client.autoInstanceType()).isEqualTo(ResourceType.POD);
        assertThat(client.autoInstanceId()).isEqualTo(DerivedIds.resource(ResourceType.POD, "frontend-6d5f9c7b8-x2k4q"));
        assertThat(client.autoService()).isEqualTo("frontend");
        assertThat(client.autoServiceType()).isEqualTo(ResourceType.POD_GROUP);
        assertThat(client.autoServiceId()).isEqualTo(DerivedIds.resource(ResourceType.POD_GROUP, "frontend"));
        assertThat(client.subnet()).isEqualTo("pod-subnet");
        assertThat(client.subnetId()).isEqualTo(DerivedIds.subnet("pod-subnet"));
        assertThat(client.processId()).isZero();

        FlowSide server = f.server();
        assertThat(server.ip()).isEqualTo("10.244.2.33");
        assertThat(server.autoInstanceId()).isEqualTo(DerivedIds.resource(ResourceType.POD, "orders-7c9d8b6f5-p9m2z"));
        assertThat(server.autoServiceId()).isEqualTo(DerivedIds.resource(ResourceType.POD_GROUP, "orders"));
        assertThat(server.processId()).isEqualTo(2381);
        assertThat(server.processKname()).isEqualTo("java");
        assertThat(server.gprocess()).isEqualTo("java");
        assertThat(server.autoInstanceId()).isNotEqualTo(client.autoInstanceId());
    }

    @Test
    void querierRowKeepsItsIdsAndDisplayColumns() throws Exception {
        Flow f = decoder.decode(Samples.text(Samples.QUERIER_S_P));

        assertThat(f.id()).isEqualTo("7378753814532206649");
        assertThat(f.tapSide()).isEqualTo("s-p");
        assertThat(f.vtapId()).isEqualTo(7);
        assertThat(f.startTimeUs()).as("start_time_us wins over the querier's DateTime text").isEqualTo(1718000000123456L);
        assertThat(f.traceId()).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f, 0af7651916cd43dd8448eb211c80319c");
        assertThat(f.traceIds()).containsExactly("0af7651916cd43dd8448eb211c80319c", "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f");
        assertThat(f.flowId()).as("decimal text").isEqualTo(1234567890123456789L);
        assertThat(f.syscallTraceIdResponse()).as("uint64 max keeps its bits").isEqualTo(-1L);
        assertThat(Long.toUnsignedString(f.syscallTraceIdResponse())).isEqualTo("18446744073709551615");
        assertThat(f.requestId()).isNull();
        assertThat(f.resourceFromVtap()).as("third element, first is truthy").isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(f.tapSideEnum()).isEqualTo("Server Process");
        assertThat(f.l7ProtocolEnum()).isEqualTo("HTTP");
        assertThat(f.l7ProtocolStr()).isEqualTo("HTTP");
        assertThat(f.querierRegion()).isEqualTo("default");
        assertThat(f.tap()).isEqualTo("cloud network");
        assertThat(f.tapPortType()).isEqualTo(7);
        assertThat(f.attributes()).containsExactly(Map.entry("http_user_agent", "Go-http-client/1.1"));
        assertThat(f.client().autoInstanceId()).isEqualTo(1041);
        assertThat(f.server().autoInstanceId()).isEqualTo(1077);
        assertThat(f.server().autoServiceId()).isEqualTo(35);
        assertThat(f.server().subnetId()).isEqualTo(12);
        assertThat(f.client().ip()).isEqualTo("10.244.1.17");
    }

    @Test
    void querierAppSpanRow() throws Exception {
        Flow f = decoder.decode(Samples.bytes(Samples.QUERIER_S_APP));

        assertThat(f.signalSource()).isEqualTo(4);
        assertThat(f.tapSide()).isEqualTo("s-app");
        assertThat(f.parentSpanId()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(f.appService()).isEqualTo("orders");
        assertThat(f.appInstance()).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(f.resourceFromVtap()).as("first element falsy").isNull();
        assertThat(f.server().autoInstanceId()).as("explicit 0 is not replaced by a derived id").isZero();
    }

    @Test
    void bytesAndTextGiveTheSameFlow() throws Exception {
        for (String sample : Samples.ALL) {
            assertThat(decoder.decode(Samples.bytes(sample))).as(sample).isEqualTo(decoder.decode(Samples.text(sample)));
        }
    }

    @Test
    void decodesASliceOfALargerBuffer() throws Exception {
        byte[] row = Samples.bytes(Samples.QUERIER_S_APP);
        byte[] padded = new byte[row.length + 20];
        System.arraycopy(row, 0, padded, 10, row.length);
        padded[5] = '[';

        assertThat(decoder.decode(padded, 10, row.length)).isEqualTo(decoder.decode(row));
    }

    @Test
    void joinsTheSecondTraceIdAsTheQuerierShowsIt() throws Exception {
        Flow both = decoder.decode(row("\"trace_id\":\"a\",\"trace_id_2\":\"b\""));
        Flow onlySecond = decoder.decode(row("\"trace_id_2\":\"b\""));
        Flow alreadyJoined = decoder.decode(row("\"trace_id\":\"a, b\",\"_trace_id_2\":\"b\""));

        assertThat(both.traceId()).isEqualTo("a, b");
        assertThat(onlySecond.traceId()).isEqualTo("b");
        assertThat(alreadyJoined.traceId()).isEqualTo("a, b");
    }

    @Test
    void numericAgentIdWinsOverTheAgentName() throws Exception {
        assertThat(decoder.decode(row("\"agent\":\"node-a\",\"agent_id\":12")).vtapId()).isEqualTo(12);
        assertThat(decoder.decode(row("\"agent\":12")).vtapId()).isEqualTo(12);
        assertThat(decoder.decode(row("\"agent\":\"node-a\"")).vtapId()).isEqualTo(DerivedIds.agent("node-a"));
        assertThat(decoder.decode(row("")).vtapId()).isZero();
    }

    @Test
    void idIsCanonicalDecimalTextWhetherGivenAsNumberOrText() throws Exception {
        assertThat(decoder.decode("{\"_id\":42,\"start_time\":1,\"end_time\":2}").id()).isEqualTo("42");
        assertThat(decoder.decode("{\"_id\":\"0042\",\"start_time\":1,\"end_time\":2}").id()).isEqualTo("42");
        assertThat(decoder.decode("{\"_id\":18446744073709551615,\"start_time\":1,\"end_time\":2}").id())
                .isEqualTo("18446744073709551615");
        assertThat(decoder.decode("{\"_id\":\"0\",\"start_time\":1,\"end_time\":2}").id()).isEqualTo("0");
    }

    @Test
    void unsignedColumnsAboveLongMaxKeepTheirBits() throws Exception {
        Flow f = decoder.decode(row("\"flow_id\":18446744073709551615,\"syscall_trace_id_request\":9223372036854775808,"
                + "\"request_id\":\"9223372036854775809\""));

        assertThat(f.flowId()).isEqualTo(-1L);
        assertThat(f.syscallTraceIdRequest()).isEqualTo(Long.MIN_VALUE);
        assertThat(f.requestId()).isEqualTo(Long.MIN_VALUE + 1);
    }

    @Test
    void ipv6RowsOfTheExporterLoseThePlaceholderAddress() throws Exception {
        Flow f = decoder.decode(row("\"is_ipv4\":0,\"ip4_0\":\"0.0.0.0\",\"ip4_1\":\"0.0.0.0\",\"ip6_1\":\"fd00::1\""));

        assertThat(f.client().ip()).isEmpty();
        assertThat(f.server().ip()).isEqualTo("fd00::1");
    }

    @Test
    void addressTypedResourcesAreNumberedLikeDeepFlowDoes() throws Exception {
        Flow f = decoder.decode(row("\"auto_instance_type_0\":\"ip\",\"auto_instance_0\":\"10.0.0.5\",\"subnet_0\":\"lan\","
                + "\"auto_instance_type_1\":\"internet_ip\",\"auto_instance_1\":\"8.8.8.8\","
                + "\"auto_service_type_1\":\"internet\",\"auto_service_1\":\"8.8.8.8\""));

        assertThat(f.client().autoInstanceId()).as("an IP instance carries its subnet's id").isEqualTo(DerivedIds.subnet("lan"));
        assertThat(f.server().autoInstanceType()).isEqualTo(ResourceType.INTERNET_IP);
        assertThat(f.server().autoInstanceId()).as("Internet has no resource id").isZero();
        assertThat(f.server().autoServiceId()).isZero();
    }

    @Test
    void sameNamesGiveSameIdsAcrossRecords() throws Exception {
        Flow a = decoder.decode(row("\"agent\":\"n1\",\"auto_instance_type_1\":\"pod\",\"auto_instance_1\":\"p\""));
        Flow b = decoder.decode(row("\"agent\":\"n1\",\"auto_instance_type_1\":10,\"auto_instance_1\":\"p\""));

        assertThat(a.vtapId()).isEqualTo(b.vtapId());
        assertThat(a.server().autoInstanceId()).isEqualTo(b.server().autoInstanceId());
    }

    @Test
    void nullMeansAbsentAndUnknownKeysAreSkipped() throws Exception {
        Flow f = decoder.decode(row("\"request_id\":null,\"response_code\":null,\"trace_id\":null,"
                + "\"k8s_label_names\":[\"app\"],\"extra\":{\"deep\":[1,{\"x\":[]}]},\"metrics_values\":[1.5]"));

        assertThat(f.requestId()).isNull();
        assertThat(f.responseCode()).isNull();
        assertThat(f.traceId()).isEmpty();
    }

    @Test
    void enumCodesAndNamesAreInterchangeable() throws Exception {
        Flow named = decoder.decode(row("\"signal_source\":\"Packet\",\"observation_point\":\"Client K8s Node\","
                + "\"type\":\"Request\",\"l7_protocol\":\"gRPC\",\"response_status\":\"Server Error\",\"protocol\":\"UDP\""));
        Flow coded = decoder.decode(row("\"signal_source\":0,\"observation_point\":\"c-nd\",\"type\":0,\"l7_protocol\":41,"
                + "\"response_status\":3,\"protocol\":17"));
        Flow numericTapSide = decoder.decode(row("\"signal_source\":0,\"tap_side\":9,\"type\":0,\"l7_protocol\":41,"
                + "\"response_status\":3,\"protocol\":17"));

        assertThat(named).isEqualTo(coded).isEqualTo(numericTapSide);
        assertThat(named.tapSide()).isEqualTo("c-nd");
    }

    @Test
    void attributeArraysAndMapAreMerged() throws Exception {
        Flow f = decoder.decode(row("\"attribute_names\":[\"a\",\"b\"],\"attribute_values\":[\"1\",\"2\"],"
                + "\"attribute\":{\"b\":\"3\"}"));

        assertThat(f.attributes()).containsExactly(Map.entry("a", "1"), Map.entry("b", "3"));
    }

    @Test
    void acceptsAUtf8ByteOrderMarkAndNonAsciiText() throws Exception {
        byte[] body = ("{\"_id\":1,\"start_time\":1,\"end_time\":2,\"request_resource\":\"/straße/\u6587\uD83D\uDE00\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertThat(decoder.decode(withBom).requestResource()).isEqualTo("/straße/\u6587\uD83D\uDE00");
    }

    @Test
    void escapesInKeysAndValuesAreDecoded() throws Exception {
        Flow f = decoder.decode("{\"\\u005fid\":7,\"start_time\":1,\"end_time\":2,"
                + "\"request_resource\":\"/a\\/b\\u00e9\\uD83D\\uDE00\\t\\\"q\\\\\",\"span\\u005fid\":\"s\"}");

        assertThat(f.id()).isEqualTo("7");
        assertThat(f.requestResource()).isEqualTo("/a/b\u00e9\uD83D\uDE00\t\"q\\");
        assertThat(f.spanId()).isEqualTo("s");
    }

    @Test
    void whitespaceAnywhereBetweenTokens() throws Exception {
        Flow compact = decoder.decode(row("\"trace_id\":\"t\",\"attribute_names\":[\"a\"],\"attribute_values\":[\"b\"]"));
        Flow spaced = decoder.decode(" \r\n\t{ \"_id\" : 1 ,\n\"start_time\"\t:\t1718000000000000 , \"end_time\" :1718000000000100,"
                + " \"trace_id\" : \"t\" , \"attribute_names\" : [ \"a\" ] , \"attribute_values\":[\"b\"] } \n");

        assertThat(spaced).isEqualTo(compact);
    }

    /** A minimal exporter row with extra members. */
    static String row(String extra) {
        return "{\"_id\":1,\"start_time\":1718000000000000,\"end_time\":1718000000000100"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
