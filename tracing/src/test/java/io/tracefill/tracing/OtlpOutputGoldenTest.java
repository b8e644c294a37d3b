package io.tracefill.tracing;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.otlp.OtlpAttributes;
import io.tracefill.serdes.otlp.TracesDataJsonReader;
import io.tracefill.serdes.otlp.OtlpTraceEncoder;
import io.tracefill.serdes.otlp.OtlpView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static io.tracefill.tracing.Flows.pkt;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden: the engine's result for formats §5's call (an app span, its c-p, the client and server
 * NICs, the callee's s-p and s-app) encoded as OTLP, checked field by field. The derived span ids
 * are pinned: they must never change between versions, or re-emitted traces would not match.
 */
class OtlpOutputGoldenTest {
    private static final OtlpTraceEncoder ENCODER = new OtlpTraceEncoder();
    static final String TRACE = "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f";
    static final String CALLER_SPAN = "a1b2c3d4e5f60718";
    static final String CALLEE_SPAN = "3e4f5a6b7c8d9e0f";
    static final long T0 = 1_718_000_000_000_000L;

    /** formats §5's call: frontend's c-app → its c-p → client NIC → server NIC → orders' s-p → orders' s-app. */
    static List<Flow> rows() {
        return List.of(
                otel("capp", "c-app").trace(TRACE).span(CALLER_SPAN).times(T0 + 1000, T0 + 20000).pod(11).vtap(1)
                        .instanceName("frontend-6d5f9c7b8-x2k4q").appService("frontend").appInstance("frontend-1")
                        .with(b -> b.endpoint("POST").requestType("POST").requestResource("/api/v1/orders")).build(),
                ebpf("cp", "c-p").trace(TRACE).span(CALLER_SPAN).times(T0 + 1100, T0 + 19900).seq(100, 200).vtap(1)
                        .pod(11).pid(10).sys(11, 12).instanceName("frontend-6d5f9c7b8-x2k4q")
                        .client(c -> c.ip("10.244.1.17").autoService("frontend").processKname("python3"))
                        .server(s -> s.ip("10.244.2.33"))
                        .with(b -> b.requestType("POST").requestResource("/api/v1/orders").resourceFromVtap("node-a"))
                        .build(),
                pkt("c", "c").trace(TRACE).span(CALLER_SPAN).times(T0 + 1200, T0 + 19800).seq(100, 200).vtap(1)
                        .client(c -> c.ip("10.244.1.17")).server(s -> s.ip("10.244.2.33"))
                        .with(b -> b.requestType("POST").requestResource("/api/v1/orders").resourceFromVtap("node-a"))
                        .build(),
                pkt("s", "s").trace(TRACE).span(CALLER_SPAN).times(T0 + 1300, T0 + 19700).seq(100, 200).vtap(2)
                        .client(c -> c.ip("10.244.1.17")).server(s -> s.ip("10.244.2.33"))
                        .with(b -> b.requestType("POST").requestResource("/api/v1/orders").resourceFromVtap("node-b"))
                        .build(),
                ebpf("sp", "s-p").trace(TRACE).span(CALLER_SPAN).times(T0 + 1400, T0 + 19600).seq(100, 200).vtap(2)
                        .pod(22).pid(20).sys(21, 22).instanceName("orders-7c9d8b6f5-p9m2z")
                        .client(c -> c.ip("10.244.1.17"))
                        .server(s -> s.ip("10.244.2.33").autoService("orders").processKname("java"))
                        .with(b -> b.requestType("POST").requestResource("/api/v1/orders").resourceFromVtap("node-b"))
                        .build(),
                otel("sapp", "s-app").trace(TRACE).span(CALLEE_SPAN).parent(CALLER_SPAN).times(T0 + 1500, T0 + 19500)
                        .pod(22).vtap(2).instanceName("orders-7c9d8b6f5-p9m2z").appService("orders")
                        .appInstance("orders-1").endpoint("POST /api/v1/orders")
                        .with(b -> b.requestType("POST").requestResource("/api/v1/orders")).build());
    }

    static TracingResult engine() {
        return TraceBuilder.build(rows(), List.of(), "capp", TracingConfig.defaults(), List.of());
    }

    /** The engine's tree first: each row hangs under the one before it. */
    @Test
    void theEngineLinksTheCallAsAChain() {
        TraceView v = new TraceView(engine());

        assertThat(v.parentOf("cp")).isEqualTo("capp");
        assertThat(v.parentOf("c")).isEqualTo("cp");
        assertThat(v.parentOf("s")).isEqualTo("c");
        assertThat(v.parentOf("sp")).isEqualTo("s");
        assertThat(v.parentOf("sapp")).isEqualTo("sp");
        assertThat(v.roots()).containsExactly("capp");
    }

    @Test
    void encodesEverySpanFieldByField() {
        TracesData d = ENCODER.encode(engine());

        assertThat(d.getResourceSpansCount()).isEqualTo(6);
        assertThat(OtlpView.spans(d)).extracting(OtlpView.Placed::traceId).containsOnly(TRACE);
        assertThat(ENCODER.kafkaKey(engine())).isEqualTo(TRACE);

        expect(d, "capp", CALLER_SPAN, "", "POST", SPAN_KIND_CLIENT, 1000, 20000, "frontend", "frontend-1");
        expect(d, "cp", "07179db72461a8af", CALLER_SPAN, "HTTP POST /api/v1/orders", SPAN_KIND_CLIENT, 1100, 19900,
                "frontend (python3)", "frontend-6d5f9c7b8-x2k4q:10");
        expect(d, "c", "b4031e2c4a50eb29", "07179db72461a8af", "HTTP POST /api/v1/orders", SPAN_KIND_CLIENT, 1200,
                19800, "network: node-a c", "agent-1");
        expect(d, "s", "e471cf8f03f03bd8", "b4031e2c4a50eb29", "HTTP POST /api/v1/orders", SPAN_KIND_SERVER, 1300,
                19700, "network: node-b s", "agent-2");
        expect(d, "sp", "828274b496379d47", "e471cf8f03f03bd8", "HTTP POST /api/v1/orders", SPAN_KIND_SERVER, 1400,
                19600, "orders (java)", "orders-7c9d8b6f5-p9m2z:20");
        expect(d, "sapp", CALLEE_SPAN, "828274b496379d47", "POST /api/v1/orders", SPAN_KIND_SERVER, 1500, 19500,
                "orders", "orders-1");
    }

    @Test
    void carriesDeepFlowsIdsAndMountReasons() {
        TracesData d = ENCODER.encode(engine());

        OtlpView.Placed cp = span(d, "cp");
        assertThat(cp.str(OtlpAttributes.DEEPFLOW_SPAN_ID)).isEqualTo("a1b2c3d4e5f60718.c-p.1");
        assertThat(cp.str(OtlpAttributes.DEEPFLOW_PARENT_SPAN_ID)).isEqualTo(CALLER_SPAN);
        assertThat(cp.str(OtlpAttributes.MOUNT_REASON)).isEqualTo("c-p sys_span mounted due to same span_id as child");
        assertThat(OtlpView.strings(cp.attr(OtlpAttributes.RELATED_IDS)))
                .containsExactly("2-network,app-c", "3-network,app-s", "4-network,app-sp", "0-app-capp", "5-app-sapp");
        assertThat(cp.str(OtlpAttributes.SIGNAL_SOURCE)).isEqualTo("eBPF");
        assertThat(cp.str(OtlpAttributes.OBSERVATION_POINT)).isEqualTo("Client Process");
        assertThat(cp.str(OtlpAttributes.NATIVE_SPAN_ID)).isEqualTo(CALLER_SPAN);
        assertThat(cp.str(OtlpAttributes.SYSCALL_TRACE_ID_REQUEST)).isEqualTo("11");
        assertThat(cp.attr(OtlpAttributes.REQ_TCP_SEQ).getIntValue()).isEqualTo(100);
        assertThat(cp.attr(OtlpAttributes.SELFTIME_US).getIntValue()).isEqualTo(200);
        assertThat(cp.resourceStr("process.executable.name")).isEqualTo("python3");
        assertThat(cp.resourceStr("host.name")).isEqualTo("node-a");
        assertThat(cp.str("network.peer.address")).isEqualTo("10.244.2.33");

        OtlpView.Placed sp = span(d, "sp");
        assertThat(sp.str(OtlpAttributes.MOUNT_REASON)).isEqualTo("trace mounted due to tcp_seq");
        assertThat(sp.str(OtlpAttributes.DEEPFLOW_PARENT_SPAN_ID)).isEqualTo("a1b2c3d4e5f60718.s.3");
        OtlpView.Placed sapp = span(d, "sapp");
        assertThat(sapp.str(OtlpAttributes.MOUNT_REASON)).isEqualTo("s-p sys_span mounted due to same span_id as parent");
        assertThat(sapp.str(OtlpAttributes.NATIVE_PARENT_SPAN_ID)).isEqualTo(CALLER_SPAN);
        assertThat(sapp.attr(OtlpAttributes.SELFTIME_US).getIntValue()).isEqualTo(18000);
        OtlpView.Placed capp = span(d, "capp");
        assertThat(capp.str(OtlpAttributes.TRACE_ID_SOURCE)).isEqualTo("app");
        assertThat(capp.str(OtlpAttributes.MOUNT_REASON)).isNull();
        assertThat(OtlpView.spans(d)).allSatisfy(p -> assertThat(p.span().getStatus()).isEqualTo(Status.getDefaultInstance()));
    }

    @Test
    void jsonAndProtobufAgree() throws Exception {
        TracingResult r = engine();

        assertThat(TracesDataJsonReader.read(ENCODER.encodeJson(r))).isEqualTo(TracesData.parseFrom(ENCODER.encodeProto(r)));
    }

    private static OtlpView.Placed span(TracesData d, String rowId) {
        return OtlpView.spans(d).stream()
                .filter(p -> OtlpView.strings(p.attr(OtlpAttributes.FLOW_IDS)).contains(rowId))
                .findFirst().orElseThrow();
    }

    private static void expect(TracesData d, String rowId, String spanId, String parentSpanId, String name,
                               Span.SpanKind kind, long startOffsetUs, long endOffsetUs, String service, String instance) {
        OtlpView.Placed p = span(d, rowId);
        assertThat(p.spanId()).as("%s span id", rowId).isEqualTo(spanId);
        assertThat(p.parentSpanId()).as("%s parent", rowId).isEqualTo(parentSpanId);
        assertThat(p.span().getName()).as("%s name", rowId).isEqualTo(name);
        assertThat(p.span().getKind()).as("%s kind", rowId).isEqualTo(kind);
        assertThat(p.span().getStartTimeUnixNano()).isEqualTo((T0 + startOffsetUs) * 1000);
        assertThat(p.span().getEndTimeUnixNano()).isEqualTo((T0 + endOffsetUs) * 1000);
        assertThat(p.serviceName()).as("%s service", rowId).isEqualTo(service);
        assertThat(p.resourceStr("service.instance.id")).as("%s instance", rowId).isEqualTo(instance);
        assertThat(p.resourceStr("telemetry.sdk.name")).isEqualTo("tracefill");
    }
}
