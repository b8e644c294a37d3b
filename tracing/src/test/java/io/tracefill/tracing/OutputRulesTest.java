package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tracefill.tracing.ExpectedTree.ebpfIdPattern;
import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output rules behind the scenarios (spec §10, §11): span ids (including the deterministic
 * eBPF id divergence), self time, and host clock correction.
 */
class OutputRulesTest {
    private static final String TCP = "trace mounted due to tcp_seq";

    private static String hexOf(String deepflowSpanId) {
        return deepflowSpanId.substring(0, deepflowSpanId.indexOf('.'));
    }

    @Test
    @DisplayName("§11.1 an eBPF span_id of 16 characters is used as is")
    void ebpfSpanIdOfSixteenCharactersIsKept() {
        Flow cp = ebpf("cp", "c-p").span("0123456789abcdef").times(1000, 2000).seq(1, 2).pod(11).pid(5).build();

        assertThat(Scenario.build(cp).deepflowSpanId("cp")).isEqualTo("0123456789abcdef.c-p.0");
    }

    @Test
    @DisplayName("§11.1 an eBPF span_id of 15 characters is replaced by the derived id")
    void ebpfSpanIdOfFifteenCharactersIsReplaced() {
        Flow cp = ebpf("cp", "c-p").span("0123456789abcde").times(1000, 2000).seq(1, 2).pod(11).pid(5).build();

        assertThat(Scenario.build(cp).deepflowSpanId("cp")).matches(ebpfIdPattern("c-p", 0));
    }

    @Test
    @DisplayName("divergence: the derived eBPF id depends on the row's _id only, not on the rest of the trace")
    void derivedEbpfIdDependsOnlyOnTheRowId() {
        Flow cp = ebpf("cp", "c-p").span("A2").times(1100, 8900).seq(1, 2).pod(11).pid(5).build();
        Flow capp = otel("capp", "c-app").trace("T").span("A2").parent("A1").times(1000, 9000).pod(11).build();
        Flow renamed = ebpf("cp2", "c-p").span("A2").times(1100, 8900).seq(1, 2).pod(11).pid(5).build();

        String alone = Scenario.build(cp).deepflowSpanId("cp");
        String withParent = Scenario.build(capp, cp).deepflowSpanId("cp");
        String otherRow = Scenario.build(renamed).deepflowSpanId("cp2");

        assertThat(alone).matches(ebpfIdPattern("c-p", 0));
        assertThat(withParent).matches(ebpfIdPattern("c-p", 1));
        assertThat(hexOf(withParent)).isEqualTo(hexOf(alone));
        assertThat(hexOf(otherRow)).isNotEqualTo(hexOf(alone));
    }

    @Test
    @DisplayName("§11.1 Packet ids use the first non-empty span_id of the set, in the order spans joined it")
    void packetIdsUseTheSetsFirstSpanId() {
        Flow c = pkt("c", "c").times(1010, 8990).seq(10, 20).build();
        Flow s = pkt("s", "s").span("S2").times(1110, 8890).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
        assertThat(v.deepflowSpanId("c")).isEqualTo("S2.c.0");
        assertThat(v.deepflowSpanId("s")).isEqualTo("S2.s.1");
        assertThat(v.deepflowParentSpanId("s")).isEqualTo("S2.c.0");
    }

    @Test
    @DisplayName("§11.5 a child longer than what is left zeroes the parent's selftime")
    void childLongerThanTheRemainderZeroesSelftime() {
        Flow p = otel("P", "s-app").span("P").times(1000, 5000).pod(11).build();
        Flow k1 = otel("k1", "app").span("K1").parent("P").times(1001, 4001).pod(11).build();
        Flow k2 = otel("k2", "app").span("K2").parent("P").times(1500, 3000).pod(11).build();

        TraceView v = Scenario.build(p, k1, k2);

        assertThat(v.selftime("P")).isEqualTo(0);
        assertThat(v.selftime("k1")).isEqualTo(3000);
        assertThat(v.selftime("k2")).isEqualTo(1500);
    }

