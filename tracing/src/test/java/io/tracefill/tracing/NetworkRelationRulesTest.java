package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;

/**
 * The tcp_seq rules behind the network-path scenarios (spec §4.5.1, §4.5.2, §8): tolerance
 * boundaries per agent, what the strict test of a NetworkSpanSet demands by row type, and the
 * conflict test. Spans here last ~99 ms so that trees overlap and nothing is pruned.
 */
class NetworkRelationRulesTest {
    private static final String TCP = "trace mounted due to tcp_seq";

    private static Flows c() {
        return pkt("c", "c").times(1000, 100_000).seq(10, 20);
    }

    /** The server NIC span, {@code shift} µs after the client's (start and end). */
    private static Flows s(long shift) {
        return pkt("s", "s").times(1000 + shift, 100_000 + shift).seq(10, 20);
    }

    @Test
    @DisplayName("§4.5.1 same agent: start and end exactly network_delay_us apart are related")
    void sameAgentExactlyNetworkDelayApartIsRelated() {
        TraceView v = Scenario.build(c().build(), s(50_000).build());

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 same agent: network_delay_us + 1 apart is not related")
    void sameAgentOneMicrosecondBeyondNetworkDelayIsNotRelated() {
        TraceView v = Scenario.build(c().build(), s(50_001).build());

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 across agents: exactly network_delay_us + host_clock_offset_us apart is related")
    void acrossAgentsExactlyTheToleranceApartIsRelated() {
        TraceView v = Scenario.build(c().build(), s(60_000).vtap(2).build());

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 across agents: one µs beyond network_delay_us + host_clock_offset_us is not related")
    void acrossAgentsOneMicrosecondBeyondTheToleranceIsNotRelated() {
        TraceView v = Scenario.build(c().build(), s(60_001).vtap(2).build());

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 across agents, tolerance on the end: start close, end beyond tolerance is not grouped")
    void twoSessionsNeedBothEndsWithinTolerance() {
        Flow s = pkt("s", "s").times(1010, 160_001).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c().build(), s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 two sessions need both seqs equal")
    void twoSessionsWithDifferentResponseSeqsAreNotGrouped() {
        Flow s = s(100).seq(10, 21).vtap(2).build();

        TraceView v = Scenario.build(c().build(), s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 one-way sessions: both seqs equal including the zero response seq")
    void oneWaySessionsWithZeroResponseSeqAreGrouped() {
        Flow c = c().seq(10, 0).build();
        Flow s = s(100).seq(10, 0).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 a request and a session only need equal request seqs and starts")
    void requestAndSessionNeedOnlyTheRequestSeq() {
        Flow c = pkt("c", "c").request().at(1000).seq(10, 0).build();
        Flow s = s(100).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.1 UDP rows never enter the tcp index")
    void udpRowsWithEqualSeqsAreNotRelated() {
        Flow c = c().protocol(17).build();
        Flow s = s(100).protocol(17).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.2 trace ids on both sides with no common id conflict")
    void disjointTraceIdsConflict() {
        Flow c = c().trace("T1").build();
        Flow s = s(100).trace("T2").vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.2 a trace id on one side only: the fields decide, equal fields do not conflict")
    void traceIdOnOneSideOnlyFallsBackToTheFields() {
        Flow c = c().trace("T1").build();
        Flow s = s(100).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.2 shared trace id and equal span ids: no conflict even if other fields differ")
    void sharedTraceAndSpanIdsDecideWithoutComparingFields() {
        Flow c = c().trace("T").span("S1").resource("/a").build();
        Flow s = s(100).trace("T").span("S1").resource("/truncated").vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.2 request_resource over 1024 chars differing within the first 1024 conflicts (T38 boundary)")
    void longResourcesDifferingWithinTheFirst1024CharsConflict() {
        String head = "/" + "x".repeat(1022);
        Flow c = c().resource(head + "a" + "y".repeat(7)).build();
        Flow s = s(100).resource(head + "b" + "y".repeat(7)).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.2 an absent field on one side is skipped, a present different one conflicts")
    void absentFieldIsSkippedButDifferentXRequestIdConflicts() {
        TraceView skipped = Scenario.build(c().x0("X").build(), s(100).vtap(2).build());
        TraceView conflicting = Scenario.build(c().x0("X").build(), s(100).x0("Y").vtap(2).build());

        forest().link("s", "c", TCP).root("c").assertOn(skipped);
        forest().root("c", "s").assertOn(conflicting);
    }

    @Test
    @DisplayName("§8.3 two sys spans of the same kind are never linked; c-p → s-p directly is")
    void twoServerProcessesWithOneSeqAreNotLinkedToEachOther() {
        Flow cp = ebpf("cp", "c-p").times(1000, 100_000).seq(10, 20).pod(11).pid(5).build();
        Flow sp1 = ebpf("sp1", "s-p").times(1100, 99_000).seq(10, 20).vtap(2).pod(22).pid(6).build();
        Flow sp2 = ebpf("sp2", "s-p").times(1200, 98_000).seq(10, 20).vtap(2).pod(23).pid(7).build();

        TraceView v = Scenario.build(cp, sp1, sp2);

        // c-p first, s-p spans last, longest first: cp, sp1, sp2 → only sp1 hangs under cp
        forest().link("sp1", "cp", TCP).root("cp", "sp2").assertOn(v);
    }

    @Test
    @DisplayName("§8.2 inside a set, network spans of the client agent come first, longest first")
    void clientAgentSpansComeFirstLongestFirst() {
        Flow c = pkt("c", "c").times(1000, 100_000).seq(10, 20).build();
        Flow cnd = pkt("cnd", "c-nd").times(900, 100_100).seq(10, 20).build();
        Flow s = pkt("s", "s").times(1100, 99_000).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, cnd, s);

        // c-nd is longer than c on the same (ingress) agent: it goes first despite its later rank
        forest().link("c", "cnd", TCP).link("s", "c", TCP).root("cnd").assertOn(v);
    }

    @Test
    @DisplayName("§4.5.2 different span ids do not conflict when only one side has a trace id (T36 boundary)")
    void differentSpanIdsDoNotConflictWithoutTraceIdsOnBothSides() {
        Flow c = c().trace("T").span("X1").build();
        Flow s = s(100).span("X2").vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
        org.assertj.core.api.Assertions.assertThat(v.deepflowSpanId("s")).isEqualTo("X1.s.1");
    }

    @Test
    @DisplayName("§8.3 neighbours on different agents too far apart are not chained, though both relate to the seed")
    void chainBreaksBetweenDistantNeighboursOnDifferentAgents() {
        // the session seeds the set; the two requests relate to it (start within 60 ms) but not to each other
        Flow x = pkt("X", "s").request().at(0).seq(10, 0).trace("T").vtap(2).build();
        Flow seed = pkt("S", "c").at(60_000).seq(10, 20).trace("T").build();
        Flow y = pkt("Y", "s").request().at(120_000).seq(10, 0).trace("T").vtap(3).build();

        TraceView v = Scenario.buildFrom("S", x, seed, y);

        forest().link("X", "S", TCP).root("S", "Y").assertOn(v);
    }
}
