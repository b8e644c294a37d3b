package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.tracefill.serdes.otlp.Otlp.integer;
import static io.tracefill.serdes.otlp.Otlp.resource;
import static io.tracefill.serdes.otlp.Otlp.resourceSpans;
import static io.tracefill.serdes.otlp.Otlp.span;
import static io.tracefill.serdes.otlp.Otlp.str;
import static io.tracefill.serdes.otlp.Otlp.traces;
import static org.assertj.core.api.Assertions.assertThat;

class OtlpGoldenTest {
    private final OtlpSpanDecoder decoder = new OtlpSpanDecoder();

    @Test
    void sample5bBecomesTheRowDeepFlowWouldStore() throws Exception {
        List<Flow> flows = decoder.decodeJson(Otlp.bytes("export-5b.json"));

        assertThat(flows).hasSize(1);
        Flow f = flows.get(0);
        // formats §5.B, "If DeepFlow ingested this span, the row would have"
        assertThat(f.signalSource()).isEqualTo(4);
        assertThat(f.tapSide()).isEqualTo("s-app");
        assertThat(f.type()).isEqualTo(2);
        assertThat(f.endpoint()).isEqualTo("POST /api/v1/orders");
        assertThat(f.requestType()).isEqualTo("POST");
        assertThat(f.requestResource()).isEqualTo("/api/v1/orders");
        assertThat(f.responseCode()).isEqualTo(200);
        assertThat(f.responseStatus()).isZero();
        assertThat(f.l7Protocol()).isEqualTo(20);
        assertThat(f.appService()).isEqualTo("orders");
        assertThat(f.client().ip()).as("ip4_0: the peer of a server span").isEqualTo("10.244.1.17");
        assertThat(f.startTimeUs()).isEqualTo(1718000000124100L);
        assertThat(f.endTimeUs()).isEqualTo(1718000000135200L);
        assertThat(f.responseDuration()).isEqualTo(11100);
        assertThat(f.traceId()).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f");
        assertThat(f.spanId()).isEqualTo("3e4f5a6b7c8d9e0f");
        assertThat(f.parentSpanId()).isEqualTo("a1b2c3d4e5f60718");
        // the rest of DeepFlow's FillOTel
        assertThat(f.appInstance()).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(f.l7ProtocolStr()).as("biz_protocol: HTTP because an http.* key is present").isEqualTo("HTTP");
        assertThat(f.protocol()).isEqualTo(6);
        assertThat(f.version()).isEmpty();
        assertThat(f.requestDomain()).isEmpty();
        assertThat(f.responseException()).isEmpty();
        assertThat(f.serverPort()).as("an s-app row without a port").isEqualTo(65535);
        assertThat(f.tapId()).as("capture_network_type_id").isEqualTo(3);
        assertThat(f.tapPortType()).as("capture_nic_type: OTel").isEqualTo(8);
        assertThat(f.vtapId()).as("no agent received it").isZero();
        assertThat(f.reqTcpSeq()).isZero();
        assertThat(f.syscallTraceIdRequest()).isZero();
        assertThat(f.xRequestId0()).isEmpty();
        assertThat(f.requestId()).isNull();
        assertThat(f.isTls()).isZero();
        assertThat(f.id()).isEqualTo(OtlpRowIds.of(Otlp.id(Otlp.TRACE_5B), Otlp.id("3e4f5a6b7c8d9e0f")));
        assertThat(OtlpRowIds.isOtlpRowId(f.id())).isTrue();
        assertThat(f.attributes()).containsExactly(
                Map.entry("http.method", "POST"),
                Map.entry("http.target", "/api/v1/orders"),
                Map.entry("http.status_code", "200"),
                Map.entry("net.peer.ip", "10.244.1.17"),
                Map.entry("service.name", "orders"),
                Map.entry("service.instance.id", "orders-7c9d8b6f5-p9m2z"),
                Map.entry("k8s.namespace.name", "shop"),
                Map.entry("telemetry.sdk.language", "java"));
    }

