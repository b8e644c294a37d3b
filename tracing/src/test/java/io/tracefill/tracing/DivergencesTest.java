package io.tracefill.tracing;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** The deliberate divergences listed in docs/divergences.md. */
class DivergencesTest {

    /** A → nginx → B → MySQL (spec T53), with times that give every row a distinct start. */
    static List<Flow> fourServiceTrace() {
        return List.of(
                otel("sapp", "s-app").trace("T").span("A1").times(1000, 20000).pod(11).vtap(1).appService("a").build(),
                otel("capp", "c-app").trace("T").span("A2").parent("A1").times(1100, 19900).pod(11).vtap(1).appService("a").build(),
                ebpf("A.cp", "c-p").trace("T").span("A2").times(1200, 19800).seq(1, 2).pod(11).pid(10).sys(11, 12).build(),
                pkt("A.c", "c").trace("T").span("A2").times(1300, 19700).seq(1, 2).build(),
                pkt("N.s", "s").trace("T").span("A2").times(1400, 19600).seq(1, 2).x1("X").vtap(2).build(),
                ebpf("N.sp", "s-p").trace("T").span("A2").times(1500, 19500).seq(1, 2).x1("X").vtap(2).pod(22).pid(20).sys(21, 22).build(),
                ebpf("N.cp", "c-p").trace("T").span("A2").times(1600, 19400).seq(5, 6).x0("X").vtap(2).pod(22).pid(20).sys(23, 24).build(),
                pkt("N.c", "c").times(1700, 19300).seq(5, 6).x0("X").vtap(2).build(),
                pkt("B.s", "s").times(1800, 19200).seq(5, 6).x0("X").vtap(3).build(),
                ebpf("B.sp", "s-p").trace("T").span("A2").times(1900, 19100).seq(5, 6).x0("X").vtap(3).pod(33).pid(30).sys(31, 39).build(),
                otel("B.sapp", "s-app").trace("T").span("B1").parent("A2").times(2000, 19000).vtap(3).pod(33).appService("b").build(),
                ebpf("B.cp.sql", "c-p").mysql().times(2100, 3000).seq(8, 9).vtap(3).pod(33).pid(30).sys(31, 32).build(),
                ebpf("M.sp", "s-p").mysql().times(2200, 2900).seq(8, 9).vtap(4).pod(44).pid(40).sys(41, 41).build());
    }

    @Test
    void ebpfSpanIdsAreDerivedFromTheFlowId() {
        var cp = ebpf("cp", "c-p").times(1000, 5000).seq(10, 20).pod(11).pid(5).mysql().build();
        var sp = ebpf("sp", "s-p").times(1200, 4800).seq(10, 20).vtap(2).pod(22).pid(6).mysql().build();

        TraceView first = Scenario.build(cp, sp);
        TraceView second = Scenario.build(cp, sp);

        String id = first.span("cp").deepflowSpanId();
        assertThat(id).matches("0x[0-9a-f]{1,16}\\.c-p\\.0");
        assertThat(second.span("cp").deepflowSpanId()).isEqualTo(id);
        assertThat(first.span("sp").deepflowSpanId()).matches("0x[0-9a-f]{1,16}\\.s-p\\.1")
                .isNotEqualTo(id.replace("c-p.0", "s-p.1"));
        assertThat(first.span("sp").deepflowParentSpanId()).isEqualTo(id);
    }

    @Test
    void ebpfSpanIdKeepsAUsableSpanId() {
        var cp = ebpf("cp", "c-p").trace("T").span("0123456789abcdef").times(1000, 5000).seq(10, 20).pod(11).pid(5).build();
        assertThat(Scenario.build(cp).span("cp").deepflowSpanId()).isEqualTo("0123456789abcdef.c-p.0");
    }

