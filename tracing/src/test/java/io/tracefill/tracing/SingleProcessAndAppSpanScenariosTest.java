package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.ExpectedTree.ebpfIdPattern;
import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "Single-process and app-span basics" (sort stage: {@link Scenario#build}). */
class SingleProcessAndAppSpanScenariosTest {

    @Test
    @DisplayName("T0: a client app span and its c-p")
    void cpHangsUnderClientAppSpanWithTheSameSpanId() {
        Flow capp = otel("capp", "c-app").trace("T").span("A2").parent("A1").times(1000, 9000)
                .appService("svcA").pod(11).build();
        Flow cp = ebpf("cp", "c-p").span("A2").times(1100, 8900).seq(1, 2).pod(11).pid(5).build();

        TraceView v = Scenario.build(capp, cp);

        forest().link("cp", "capp", "c-p sys_span mounted due to same span_id as child")
                .root("capp")
                .assertOn(v);
        assertThat(v.deepflowSpanId("capp")).isEqualTo("A2");
        assertThat(v.deepflowParentSpanId("capp")).isEmpty();
        assertThat(v.deepflowSpanId("cp")).matches(ebpfIdPattern("c-p", 1));
        assertThat(v.deepflowParentSpanId("cp")).isEqualTo("A2");
        assertThat(v.selftime("capp")).isEqualTo(200);
        assertThat(v.selftime("cp")).isEqualTo(7800);
        assertThat(v.ids()).containsExactly("capp", "cp");
    }

    @Test
    @DisplayName("T0: eBPF span ids are derived from the row, the same on every run (divergence from the random id)")
    void ebpfSpanIdIsDeterministicAcrossRuns() {
        Flow capp = otel("capp", "c-app").trace("T").span("A2").parent("A1").times(1000, 9000).pod(11).build();
        Flow cp = ebpf("cp", "c-p").span("A2").times(1100, 8900).seq(1, 2).pod(11).pid(5).build();

        String first = Scenario.build(capp, cp).deepflowSpanId("cp");
        String second = Scenario.build(capp, cp).deepflowSpanId("cp");

        assertThat(first).matches(ebpfIdPattern("c-p", 1)).isEqualTo(second);
    }

    private static Flow[] t1Rows() {
        return new Flow[] {
                otel("sapp", "s-app").trace("t1").span("A1").times(1000, 9000).appService("svcA").pod(11).build(),
                otel("capp", "c-app").span("A2").parent("A1").times(2000, 8000).appService("svcA").pod(11).build(),
                ebpf("cp", "c-p").trace("t1").span("A2").times(2100, 7900).seq(100, 200).pod(11).pid(5).sys(1, 2)
                        .flowId(1).build(),
                ebpf("sp", "s-p").trace("t1").span("A2").times(2300, 7700).seq(100, 200).vtap(2).pod(22).pid(6)
                        .sys(3, 4).flowId(2).build(),
                otel("sappB", "s-app").span("B1").parent("A2").times(2400, 7600).appService("svcB").pod(22).build()};
    }

    @Test
    @DisplayName("T1: app + sys across two services: links and mount reasons")
    void appAndSysSpansAcrossTwoServicesFormOneChain() {
        TraceView v = Scenario.build(t1Rows());

        forest().link("capp", "sapp", "app_span mounted due to parent_span_id")
                .link("cp", "capp", "c-p sys_span mounted due to same span_id as child")
                .link("sp", "cp", "trace mounted due to tcp_seq")
                .link("sappB", "sp", "s-p sys_span mounted due to same span_id as parent")
                .root("sapp")
                .assertOn(v);
        assertThat(v.ids()).containsExactly("sapp", "capp", "cp", "sp", "sappB");
    }

    @Test
    @DisplayName("T1: selftime, services and host clock correction")
    void appAndSysSpansAcrossTwoServicesSelftimeAndServices() {
        TraceView v = Scenario.build(t1Rows());

        assertThat(v.selftime("sapp")).isEqualTo(2000);
        assertThat(v.selftime("capp")).isEqualTo(200);
        assertThat(v.selftime("cp")).isEqualTo(400);
        assertThat(v.selftime("sp")).isEqualTo(200);
        assertThat(v.selftime("sappB")).isEqualTo(5200);
        assertThat(v.result().services()).extracting("serviceUid", "duration", "durationRatio")
                .containsExactly(Tuple.tuple("-svcB", 5400L, "67.50"), Tuple.tuple("-svcA", 2600L, "32.50"));
        assertThat(v.result().hostClockCorrection()).isEmpty();
        for (String id : v.ids()) {
            assertThat(v.renderStart(id)).as("render start of %s", id).isEqualTo(v.span(id).flow().startTimeUs());
            assertThat(v.renderEnd(id)).as("render end of %s", id).isEqualTo(v.span(id).flow().endTimeUs());
        }
    }

    @Test
    @DisplayName("T1: deepflow span ids and parent span ids")
    void appAndSysSpansAcrossTwoServicesDeepflowIds() {
        TraceView v = Scenario.build(t1Rows());

        assertThat(v.deepflowSpanId("sapp")).isEqualTo("A1");
        assertThat(v.deepflowParentSpanId("sapp")).isEmpty();
        assertThat(v.deepflowSpanId("capp")).isEqualTo("A2");
        assertThat(v.deepflowParentSpanId("capp")).isEqualTo("A1");
        assertThat(v.deepflowSpanId("cp")).matches(ebpfIdPattern("c-p", 2));
        assertThat(v.deepflowParentSpanId("cp")).isEqualTo("A2");
        assertThat(v.deepflowSpanId("sp")).matches(ebpfIdPattern("s-p", 3));
        assertThat(v.deepflowParentSpanId("sp")).isEqualTo(v.deepflowSpanId("cp"));
        assertThat(v.deepflowSpanId("sappB")).isEqualTo("B1");
        assertThat(v.deepflowParentSpanId("sappB")).isEqualTo(v.deepflowSpanId("sp"));
        // two different rows get two different derived ids, and each is stable across runs
        assertThat(v.deepflowSpanId("cp").split("\\.")[0]).isNotEqualTo(v.deepflowSpanId("sp").split("\\.")[0]);
        TraceView again = Scenario.build(t1Rows());
        assertThat(again.deepflowSpanId("cp")).isEqualTo(v.deepflowSpanId("cp"));
        assertThat(again.deepflowSpanId("sp")).isEqualTo(v.deepflowSpanId("sp"));
    }

    @Test
    @DisplayName("T2: MySQL call without trace ids: s-p under c-p by tcp_seq")
    void mysqlServerProcessHangsUnderClientProcessByTcpSeq() {
        Flow cp = ebpf("cp", "c-p").mysql().times(1000, 5000).seq(10, 20).pod(11).pid(5).build();
        Flow sp = ebpf("sp", "s-p").mysql().times(1200, 4800).seq(10, 20).vtap(2).pod(22).pid(6).build();

        TraceView v = Scenario.build(cp, sp);

        forest().link("sp", "cp", "trace mounted due to tcp_seq").root("cp").assertOn(v);
        assertThat(v.result().hostClockCorrection()).isEmpty();
    }

    @Test
    @DisplayName("T47: one instance, two entry points: the s-p takes the app root whose parent_span_id is its span_id")
    void spTakesOnlyTheAppRootWhoseParentSpanIdIsItsSpanId() {
        Flow r1 = otel("r1", "s-app").span("B1").parent("P1").times(1000, 3000).pod(33).vtap(3).build();
        Flow r1c = otel("r1c", "c-app").span("B2").parent("B1").times(1500, 2500).pod(33).vtap(3).build();
        Flow r2 = otel("r2", "s-app").span("B3").parent("P2").times(4000, 6000).pod(33).vtap(3).build();
        Flow sp2 = ebpf("sp2", "s-p").trace("T").span("P2").times(3900, 6100).pod(33).vtap(3).pid(7).build();

        TraceView v = Scenario.build(r1, r1c, r2, sp2);

        forest().link("r2", "sp2", "s-p sys_span mounted due to same span_id as parent")
                .link("r1c", "r1", "app_span mounted due to parent_span_id")
                .root("r1", "sp2")
                .assertOn(v);
        // §11.2: the latest-starting root comes first
        assertThat(v.ids()).containsExactly("sp2", "r2", "r1", "r1c");
    }

    @Test
    @DisplayName("T34: upstream fan-out with one span_id: the covering s-p replaces the first one")
    void coveringSpReplacesEarlierSpWithTheSameSpanId() {
        Flow spFar = ebpf("sp_far", "s-p").trace("T").span("S1").times(1000, 2000).pod(33).vtap(3).pid(7).build();
        Flow spNear = ebpf("sp_near", "s-p").trace("T").span("S1").times(5000, 9000).pod(33).vtap(3).pid(7).build();
        Flow sapp = otel("sapp", "s-app").span("B1").parent("S1").times(5100, 8900).pod(33).vtap(3).build();

        TraceView v = Scenario.buildFrom("sapp", spFar, spNear, sapp);

        forest().link("sapp", "sp_near", "s-p sys_span mounted due to same span_id as parent")
                .root("sp_near", "sp_far")
                .assertOn(v);
        // the replaced s-p is fully detached: nothing is subtracted from it
        assertThat(v.span("sp_far").childs()).isEmpty();
        assertThat(v.selftime("sp_far")).isEqualTo(1000);
        assertThat(v.selftime("sp_near")).isEqualTo(200);
    }

    @Test
    @DisplayName("T42: s-p without span_id over the app root, by the leaf c-p's syscall ids")
    void spWithoutSpanIdHangsOverAppRootBySyscallOfLeafCp() {
        Flow sapp = otel("sapp", "s-app").span("S1").times(1100, 8900).pod(11).build();
        Flow capp = otel("capp", "c-app").span("S2").parent("S1").times(2000, 8000).pod(11).build();
        Flow sp = ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).pod(11).pid(5).build();
        Flow cp = ebpf("cp", "c-p").trace("T").span("S2").times(2100, 7900).seq(3, 4).sys(100, 300).pod(11).pid(5)
                .build();

        TraceView v = Scenario.build(sapp, capp, sp, cp);

        forest().link("sapp", "sp", "s-p sys_span mounted due to syscall_trace_id matched c-p")
                .link("capp", "sapp", "app_span mounted due to parent_span_id")
                .link("cp", "capp", "c-p sys_span mounted due to same span_id as child")
                .root("sp")
                .assertOn(v);
        assertThat(v.ids()).containsExactly("sp", "sapp", "capp", "cp");
    }

    @Test
    @DisplayName("T42 variant: s-p without span_id over the app root, by the leaf c-p's x_request_id")
    void spWithoutSpanIdHangsOverAppRootByXRequestIdOfLeafCp() {
        Flow sapp = otel("sapp", "s-app").span("S1").times(1100, 8900).pod(11).build();
        Flow capp = otel("capp", "c-app").span("S2").parent("S1").times(2000, 8000).pod(11).build();
        Flow sp = ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(700, 800).x0("XR").pod(11).pid(5).build();
        Flow cp = ebpf("cp", "c-p").trace("T").span("S2").times(2100, 7900).seq(3, 4).sys(100, 300).x0("XR")
                .pod(11).pid(5).build();

        TraceView v = Scenario.build(sapp, capp, sp, cp);

        forest().link("sapp", "sp", "s-p sys_span mounted due to x_request_id matched c-p")
                .link("capp", "sapp", "app_span mounted due to parent_span_id")
                .link("cp", "capp", "c-p sys_span mounted due to same span_id as child")
                .root("sp")
                .assertOn(v);
    }

    @Test
    @DisplayName("T50: app-to-app without DeepFlow spans: s-app under the c-app its parent_span_id names")
    void serverAppSpanHangsUnderClientAppSpanOfAnotherInstance() {
        // the span_id relation needs trace ids on both sides (§4.5.3): all rows carry trace T
        Flow sappA = otel("sappA", "s-app").trace("T").span("A1").times(1000, 9000).pod(11).build();
        Flow cappA = otel("cappA", "c-app").trace("T").span("A2").parent("A1").times(2000, 8000).pod(11).build();
        Flow sappB = otel("sappB", "s-app").trace("T").span("B1").parent("A2").times(3000, 7000).pod(22).build();

        TraceView v = Scenario.build(sappA, cappA, sappB);

        forest().link("cappA", "sappA", "app_span mounted due to parent_span_id")
                .link("sappB", "cappA", "s-app mounted due to parent_span_id")
                .root("sappA")
                .assertOn(v);
        assertThat(v.selftime("sappA")).isEqualTo(2000);
        assertThat(v.selftime("cappA")).isEqualTo(2000);
        assertThat(v.selftime("sappB")).isEqualTo(4000);
    }

    @Test
    @DisplayName("T50 variant (step 4): s-app under the covering app span its parent_span_id names")
    void processRootHangsUnderCoveringAppSpanNamedByItsParentSpanId() {
        // variant rows: appA takes cappA's place (selftime 8000 - 300 - 4000 = 3700 confirms it)
        Flow sappA = otel("sappA", "s-app").trace("T").span("A1").times(1000, 9000).pod(11).build();
        Flow appA = otel("appA", "app").trace("T").span("A3").parent("A1").times(1500, 1800).pod(11).build();
        Flow sappB = otel("sappB", "s-app").trace("T").span("B1").parent("A1").times(3000, 7000).pod(22).build();

        TraceView v = Scenario.build(sappA, appA, sappB);

        forest().link("appA", "sappA", "app_span mounted due to parent_span_id")
                .link("sappB", "sappA", "s-app mounted due to same span_id")
                .root("sappA")
                .assertOn(v);
        assertThat(v.selftime("sappA")).isEqualTo(3700);
    }

    @Test
    @DisplayName("T41: a zero-duration child stops the selftime subtraction (D12)")
    void zeroDurationChildStopsSelftimeSubtraction() {
        Flow p = otel("P", "s-app").span("P").times(1000, 11000).pod(11).build();
        Flow k0 = otel("k0", "app").span("K0").parent("P").times(1500, 1500).pod(11).build();
        Flow k1 = otel("k1", "app").span("K1").parent("P").times(2000, 4000).pod(11).build();

        TraceView v = Scenario.build(p, k0, k1);

        forest().link("k0", "P", "app_span mounted due to parent_span_id")
                .link("k1", "P", "app_span mounted due to parent_span_id")
                .root("P")
                .assertOn(v);
        assertThat(v.selftime("P")).isEqualTo(10000);
        assertThat(v.selftime("k1")).isEqualTo(2000);
        assertThat(v.selftime("k0")).isEqualTo(0);
    }

    @Test
    @DisplayName("T34 rule: an equally close second s-p (both cover the app root) does not replace the first")
    void equallyCloseSecondSpDoesNotReplaceTheFirst() {
        Flow spA = ebpf("spA", "s-p").trace("T").span("S1").times(1000, 9000).pod(33).vtap(3).pid(7).build();
        Flow spB = ebpf("spB", "s-p").trace("T").span("S1").times(1050, 9100).pod(33).vtap(3).pid(7).build();
        Flow sapp = otel("sapp", "s-app").span("B1").parent("S1").times(1100, 8900).pod(33).vtap(3).build();

        TraceView v = Scenario.buildFrom("sapp", spA, spB, sapp);

        forest().link("sapp", "spA", "s-p sys_span mounted due to same span_id as parent")
                .root("spA", "spB")
                .assertOn(v);
    }

    @Test
    @DisplayName("T34 rule: a shorter, later s-p with the same span_id that loses the app root hangs under the other "
            + "by §9 step 5a, whose reason is replaced by ' same span_id'")
    void losingSpWithTheSameSpanIdHangsUnderTheWinnerByStepFiveA() {
        Flow spA = ebpf("spA", "s-p").trace("T").span("S1").times(1000, 9000).pod(33).vtap(3).pid(7).build();
        Flow spB = ebpf("spB", "s-p").trace("T").span("S1").times(1050, 8950).pod(33).vtap(3).pid(7).build();
        Flow sapp = otel("sapp", "s-app").span("B1").parent("S1").times(1100, 8900).pod(33).vtap(3).build();

        TraceView v = Scenario.buildFrom("sapp", spA, spB, sapp);

        forest().link("sapp", "spA", "s-p sys_span mounted due to same span_id as parent")
                .link("spB", "spA", " same span_id")
                .root("spA")
                .assertOn(v);
    }
}
