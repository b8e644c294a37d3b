package io.tracefill.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The four-service trace of DivergencesTest traced from its entry: every link of spec T53. */
class EndToEndSanityTest {
    @Test
    void searchFindsAllFourServicesAndLinksThemAsT53() {
        var rows = DivergencesTest.fourServiceTrace();
        TraceView v = Scenario.trace("sapp", rows.toArray(new io.tracefill.serdes.model.Flow[0]));

        assertThat(v.ids()).hasSize(rows.size());
        assertThat(v.parentOf("capp")).isEqualTo("sapp");
        assertThat(v.parentOf("A.cp")).isEqualTo("capp");
        assertThat(v.parentOf("A.c")).isEqualTo("A.cp");
        assertThat(v.parentOf("N.s")).isEqualTo("A.c");
        assertThat(v.parentOf("N.sp")).isEqualTo("N.s");
        assertThat(v.parentOf("N.cp")).isEqualTo("N.sp");
        assertThat(v.reason("N.cp")).isEqualTo("c-p sys-span mounted due to x_request_id matched to s-p root");
        assertThat(v.parentOf("N.c")).isEqualTo("N.cp");
        assertThat(v.parentOf("B.s")).isEqualTo("N.c");
        assertThat(v.parentOf("B.sp")).isEqualTo("B.s");
        assertThat(v.parentOf("B.cp.sql")).isEqualTo("B.sp");
        assertThat(v.reason("B.cp.sql")).isEqualTo("c-p sys-span mounted due to syscall_trace_id matched to s-p root");
        assertThat(v.parentOf("M.sp")).isEqualTo("B.cp.sql");
        assertThat(v.parentOf("B.sapp")).isEqualTo("B.sp");
        assertThat(v.reason("B.sapp")).isEqualTo("s-p sys_span mounted due to same span_id as parent");
        assertThat(v.parentOf("sapp")).isNull();
    }
}
