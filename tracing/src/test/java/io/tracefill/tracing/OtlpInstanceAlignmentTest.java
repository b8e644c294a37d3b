package io.tracefill.tracing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.otlp.OtlpSpanDecoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through both decoders (formats §5.A and §5.B): DeepFlow's exporter row of the
 * orders pod's s-p and the orders SDK's SERVER span decoded from OTLP land in one process span
 * set (the s-p is mounted as the app span's parent inside its process, spec §7.4 b), as with
 * DeepFlow's own rows; with instances that do not line up, only the cross-set rule of §9 links them.
 */
class OtlpInstanceAlignmentTest {
    private static final String SERVER_PROCESS_ROW = "{\"datasource\":\"flow_log.l7_flow_log\",\"_id\":7378753814532206649,"
            + "\"l7_protocol\":\"HTTP\",\"type\":\"Session\",\"request_type\":\"POST\",\"request_resource\":\"/api/v1/orders\","
            + "\"response_status\":\"Success\",\"response_code\":200,\"trace_id\":\"5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f\","
            + "\"span_id\":\"a1b2c3d4e5f60718\",\"response_duration\":12334,\"time\":1718000000,\"ip4_0\":\"10.244.1.17\","
            + "\"ip4_1\":\"10.244.2.33\",\"is_ipv4\":1,\"protocol\":\"TCP\",\"client_port\":48712,\"server_port\":8080,"
            + "\"signal_source\":\"eBPF\",\"observation_point\":\"Server Process\",\"agent\":\"node-b-V3\","
            + "\"req_tcp_seq\":2093847561,\"resp_tcp_seq\":3847561029,\"start_time\":1718000000123456,"
            + "\"end_time\":1718000000135790,\"process_id_1\":2381,\"syscall_trace_id_request\":8816312217543229441,"
            + "\"syscall_trace_id_response\":8816312217543229442,\"auto_instance_type_1\":\"pod\","
            + "\"auto_instance_1\":\"orders-7c9d8b6f5-p9m2z\",\"auto_service_type_1\":\"pod_group\",\"auto_service_1\":\"orders\"}";

    private static KeyValue str(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    private static Flow serverSpanOfPod(String pod) throws Exception {
        HexFormat hex = HexFormat.of();
        Span span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(hex.parseHex("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f")))
                .setSpanId(ByteString.copyFrom(hex.parseHex("3e4f5a6b7c8d9e0f")))
                .setParentSpanId(ByteString.copyFrom(hex.parseHex("a1b2c3d4e5f60718")))
                .setName("POST /api/v1/orders").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_718_000_000_124_100_000L).setEndTimeUnixNano(1_718_000_000_135_200_000L)
                .addAttributes(str("http.method", "POST")).addAttributes(str("http.target", "/api/v1/orders"))
                .build();
        Resource r = Resource.newBuilder().addAttributes(str("service.name", "orders"))
                .addAttributes(str("k8s.pod.name", pod)).addAttributes(str("k8s.deployment.name", "orders")).build();
        TracesData t = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(r)
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
        return new OtlpSpanDecoder().decodeProto(t.toByteArray()).get(0);
    }

    @Test
    void theOtelServerSpanOfPodPHangsUnderTheEbpfServerProcessSpanOfPodP() throws Exception {
        Flow sp = new FlowRowDecoder().decode(SERVER_PROCESS_ROW);
        Flow app = serverSpanOfPod("orders-7c9d8b6f5-p9m2z");

        TraceView v = Scenario.trace(sp.id(), sp, app);

        assertThat(v.parentOf(app.id())).isEqualTo(sp.id());
        assertThat(v.reason(app.id())).isEqualTo("s-p sys_span mounted due to same span_id as parent");
    }

    @Test
    void aServerSpanOfAnotherPodIsOnlyLinkedAcrossProcessSets() throws Exception {
        Flow sp = new FlowRowDecoder().decode(SERVER_PROCESS_ROW);
        Flow app = serverSpanOfPod("orders-7c9d8b6f5-other");

        TraceView v = Scenario.trace(sp.id(), sp, app);

        // not one process: the s-p keeps its own span set and §9's cross-set rule links the two
        assertThat(v.parentOf(app.id())).isEqualTo(sp.id());
        assertThat(v.reason(app.id())).isEqualTo("s-app mounted due to parent_span_id");
    }
}