    @Test
    void externalAppSpanIdsAreStable() {
        var span = new AppSpan("T", "S1", "P0", 2, 1_000_000, 2_000_000);
        List<Flow> once = AppSpanRows.toRows(List.of(span, span));
        List<Flow> again = AppSpanRows.toRows(List.of(span, span));

        assertThat(once).extracting(Flow::id).isEqualTo(again.stream().map(Flow::id).toList());
        assertThat(once.get(0).id()).isNotEqualTo(once.get(1).id()); // exact duplicates still differ
        assertThat(Long.parseLong(once.get(0).id())).isBetween(0L, (1L << 48) - 1);
    }

    @Test
    void unrankedTapSidesSortLast() {
        var c = pkt("c", "c").times(1000, 9000).seq(10, 20).build();
        var odd = pkt("odd", "").times(1010, 8990).seq(10, 20).build();

        TraceView v = Scenario.build(c, odd);

        assertThat(v.parentOf("odd")).isEqualTo("c");
        assertThat(v.reason("odd")).isEqualTo("trace mounted due to tcp_seq");
    }

    @Test
    void inputOrderDoesNotChangeTheResult() {
        List<Flow> rows = new ArrayList<>(fourServiceTrace());
        // two rows tied on start time: their order must not leak into the result
        rows.add(pkt("tieA", "c").times(5000, 6000).seq(70, 71).vtap(5).build());
        rows.add(pkt("tieB", "c").times(5000, 6500).seq(72, 73).vtap(6).build());
        TracingResult expected = TraceBuilder.build(rows, List.of(), "sapp", TracingConfig.defaults(), List.of());
        TracingResult expectedTrace = new L7FlowTracing(new InMemoryFlowIndex(rows), TracingConfig.defaults())
                .trace(TraceRequest.forId("sapp"));
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            List<Flow> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, random);
            assertThat(TraceBuilder.build(shuffled, List.of(), "sapp", TracingConfig.defaults(), List.of()))
                    .isEqualTo(expected);
            assertThat(new L7FlowTracing(new InMemoryFlowIndex(shuffled), TracingConfig.defaults())
                    .trace(TraceRequest.forId("sapp"))).isEqualTo(expectedTrace);
        }
    }

    @Test
    void expandTimeRangeWithAllRowsDroppedDoesNotFail() {
        // the only row of trace T is the entry itself: its trace-id query keeps nothing
        var entry = otel("e", "s-app").trace("T").span("S").times(5_000_000, 6_000_000).build();
        TracingConfig config = TracingConfig.defaults().withIterationExpandTimeRangeS(5);

        TraceView v = Scenario.trace(config, "e", entry);

        assertThat(v.ids()).containsExactly("e");
    }

    @Test
    void servicesAreDeterministic() {
        // two services with equal self time: their order must be stable
        var a = otel("a", "s-app").trace("T").span("A").parent("P1").times(1000, 2000).appService("alpha").pod(1).build();
        var b = otel("b", "s-app").trace("T").span("B").parent("P2").times(1500, 2500).appService("beta").pod(2).build();
        TracingResult first = Scenario.build(a, b).result();
        for (int i = 0; i < 5; i++) {
            assertThat(Scenario.build(a, b).result().services()).isEqualTo(first.services());
        }
        assertThat(first.services()).extracting("serviceUid").containsExactly("-alpha", "-beta");
    }

    @Test
    void ofTwoProcessSetsWithOneGroupKeyTheFirstIsCounted() {
        // both roots have no parent span id: both sets are keyed "root" and count as one (D5)
        var a = otel("a", "s-app").trace("T").span("A").times(1000, 2000).appService("alpha").pod(1).build();
        var b = otel("b", "s-app").trace("T").span("B").times(1500, 2500).appService("beta").pod(2).build();

        TraceView v = Scenario.build(a, b);

        assertThat(v.kept("b")).isTrue();
        assertThat(v.result().services()).extracting("serviceUid").containsExactly("-alpha");
        assertThat(v.span("b").serviceUid()).isNull();
    }
}