    @Test
    @DisplayName("§10 corrections add up along a chain of agents: 1 → 2 → 3")
    void clockCorrectionsAccumulateAlongAgents() {
        Flow cp = ebpf("cp", "c-p").times(1_000_000, 1_010_000).seq(10, 20).pod(11).pid(5).build();
        Flow sp = ebpf("sp", "s-p").times(1_030_000, 1_038_000).seq(10, 20).sys(601, 602).vtap(2).pod(22).pid(6)
                .build();
        Flow cp2 = ebpf("cp2", "c-p").times(1_031_000, 1_035_000).seq(30, 40).sys(601, 700).vtap(2).pod(22).pid(6)
                .build();
        Flow sp2 = ebpf("sp2", "s-p").times(1_051_000, 1_054_000).seq(30, 40).vtap(3).pod(33).pid(7).build();

        TraceView v = Scenario.build(cp, sp, cp2, sp2);

        forest().link("sp", "cp", TCP)
                .link("cp2", "sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .link("sp2", "cp2", TCP)
                .root("cp")
                .assertOn(v);
        assertThat(v.result().hostClockCorrection())
                .containsExactly(Map.entry(2L, -28_000L), Map.entry(3L, -47_000L));
        assertThat(v.renderStart("sp2")).isEqualTo(1_004_000);
        assertThat(v.renderEnd("sp2")).isEqualTo(1_007_000);
        assertThat(v.renderStart("cp2")).isEqualTo(1_003_000);
    }

    @Test
    @DisplayName("§10 a child covered by its parent on another agent needs no correction")
    void coveredChildOnAnotherAgentNeedsNoCorrection() {
        Flow cp = ebpf("cp", "c-p").times(1000, 9000).seq(10, 20).build();
        Flow sp = ebpf("sp", "s-p").times(1100, 8900).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(cp, sp);

        assertThat(v.result().hostClockCorrection()).isEmpty();
        assertThat(v.renderStart("sp")).isEqualTo(1100);
    }

    @Test
    @DisplayName("§10 with an app span on one side, differences count in whole milliseconds, truncated toward zero")
    void appSpanClockDifferenceIsTruncatedToWholeMilliseconds() {
        Flow sp = ebpf("sp", "s-p").trace("T").span("P").times(1_000_000, 1_100_000).vtap(2).pod(22)
                .instanceName("pod-22").pid(6).build();
        Flow sapp = otel("sapp", "s-app").trace("T").span("B").parent("P").times(1_030_500, 1_140_700).pod(33)
                .instanceName("pod-33").build();

        TraceView v = Scenario.build(sp, sapp);

        forest().link("sapp", "sp", "s-app mounted due to parent_span_id").root("sp").assertOn(v);
        assertThat(v.result().hostClockCorrection()).containsExactly(Map.entry(1L, -30_000L));
        assertThat(v.renderStart("sapp")).isEqualTo(1_000_500);
        assertThat(v.renderEnd("sapp")).isEqualTo(1_110_700);
        assertThat(v.renderStart("sp")).isEqualTo(1_000_000);
    }

    @Test
    @DisplayName("§10 an app span under an s-p of its own instance on another agent records no correction")
    void appSpanOfTheSameInstanceOnAnotherAgentRecordsNoCorrection() {
        Flow sp = ebpf("sp", "s-p").trace("T").span("P").times(1_000_000, 1_100_000).vtap(2).pod(22).pid(6).build();
        Flow sapp = otel("sapp", "s-app").trace("T").span("B").parent("P").times(1_030_500, 1_140_700).pod(22)
                .build();

        TraceView v = Scenario.build(sp, sapp);

        forest().link("sapp", "sp", "s-p sys_span mounted due to same span_id as parent").root("sp").assertOn(v);
        assertThat(v.result().hostClockCorrection()).isEmpty();
    }

    @Test
    @DisplayName("§10 T51: a reversed gRPC frame corrects the client agent by the 10 µs it is late")
    void reversedGrpcFrameCorrectsTheClientAgent() {
        Flow c = pkt("c", "c").grpc().at(1000).seq(0, 55).build();
        Flow s = pkt("s", "s").grpc().at(990).seq(0, 55).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        assertThat(v.result().hostClockCorrection()).containsExactly(Map.entry(1L, -10L));
        assertThat(v.renderStart("c")).isEqualTo(990);
        assertThat(v.selftime("s")).isEqualTo(0);
    }

    @Test
    @DisplayName("§11.1 the 16-character test counts characters (code points), as Python's len() does")
    void ebpfSpanIdLengthCountsCodePoints() {
        // 15 characters, 16 UTF-16 units: too short, so the derived id is used
        String fifteenCharacters = new String(Character.toChars(0x1F600)) + "0123456789abcd";
        Flow cp = ebpf("cp", "c-p").span(fifteenCharacters).times(1000, 2000).seq(1, 2).pod(11).pid(5).build();

        assertThat(fifteenCharacters.codePointCount(0, fifteenCharacters.length())).isEqualTo(15);
        assertThat(Scenario.build(cp).deepflowSpanId("cp")).matches(ebpfIdPattern("c-p", 0));
    }

    @Test
    @DisplayName("§10 a link against an already recorded agent direction is reversed and narrows the same window")
    void oppositeAgentLinkIsReversedIntoTheRecordedDirection() {
        // agent 1 calls agent 2 (cp → sp), whose process calls back into agent 1 (cp2 → sp2)
        Flow cp = ebpf("cp", "c-p").times(1_000_000, 1_100_000).seq(10, 20).pod(11).pid(5).build();
        Flow sp2 = ebpf("sp2", "s-p").times(1_000_500, 1_055_000).seq(30, 40).pod(33).pid(7).build();
        Flow sp = ebpf("sp", "s-p").times(1_030_000, 1_090_000).seq(10, 20).sys(601, 602).vtap(2).pod(22).pid(6)
                .build();
        Flow cp2 = ebpf("cp2", "c-p").times(1_040_000, 1_060_000).seq(30, 40).sys(601, 700).vtap(2).pod(22).pid(6)
                .build();

        TraceView v = Scenario.build(cp, sp2, sp, cp2);

        forest().link("sp", "cp", TCP)
                .link("cp2", "sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .link("sp2", "cp2", TCP)
                .root("cp")
                .assertOn(v);
        // sp2 ← cp2 is chained first (its set is seeded first): agent 2 → 1, window [5000, 39500];
        // sp ← cp (1 → 2) is then reversed into 2 → 1 with window [-10000, 30000]: [5000, 30000]
        assertThat(v.result().hostClockCorrection()).containsExactly(Map.entry(1L, 5_000L));
        assertThat(v.renderStart("sp2")).isEqualTo(1_005_500);
        assertThat(v.renderStart("cp")).isEqualTo(1_005_000);
        assertThat(v.renderStart("sp")).isEqualTo(1_030_000);
    }
}
