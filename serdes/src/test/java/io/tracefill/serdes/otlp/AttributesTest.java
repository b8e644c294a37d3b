package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.TracedSpan;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.tracefill.serdes.otlp.OtlpAttributes.*;
import static io.tracefill.serdes.otlp.TestSpan.app;
import static io.tracefill.serdes.otlp.TestSpan.ebpf;
import static io.tracefill.serdes.otlp.TestSpan.result;
import static org.assertj.core.api.Assertions.assertThat;

class AttributesTest {
    private final OtlpTraceEncoder encoder = new OtlpTraceEncoder();

    /** The eBPF s-p of formats §5.A, as the engine outputs it. */
    private static TracedSpan serverProcess() {
        return ebpf(4, "s-p")
                .trace("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f").spanId("a1b2c3d4e5f60718")
                .flow(f -> f.requestType("POST").requestDomain("orders.shop.svc.cluster.local:8080")
                        .requestResource("/api/v1/orders?dry=1").endpoint("/api/v1").xRequestId0("7f9c2d4e")
                        .syscallTraceIdRequest(-1L).syscallTraceIdResponse(8816312217543229442L).syscallCapSeq1(77)
                        .reqTcpSeq(2093847561L).respTcpSeq(3847561029L).flowId(1234567890123456789L).vtapId(3)
                        .requestId(9L).tapPortName("eth0").tapPort(5))
                .dfId("a1b2c3d4e5f60718.s-p.4").parent(3, "a1b2c3d4e5f60718.s.3").reason("s-p mounted due to tcp_seq")
                .related("3-network-7001", "5-app-7005").ids("7004", "7014").selftime(1234).processId(2381)
                .build();
    }

    @Test
    void deepflowFieldsAreWrittenUnderDfNames() {
        OtlpView.Placed p = OtlpView.byIndex(encoder.encode(result(serverProcess())), 4);

        assertThat(p.str(SIGNAL_SOURCE)).isEqualTo("eBPF");
        assertThat(p.str(OBSERVATION_POINT)).isEqualTo("Server Process");
        assertThat(p.str(TAP_SIDE)).isEqualTo("s-p");
        assertThat(p.attr(AGENT_ID).getIntValue()).isEqualTo(3);
        assertThat(p.str(CAPTURE_NIC_NAME)).isEqualTo("eth0");
        assertThat(p.str(L7_PROTOCOL)).isEqualTo("HTTP");
        assertThat(p.attr(L7_PROTOCOL_STR)).as("same as the display name").isNull();
        assertThat(p.str(ROW_TYPE)).isEqualTo("session");
        assertThat(p.str(ENDPOINT)).isEqualTo("/api/v1");
        assertThat(p.str(REQUEST_TYPE)).isEqualTo("POST");
        assertThat(p.str(REQUEST_DOMAIN)).isEqualTo("orders.shop.svc.cluster.local:8080");
        assertThat(p.str(REQUEST_RESOURCE)).isEqualTo("/api/v1/orders?dry=1");
        assertThat(p.attr(REQUEST_ID).getIntValue()).isEqualTo(9);
        assertThat(p.str(RESPONSE_STATUS)).isEqualTo("Success");
        assertThat(p.attr(RESPONSE_CODE).getIntValue()).isEqualTo(200);
    }

    @Test
    void originalIdsAreKeptAsCaptured() {
        OtlpView.Placed p = OtlpView.byIndex(encoder.encode(result(serverProcess())), 4);

        assertThat(p.str(NATIVE_TRACE_ID)).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f");
        assertThat(p.str(NATIVE_SPAN_ID)).isEqualTo("a1b2c3d4e5f60718");
        assertThat(p.attr(NATIVE_PARENT_SPAN_ID)).isNull();
        assertThat(p.str(X_REQUEST_ID_0)).isEqualTo("7f9c2d4e");
        assertThat(p.attr(X_REQUEST_ID_1)).isNull();
        // unsigned 64-bit values as exact decimal text
        assertThat(p.str(SYSCALL_TRACE_ID_REQUEST)).isEqualTo("18446744073709551615");
        assertThat(p.str(SYSCALL_TRACE_ID_RESPONSE)).isEqualTo("8816312217543229442");
        assertThat(p.attr(SYSCALL_CAP_SEQ_0)).isNull();
        assertThat(p.attr(SYSCALL_CAP_SEQ_1).getIntValue()).isEqualTo(77);
        assertThat(p.attr(REQ_TCP_SEQ).getIntValue()).isEqualTo(2093847561L);
        assertThat(p.attr(RESP_TCP_SEQ).getIntValue()).isEqualTo(3847561029L);
        assertThat(OtlpView.strings(p.attr(FLOW_IDS))).containsExactly("7004", "7014");
        assertThat(p.str(FLOW_ID)).isEqualTo("1234567890123456789");
    }

    @Test
    void theEnginesDecisionsAreUnderDfTracing() {
        OtlpView.Placed p = OtlpView.byIndex(encoder.encode(result(serverProcess())), 4);

        assertThat(p.str(DEEPFLOW_SPAN_ID)).isEqualTo("a1b2c3d4e5f60718.s-p.4");
        assertThat(p.str(DEEPFLOW_PARENT_SPAN_ID)).isEqualTo("a1b2c3d4e5f60718.s.3");
        assertThat(OtlpView.strings(p.attr(RELATED_IDS))).containsExactly("3-network-7001", "5-app-7005");
        assertThat(p.str(MOUNT_REASON)).isEqualTo("s-p mounted due to tcp_seq");
        assertThat(p.attr(SELFTIME_US).getIntValue()).isEqualTo(1234);
        assertThat(p.attr(DURATION_US).getIntValue()).isEqualTo(10_000 - 4 * 20);
        assertThat(p.attr(INDEX).getIntValue()).isEqualTo(4);
    }

