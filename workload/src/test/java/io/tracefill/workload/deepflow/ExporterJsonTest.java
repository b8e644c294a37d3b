package io.tracefill.workload.deepflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracefill.serdes.json.DerivedIds;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.SignalSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExporterJsonTest {
    private static final String AGENT = "node-b-V3";
    private static final ExporterTags TAGS = new ExporterTags(AGENT, 48712, 512, 1024, 0, 2402,
            new SideTags("dc-1", "dc-1-a", "node-a", "shop", "prod-k8s", "prod-vpc", "Deployment", ""),
            new SideTags("dc-1", "dc-1-a", "node-b", "shop", "prod-k8s", "prod-vpc", "Deployment", "orders"));

    private static FlowSide pod(String name, String workload, String ip, int pid, String process) {
        return FlowSide.builder().autoInstance(name).autoInstanceType(ResourceType.POD)
                .autoInstanceId(DerivedIds.resource(ResourceType.POD, name))
                .autoService(workload).autoServiceType(ResourceType.POD_GROUP)
                .autoServiceId(DerivedIds.resource(ResourceType.POD_GROUP, workload))
                .subnet("pod-subnet").subnetId(DerivedIds.subnet("pod-subnet")).ip(ip)
                .processId(pid).processKname(process).gprocess(process).build();
    }

    /** The row of formats §5.A, with the ids a decoder derives from its names. */
    private static Flow serverProcessRow() {
        return Flow.builder().id("7378753814532206649").signalSource(SignalSource.EBPF).tapSide("s-p")
                .type(FlowType.SESSION).l7Protocol(20).l7ProtocolStr("HTTP").version("1.1").protocol(6)
                .startTimeUs(1_718_000_000_123_456L).endTimeUs(1_718_000_000_135_790L).responseDuration(12_334)
                .vtapId(DerivedIds.agent(AGENT)).flowId(1_234_567_890_123_456_789L)
                .reqTcpSeq(2_093_847_561L).respTcpSeq(3_847_561_029L)
                .syscallTraceIdRequest(Long.parseUnsignedLong("17816312217543229441"))
                .syscallTraceIdResponse(8_816_312_217_543_229_442L).syscallCapSeq0(76).syscallCapSeq1(77)
                .traceId("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f").spanId("a1b2c3d4e5f60718")
                .xRequestId0("7f9c2d4e-1b3a-4c5d-9e8f-0a1b2c3d4e5f").httpProxyClient("203.0.113.9")
                .serverPort(8080).endpoint("/api/v1").requestType("POST")
                .requestDomain("orders.shop.svc.cluster.local:8080").requestResource("/api/v1/orders")
                .responseCode(200).tapId(3)
                .client(pod("frontend-6d5f9c7b8-x2k4q", "frontend", "10.244.1.17", 0, "").toBuilder()
                        .processId(0).processKname("").gprocess("").build())
                .server(pod("orders-7c9d8b6f5-p9m2z", "orders", "10.244.2.33", 2381, "java"))
                .attributes(Map.of("http_user_agent", "Go-http-client/1.1"))
                .build();
    }

    @Test
    void aRowRenderedAsTheExporterWritesItDecodesToTheSameRow() throws Exception {
        Flow row = serverProcessRow();

        assertThat(new FlowRowDecoder().decode(ExporterJson.render(row, TAGS))).isEqualTo(row);
    }

    @Test
    void requestAndResponseRowsFromTheInternetRoundTripToo() throws Exception {
        FlowSide internet = FlowSide.builder().ip("198.51.100.7").autoInstanceType(ResourceType.INTERNET_IP).build();
        Flow request = serverProcessRow().toBuilder().signalSource(SignalSource.PACKET).tapSide("c-gw")
                .type(FlowType.REQUEST).endTimeUs(1_718_000_000_123_456L).responseDuration(0).respTcpSeq(0)
                .syscallTraceIdRequest(0).syscallTraceIdResponse(0).syscallCapSeq0(0).syscallCapSeq1(0)
                .responseCode(null).responseStatus(5).requestId(Long.parseUnsignedLong("18446744073709551615"))
                .tapPort(167_772_165L).client(internet).attributes(Map.of()).build();
        Flow response = request.toBuilder().type(FlowType.RESPONSE).responseCode(502).responseStatus(3)
                .responseException("Bad Gateway").xRequestId1("abc").build();
        ExporterTags tags = new ExporterTags(AGENT, 40000, 700, 0, 0, 0, SideTags.NONE, TAGS.server());

        FlowRowDecoder decoder = new FlowRowDecoder();
        assertThat(decoder.decode(ExporterJson.render(request, tags))).isEqualTo(request);
        assertThat(decoder.decode(ExporterJson.render(response, tags))).isEqualTo(response);
    }

    @Test
    void keysAndValuesAreTheExportersAsInTheFormatsSample() throws Exception {
        byte[] json = ExporterJson.render(serverProcessRow(), TAGS);
        JsonNode n = new ObjectMapper().readTree(json);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"datasource\":\"flow_log.l7_flow_log\",\"_id\":")
                .doesNotContain("\n").endsWith("\"time_str\":\"2024-06-10 06:13:20.13579 +0000 UTC\"}");
        assertThat(n.get("observation_point").asText()).isEqualTo("Server Process");
        assertThat(n.get("signal_source").asText()).isEqualTo("eBPF");
        assertThat(n.get("l7_protocol").asText()).isEqualTo("HTTP");
        assertThat(n.get("type").asText()).isEqualTo("Session");
        assertThat(n.get("response_status").asText()).isEqualTo("Success");
        assertThat(n.get("end_point").asText()).isEqualTo("/api/v1");
        assertThat(n.get("agent").asText()).isEqualTo(AGENT);
        assertThat(n.get("time").asLong()).isEqualTo(1_718_000_000L);
        assertThat(n.get("syscall_trace_id_request").bigIntegerValue()).hasToString("17816312217543229441");
        assertThat(n.get("pod_1").asText()).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(n.get("auto_instance_type_1").asText()).isEqualTo("pod");
        assertThat(n.get("auto_service_type_1").asText()).isEqualTo("pod_group");
        assertThat(n.get("pod_node_1").asText()).isEqualTo("node-b");
        assertThat(n.get("metrics_names").isArray()).isTrue();
        // empty strings and null columns are left out
        assertThat(n.has("parent_span_id")).isFalse();
        assertThat(n.has("request_id")).isFalse();
        assertThat(n.has("process_kname_0")).isFalse();
    }

    @Test
    void timeStrIsGosTimeStringWithoutTrailingZeros() {
        assertThat(ExporterJson.timeStr(1_718_000_000_000_000L)).isEqualTo("2024-06-10 06:13:20 +0000 UTC");
        assertThat(ExporterJson.timeStr(1_718_000_000_100_000L)).isEqualTo("2024-06-10 06:13:20.1 +0000 UTC");
        assertThat(ExporterJson.timeStr(1_718_000_000_000_001L)).isEqualTo("2024-06-10 06:13:20.000001 +0000 UTC");
    }
}