    @Test
    void sample5bDecodesToEqualRowsFromJsonProtobufAndExportRequest() throws Exception {
        TracesData sample = Otlp.sample5b();
        byte[] request = ExportTraceServiceRequest.newBuilder()
                .addAllResourceSpans(sample.getResourceSpansList()).build().toByteArray();

        List<Flow> json = decoder.decodeJson(Otlp.bytes("export-5b.json"));
        List<Flow> jsonText = decoder.decodeJson(Otlp.text("export-5b.json"));
        List<Flow> snake = decoder.decodeJson(Otlp.bytes("export-5b-snake.json"));
        List<Flow> proto = decoder.decodeProto(sample.toByteArray());
        List<Flow> export = decoder.decodeProto(request);

        assertThat(request).isEqualTo(sample.toByteArray());
        assertThat(proto).isEqualTo(json).isEqualTo(jsonText).isEqualTo(snake).isEqualTo(export);
    }

    @Test
    void everyKindOfValueDecodesAlikeFromBothEncodings() throws Exception {
        TracesData t = Samples.mixedBatch();

        List<Flow> proto = decoder.decodeProto(t.toByteArray());
        List<Flow> json = decoder.decodeJson(OtlpJsonWriter.write(t));
        List<Flow> jsonNumbers = decoder.decodeJson(OtlpJsonWriter.write(t, true).getBytes(StandardCharsets.UTF_8));

        assertThat(proto).hasSize(Samples.MIXED_SPANS);
        assertThat(json).isEqualTo(proto);
        assertThat(jsonNumbers).isEqualTo(proto);
    }

    @Test
    void aBatchOfSeveralResourcesAndScopesKeepsOrderAndEachSpansResource() throws Exception {
        TracesData t = Samples.mixedBatch();

        List<Flow> flows = decoder.decodeProto(t.toByteArray());

        assertThat(flows).extracting(Flow::appService)
                .containsExactly("frontend", "frontend", "frontend", "orders", "orders", "orders", "payments", "payments");
        assertThat(flows).extracting(Flow::spanId).doesNotHaveDuplicates();
        assertThat(flows).extracting(Flow::id).doesNotHaveDuplicates().allMatch(OtlpRowIds::isOtlpRowId);
        assertThat(flows).extracting(Flow::tapSide)
                .containsExactly("s-app", "app", "c-app", "s-app", "c-app", "c-app", "s-app", "s-app");
    }

    @Test
    void spanKindsBecomeDeepFlowsTapSides() throws Exception {
        String[] expected = {"app", "app", "s-app", "c-app", "c-app", "s-app", "app"};
        int[] kinds = {0, 1, 2, 3, 4, 5, 9};
        for (int k = 0; k < kinds.length; k++) {
            Span s = span(Otlp.TRACE_5B, "0000000000000001", "", "op").setKindValue(kinds[k]).build();

            Flow f = decoder.decodeProto(traces(resourceSpans(Resource.getDefaultInstance(), s)).toByteArray()).get(0);

            assertThat(f.tapSide()).as("kind %d", kinds[k]).isEqualTo(expected[k]);
            assertThat(f.serverPort()).isEqualTo(expected[k].equals("s-app") ? 65535 : 0);
        }
    }

    @Test
    void aRootSpanHasAnEmptyParentAndAnAllZeroParentCountsAsNone() throws Exception {
        Span root = span(Otlp.TRACE_5B, "0000000000000001", "", "root").build();
        Span zero = span(Otlp.TRACE_5B, "0000000000000002", "0000000000000000", "zero").build();

        List<Flow> flows = decoder.decodeProto(traces(resourceSpans(Resource.getDefaultInstance(), root, zero)).toByteArray());

        assertThat(flows).extracting(Flow::parentSpanId).containsExactly("", "");
    }

    @Test
    void timesAreTruncatedToMicrosecondsAndTheDurationIsTheirDifference() throws Exception {
        Span s = span(Otlp.TRACE_5B, "0000000000000001", "", "op")
                .setStartTimeUnixNano(1_718_000_000_000_000_999L)
                .setEndTimeUnixNano(1_718_000_000_000_001_998L).build();
        Span instant = span(Otlp.TRACE_5B, "0000000000000002", "", "op")
                .setStartTimeUnixNano(1_718_000_000_000_000_100L)
                .setEndTimeUnixNano(1_718_000_000_000_000_900L).build();

        List<Flow> flows = decoder.decodeProto(traces(resourceSpans(Resource.getDefaultInstance(), s, instant)).toByteArray());

        assertThat(flows.get(0).startTimeUs()).isEqualTo(1_718_000_000_000_000L);
        assertThat(flows.get(0).endTimeUs()).isEqualTo(1_718_000_000_000_001L);
        assertThat(flows.get(0).responseDuration()).isEqualTo(1);
        assertThat(flows.get(1).responseDuration()).as("not positive: 0").isZero();
    }

