package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.ResourceType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static io.tracefill.serdes.otlp.Otlp.resource;
import static io.tracefill.serdes.otlp.Otlp.resourceSpans;
import static io.tracefill.serdes.otlp.Otlp.span;
import static io.tracefill.serdes.otlp.Otlp.str;
import static io.tracefill.serdes.otlp.Otlp.traces;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine groups an s-app with the s-p of the same instance (spec §7.3–7.4: derived
 * auto_instance, {@code auto_instance_id_1} for both). DeepFlow's exporter rows name the pod; the
 * OTel rows must carry the same id for the same pod, or the app span never hangs under its s-p.
 */
class InstanceAlignmentTest {
    private final OtlpSpanDecoder otlp = new OtlpSpanDecoder();
    private final FlowRowDecoder rows = new FlowRowDecoder();

    /** formats §5.A: the eBPF s-p row of the orders pod, as DeepFlow's Kafka exporter writes it. */
    private Flow exporterServerProcessRow() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/rows/exporter-5a-names.json")) {
            assertThat(in).isNotNull();
            return rows.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anOtelServerSpanOfPodPHasTheServerInstanceIdOfTheEbpfRowOfPodP() throws Exception {
        Flow sp = exporterServerProcessRow();
        Resource orders = resource(str("service.name", "orders"), str("k8s.pod.name", "orders-7c9d8b6f5-p9m2z"),
                str("k8s.deployment.name", "orders"), str("df.capture_info.agent", "node-b-V3"));
        Span server = span(Otlp.TRACE_5B, "3e4f5a6b7c8d9e0f", "a1b2c3d4e5f60718", "POST /api/v1/orders").build();

        Flow app = otlp.decodeProto(traces(resourceSpans(orders, server)).toByteArray()).get(0);

        assertThat(sp.tapSide()).isEqualTo("s-p");
        assertThat(app.tapSide()).isEqualTo("s-app");
        FlowSide ebpf = sp.server();
        FlowSide otel = app.server();
        assertThat(otel.autoInstanceId()).isEqualTo(ebpf.autoInstanceId()).isNotZero();
        assertThat(otel.autoInstance()).isEqualTo(ebpf.autoInstance()).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(otel.autoInstanceType()).isEqualTo(ebpf.autoInstanceType()).isEqualTo(ResourceType.POD);
        assertThat(otel.autoServiceId()).isEqualTo(ebpf.autoServiceId()).isNotZero();
        assertThat(otel.autoService()).isEqualTo(ebpf.autoService()).isEqualTo("orders");
        assertThat(app.vtapId()).as("the same agent, when the resource names it").isEqualTo(sp.vtapId());
    }

    @Test
    void anOtelClientSpanOfPodPHasTheClientInstanceIdOfTheEbpfRowWhosClientIsPodP() throws Exception {
        Flow sp = exporterServerProcessRow();
        Resource frontend = resource(str("k8s.pod.name", "frontend-6d5f9c7b8-x2k4q"), str("k8s.deployment.name", "frontend"));
        Span client = span(Otlp.TRACE_5B, "a1b2c3d4e5f60718", "", "POST").setKind(Span.SpanKind.SPAN_KIND_CLIENT).build();

        Flow app = otlp.decodeProto(traces(resourceSpans(frontend, client)).toByteArray()).get(0);

        assertThat(app.tapSide()).isEqualTo("c-app");
        assertThat(app.client().autoInstanceId()).isEqualTo(sp.client().autoInstanceId()).isNotZero();
        assertThat(app.client().autoServiceId()).isEqualTo(sp.client().autoServiceId());
        assertThat(app.server().autoInstanceId()).as("the peer's instance is not known from the span").isZero();
    }

    @Test
    void withoutAPodNameTheNodeOrHostNamesTheInstance() throws Exception {
        Span internal = span(Otlp.TRACE_5B, "0000000000000001", "", "job").setKind(Span.SpanKind.SPAN_KIND_INTERNAL).build();

        Flow node = otlp.decodeProto(traces(resourceSpans(resource(str("k8s.node.name", "node-b"),
                str("host.name", "ignored")), internal)).toByteArray()).get(0);
        Flow host = otlp.decodeProto(traces(resourceSpans(resource(str("host.name", "vm-1")), internal)).toByteArray()).get(0);
        Flow none = otlp.decodeProto(traces(resourceSpans(Resource.getDefaultInstance(), internal)).toByteArray()).get(0);

        assertThat(node.server().autoInstanceType()).isEqualTo(ResourceType.POD_NODE);
        assertThat(node.server().autoInstanceId()).isEqualTo(io.tracefill.serdes.json.DerivedIds.resource(ResourceType.POD_NODE, "node-b"));
        assertThat(node.client()).as("app: both sides").isEqualTo(node.server());
        assertThat(host.server().autoInstanceType()).isEqualTo(ResourceType.HOST);
        assertThat(host.server().autoInstance()).isEqualTo("vm-1");
        assertThat(none.server()).isEqualTo(FlowSide.EMPTY);
        assertThat(none.vtapId()).isZero();
    }
}