    @Test
    void semanticConventionsWhereTheyMapCleanly() {
        OtlpView.Placed p = OtlpView.byIndex(encoder.encode(result(serverProcess())), 4);

        assertThat(p.str("http.request.method")).isEqualTo("POST");
        assertThat(p.str("url.path")).isEqualTo("/api/v1/orders");
        assertThat(p.str("url.query")).isEqualTo("dry=1");
        assertThat(p.attr("http.response.status_code").getIntValue()).isEqualTo(200);
        assertThat(p.str("network.protocol.name")).isEqualTo("http");
        assertThat(p.str("network.protocol.version")).isEqualTo("1.1");
        assertThat(p.str("network.transport")).isEqualTo("tcp");
        assertThat(p.str("client.address")).isEqualTo("10.0.0.1");
        assertThat(p.str("server.address")).isEqualTo("10.0.0.2");
        assertThat(p.attr("server.port").getIntValue()).isEqualTo(8080);
        assertThat(p.str("network.peer.address")).as("a server sees its client").isEqualTo("10.0.0.1");
    }

    @Test
    void databaseRpcMessagingAndDnsConventions() {
        TracesData d = encoder.encode(result(
                ebpf(0, "c-p").flow(f -> f.l7Protocol(60).requestType("COM_QUERY")
                        .requestResource("SELECT * FROM orders WHERE id=?")).build(),
                ebpf(1, "c-p").flow(f -> f.l7Protocol(41).requestResource("/shop.Orders/Get")).build(),
                ebpf(2, "c-p").flow(f -> f.l7Protocol(100).requestType("Produce").requestResource("events")).build(),
                ebpf(3, "c-p").flow(f -> f.l7Protocol(120).protocol(17).requestType("A").requestResource("a.example")).build(),
                ebpf(4, "c-p").flow(f -> f.serverPort(1)).build()));

        OtlpView.Placed sql = OtlpView.byIndex(d, 0);
        assertThat(sql.str("db.system")).isEqualTo("mysql");
        assertThat(sql.str("db.operation.name")).isEqualTo("SELECT");
        assertThat(sql.str("db.collection.name")).isEqualTo("orders");
        assertThat(sql.str("db.query.text")).isEqualTo("SELECT * FROM orders WHERE id=?");
        assertThat(sql.str("network.peer.address")).as("a client sees its server").isEqualTo("10.0.0.2");
        assertThat(sql.attr("network.peer.port").getIntValue()).isEqualTo(8080);
        OtlpView.Placed grpc = OtlpView.byIndex(d, 1);
        assertThat(grpc.str("rpc.system")).isEqualTo("grpc");
        assertThat(grpc.str("rpc.service")).isEqualTo("shop.Orders");
        assertThat(grpc.str("rpc.method")).isEqualTo("Get");
        OtlpView.Placed kafka = OtlpView.byIndex(d, 2);
        assertThat(kafka.str("messaging.system")).isEqualTo("kafka");
        assertThat(kafka.str("messaging.destination.name")).isEqualTo("events");
        assertThat(kafka.str("messaging.operation.name")).isEqualTo("Produce");
        OtlpView.Placed dns = OtlpView.byIndex(d, 3);
        assertThat(dns.str("dns.question.name")).isEqualTo("a.example");
        assertThat(dns.str("network.transport")).isEqualTo("udp");
        assertThat(OtlpView.byIndex(d, 4).str("network.transport")).isEqualTo("unix");
        assertThat(OtlpView.byIndex(d, 4).attr("server.port")).isNull();
    }

    @Test
    void nativeAttributesKeepTheirNamesUnlessTheKeyIsTaken() {
        Map<String, String> natives = new LinkedHashMap<>();
        natives.put("http.route", "/api/v1/orders/{id}");
        natives.put("url.path", "/from-the-app");              // taken by the span
        natives.put("service.name", "orders");                 // taken by the resource
        natives.put("user_agent.original", "curl/8.0");
        TracesData d = encoder.encode(result(app(0, "s-app").spanId("1111111111111111")
                .flow(f -> f.appService("orders")).attributes(natives).build()));

        OtlpView.Placed p = OtlpView.byIndex(d, 0);
        assertThat(p.str("http.route")).isEqualTo("/api/v1/orders/{id}");
        assertThat(p.str("user_agent.original")).isEqualTo("curl/8.0");
        assertThat(p.str("url.path")).isEqualTo("/api/v1/orders");
        assertThat(p.attr("service.name")).isNull();
    }

    @Test
    void everyAttributeKeyIsUniqueOnEachSpanAndResource() {
        TracesData d = encoder.encode(SpanIdsTest.callAcrossTwoServices());
        for (OtlpView.Placed p : OtlpView.spans(d)) {
            assertThat(p.span().getAttributesList()).extracting(kv -> kv.getKey()).doesNotHaveDuplicates();
            assertThat(p.resource().getAttributesList()).extracting(kv -> kv.getKey()).doesNotHaveDuplicates();
        }
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        TracesData d = encoder.encode(result(ebpf(0, "s-p").flow(f -> f.requestResource("/a\uD800b")).build()));

        assertThat(OtlpView.byIndex(d, 0).str(REQUEST_RESOURCE)).isEqualTo("/a\uFFFDb");
        assertThat(OtlpView.byIndex(d, 0).span().getName()).isEqualTo("HTTP GET /a\uFFFDb");
    }
}