    @Test
    void theSideReadByTheTapSideGetsTheResourceAndTheOtherSideThePeer() throws Exception {
        Resource r = resource(str("k8s.pod.name", "cart-1"), str("app.host.ip", "10.0.0.5"),
                str("k8s.deployment.name", "cart"));
        Span server = span(Otlp.TRACE_5B, "0000000000000001", "", "s").addAttributes(str("net.peer.ip", "10.0.0.9")).build();
        Span client = span(Otlp.TRACE_5B, "0000000000000002", "", "c").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .addAttributes(str("net.peer.ip", "10.0.0.7")).build();
        Span internal = span(Otlp.TRACE_5B, "0000000000000003", "", "i").setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .addAttributes(str("network.peer.address", "::FFFF:10.0.0.8")).build();

        List<Flow> f = decoder.decodeProto(traces(resourceSpans(r, server, client, internal)).toByteArray());

        FlowSide pod = FlowSide.builder().autoInstance("cart-1").autoInstanceType(10)
                .autoInstanceId(io.tracefill.serdes.json.DerivedIds.resource(10, "cart-1"))
                .autoService("cart").autoServiceType(101)
                .autoServiceId(io.tracefill.serdes.json.DerivedIds.resource(101, "cart")).build();
        assertThat(f.get(0).server()).isEqualTo(pod.toBuilder().ip("10.0.0.5").build());
        assertThat(f.get(0).client()).isEqualTo(FlowSide.builder().ip("10.0.0.9").build());
        assertThat(f.get(1).client()).isEqualTo(pod.toBuilder().ip("10.0.0.5").build());
        assertThat(f.get(1).server()).isEqualTo(FlowSide.builder().ip("10.0.0.7").build());
        assertThat(f.get(2).server()).isEqualTo(pod.toBuilder().ip("10.0.0.5").build());
        assertThat(f.get(2).client()).as("app: both sides, the peer's address on _0")
                .isEqualTo(pod.toBuilder().ip("10.0.0.8").build());
    }

    @Test
    void nonStringAttributesAreKeptAsPlainText() throws Exception {
        Span s = span(Otlp.TRACE_5B, "0000000000000001", "", "op")
                .addAttributes(Samples.bool("b", true))
                .addAttributes(integer("i", -42))
                .addAttributes(Samples.dbl("d", 200.0))
                .addAttributes(Samples.dbl("f", 0.25))
                .addAttributes(Samples.array("a", "x", "y\"z"))
                .addAttributes(Samples.kvlist("m", "k", 7))
                .addAttributes(Samples.bytes("bytes", new byte[]{1, 2, 3}))
                .addAttributes(str("s", ""))
                .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("novalue").build())
                .build();

        Flow f = decoder.decodeProto(traces(resourceSpans(Resource.getDefaultInstance(), s)).toByteArray()).get(0);

        assertThat(f.attributes()).containsExactly(
                Map.entry("b", "true"), Map.entry("i", "-42"), Map.entry("d", "200"), Map.entry("f", "0.25"),
                Map.entry("a", "[\"x\",\"y\\\"z\"]"), Map.entry("m", "{\"k\":7}"), Map.entry("bytes", "AQID"),
                Map.entry("s", ""));
    }

    @Test
    void metricAttributesStayOutAndTheSpansValueWinsOverTheResources() throws Exception {
        Resource r = resource(str("env", "resource"), str("http.request_content_length", "5"));
        Span s = span(Otlp.TRACE_5B, "0000000000000001", "", "op")
                .addAttributes(integer("http.request_content_length", 12))
                .addAttributes(integer("messaging.message_payload_size_bytes", 3))
                .addAttributes(str("env", "span"))
                .build();

        Flow f = decoder.decodeProto(traces(resourceSpans(r, s)).toByteArray()).get(0);

        assertThat(f.attributes()).containsExactly(Map.entry("env", "span"),
                Map.entry("http.request_content_length", "5"));
        assertThat(f.l7ProtocolStr()).as("an http key on the resource marks HTTP too").isEqualTo("HTTP");
    }
}
