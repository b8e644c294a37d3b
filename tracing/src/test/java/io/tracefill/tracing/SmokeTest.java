package io.tracefill.tracing;

import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void appSpansAndSysSpansAcrossTwoServicesFormOneTree() {
        var sapp = otel("sapp", "s-app").trace("t1").span("A1").times(1000, 9000).appService("svcA").pod(11).build();
        var capp = otel("capp", "c-app").trace("t1").span("A2").parent("A1").times(2000, 8000).appService("svcA").pod(11).build();
        var cp = ebpf("cp", "c-p").trace("t1").span("A2").times(2100, 7900).seq(100, 200).pod(11).pid(5).sys(1, 2).flowId(1).build();
        var sp = ebpf("sp", "s-p").trace("t1").span("A2").times(2300, 7700).seq(100, 200).vtap(2).pod(22).pid(6).sys(3, 4).flowId(2).build();
        var sappB = otel("sappB", "s-app").trace("t1").span("B1").parent("A2").times(2400, 7600).appService("svcB").pod(22).build();

        TraceView v = Scenario.trace("sapp", sapp, capp, cp, sp, sappB);

        assertThat(v.parentOf("capp")).isEqualTo("sapp");
        assertThat(v.reason("capp")).isEqualTo("app_span mounted due to parent_span_id");
        assertThat(v.parentOf("cp")).isEqualTo("capp");
        assertThat(v.reason("cp")).isEqualTo("c-p sys_span mounted due to same span_id as child");
        assertThat(v.parentOf("sp")).isEqualTo("cp");
        assertThat(v.reason("sp")).isEqualTo("trace mounted due to tcp_seq");
        assertThat(v.parentOf("sappB")).isEqualTo("sp");
        assertThat(v.reason("sappB")).isEqualTo("s-p sys_span mounted due to same span_id as parent");
        assertThat(v.selftime("sapp")).isEqualTo(2000);
        assertThat(v.selftime("capp")).isEqualTo(200);
        assertThat(v.selftime("cp")).isEqualTo(400);
        assertThat(v.selftime("sp")).isEqualTo(200);
        assertThat(v.selftime("sappB")).isEqualTo(5200);
        assertThat(v.result().services()).extracting("serviceUid", "duration", "durationRatio")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("-svcB", 5400L, "67.50"),
                        org.assertj.core.groups.Tuple.tuple("-svcA", 2600L, "32.50"));
        assertThat(v.result().hostClockCorrection()).isEmpty();
    }
}
