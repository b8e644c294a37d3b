package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.ResourceType;
import io.tracefill.serdes.model.SpanServiceTags;
import org.junit.jupiter.api.Test;

import static io.tracefill.serdes.otlp.TestSpan.app;
import static io.tracefill.serdes.otlp.TestSpan.ebpf;
import static io.tracefill.serdes.otlp.TestSpan.packet;
import static io.tracefill.serdes.otlp.TestSpan.result;
import static org.assertj.core.api.Assertions.assertThat;

/** What Jaeger lists as services: one resource per application, process and capture point. */
class ResourcesTest {
    private final OtlpTraceEncoder encoder = new OtlpTraceEncoder();

    @Test
    void appSpansAreTheirApplicationsService() {
        TracesData d = encoder.encode(result(app(0, "s-app").spanId("1111111111111111")
                .flow(f -> f.appService("orders").appInstance("orders-1"))
                .server(s -> s.autoInstance("orders-7c9d8b6f5-p9m2z").autoInstanceType(ResourceType.POD)).build()));

        OtlpView.Placed p = OtlpView.byIndex(d, 0);
        assertThat(p.serviceName()).isEqualTo("orders");
        assertThat(p.resourceStr("service.instance.id")).isEqualTo("orders-1");
        assertThat(p.resourceStr("k8s.pod.name")).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(p.resourceStr("telemetry.sdk.name")).isEqualTo("tracefill");
        assertThat(p.resourceStr(OtlpAttributes.SIGNAL_SOURCE)).isEqualTo("OTel");
        assertThat(d.getResourceSpans(0).getScopeSpans(0).getScope().getName()).isEqualTo("tracefill");
    }

    @Test
    void ebpfSpansAreTheProcessNamedAfterItsServiceAndExecutable() {
        TracesData d = encoder.encode(result(
                ebpf(0, "s-p").processId(2381).flow(f -> f.resourceFromVtap("node-b"))
                        .server(s -> s.autoService("orders").autoInstance("orders-7c9d8b6f5-p9m2z")
                                .autoInstanceType(ResourceType.POD).processKname("java").processId(2381)).build(),
                ebpf(1, "c-p").client(c -> c.autoInstance("worker-vm").autoInstanceType(ResourceType.CHOST)
                        .processKname("python3")).build(),
                ebpf(2, "c-p").client(c -> c.processKname("")).build(),
                ebpf(3, "c-p").client(c -> c.ip("")).tags(new SpanServiceTags(null, null, "billing", 7L, 101,
                        "node", null)).build()));

        OtlpView.Placed orders = OtlpView.byIndex(d, 0);
        assertThat(orders.serviceName()).isEqualTo("orders (java)");
        assertThat(orders.resourceStr("service.instance.id")).isEqualTo("orders-7c9d8b6f5-p9m2z:2381");
        assertThat(orders.resource().getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("process.pid");
            assertThat(kv.getValue().getIntValue()).isEqualTo(2381);
        });
        assertThat(orders.resourceStr("process.executable.name")).isEqualTo("java");
        assertThat(orders.resourceStr("k8s.pod.name")).isEqualTo("orders-7c9d8b6f5-p9m2z");
        assertThat(orders.resourceStr("host.name")).isEqualTo("node-b");
        assertThat(OtlpView.byIndex(d, 1).serviceName()).isEqualTo("worker-vm (python3)");
        assertThat(OtlpView.byIndex(d, 1).resourceStr("host.name")).isEqualTo("worker-vm");
        assertThat(OtlpView.byIndex(d, 2).serviceName()).as("only the address is known").isEqualTo("10.0.0.1");
        assertThat(OtlpView.byIndex(d, 3).serviceName()).as("from the process span set").isEqualTo("billing (node)");
    }

    @Test
    void packetSpansAreTheirCapturePoint() {
        TracesData d = encoder.encode(result(
                packet(0, "c-nd").flow(f -> f.resourceFromVtap("node-a")).build(),
                packet(1, "s").flow(f -> f.vtapId(42)).build()));

        assertThat(OtlpView.byIndex(d, 0).serviceName()).isEqualTo("network: node-a c-nd");
        assertThat(OtlpView.byIndex(d, 0).resourceStr("host.name")).isEqualTo("node-a");
        assertThat(OtlpView.byIndex(d, 1).serviceName()).isEqualTo("network: agent 42 s");
        assertThat(OtlpView.byIndex(d, 1).resourceStr("service.instance.id")).isEqualTo("agent-42");
    }

    @Test
    void spansOfOneServiceShareOneResourceInOrderOfFirstAppearance() {
        TracesData d = encoder.encode(result(
                app(0, "s-app").spanId("1111111111111111").flow(f -> f.appService("front")).build(),
                app(1, "s-app").spanId("2222222222222222").flow(f -> f.appService("orders")).build(),
                app(2, "c-app").spanId("3333333333333333").flow(f -> f.appService("front")).build()));

        assertThat(d.getResourceSpansCount()).isEqualTo(2);
        assertThat(OtlpView.spans(d)).extracting(OtlpView.Placed::serviceName)
                .containsExactly("front", "front", "orders");
        assertThat(d.getResourceSpans(0).getScopeSpans(0).getSpansList())
                .extracting(s -> OtlpView.find(s.getAttributesList(), OtlpAttributes.INDEX).getIntValue())
                .containsExactly(0L, 2L);
    }
}
