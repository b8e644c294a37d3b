package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.RecordingFlowIndex.AssociationCall;
import io.tracefill.tracing.RecordingFlowIndex.TraceIdCall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static io.tracefill.tracing.SearchStageTest.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of §4 behind the search scenarios: the trace-id gate, round bounds, query windows,
 * the row limit, and the strict relation test that gates candidates.
 */
class SearchRulesTest {
    private static final TracingConfig DEFAULTS = TracingConfig.defaults();

    private static TraceView trace(TracingConfig config, RecordingFlowIndex index, String entry) {
        return Scenario.trace(config, index, Scenario.request(entry, WINDOW));
    }

    // ---- trace-id gate -------------------------------------------------------------------

    /** An entry without trace id, two tcp partners of different traces, and a later unrelated row of each trace. */
    private static Flow[] twoTracesAroundUntracedEntry() {
        return new Flow[]{
                pkt("e", "c").times(1_000_000, 1_009_000).seq(1, 2).build(),
                pkt("pA", "s").trace("TA").times(1_000_100, 1_008_900).seq(1, 2).vtap(2).build(),
                pkt("pB", "s").trace("TB").times(1_000_200, 1_008_800).seq(1, 2).vtap(3).build(),
                pkt("qA", "c").trace("TA").times(1_100_000, 1_101_000).seq(50, 51).build(),
                pkt("qB", "c").trace("TB").times(1_100_000, 1_101_000).seq(60, 61).build()};
    }

    @Test
    @DisplayName("D3: with no trace id on the entry, the first trace id met (row order) becomes the only allowed one")
    void givenEntryWithoutTraceId_whenPartnersOfTwoTraces_thenFirstTraceIdWins() {
        RecordingFlowIndex index = RecordingFlowIndex.over(twoTracesAroundUntracedEntry());

        TraceView v = trace(DEFAULTS, index, "e");

        assertThat(v.ids()).containsExactlyInAnyOrder("e", "pA", "qA");
        assertThat(index.traceIdCalls()).extracting(TraceIdCall::traceIds).containsExactly(List.of("TA"));
    }

    @Test
    @DisplayName("max_iteration bounds trace-id expansion: the allowed id found in round 1 is only queried in round 2")
    void givenEntryWithoutTraceId_whenOneIteration_thenTraceOfPartnerNotQueried() {
        RecordingFlowIndex index = RecordingFlowIndex.over(twoTracesAroundUntracedEntry());

        TraceView v = Scenario.trace(DEFAULTS, index, Scenario.request("e", WINDOW, 1));

        assertThat(v.ids()).containsExactlyInAnyOrder("e", "pA");
        assertThat(index.traceIdCalls()).isEmpty();
    }

    @Test
    @DisplayName("a multi-id candidate allows its first new id before its second id drops it; the first id is queried next")
    void givenUntracedEntryAndMultiTraceIdPartner_whenTraced_thenFirstIdAllowedAndRowFoundByTraceQuery() {
        var e = pkt("e", "c").times(1_000_000, 1_009_000).seq(1, 2).build();
        var m = pkt("m", "s").trace("TA, TB").times(1_000_100, 1_008_900).seq(1, 2).vtap(2).build();
        var x = pkt("x", "c").trace("TA").times(1_100_000, 1_101_000).seq(50, 51).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(e, m, x);

        TraceView v = trace(DEFAULTS, index, "e");

        assertThat(index.associationCalls().get(0).resultIds()).contains("m");
        assertThat(index.traceIdCalls()).extracting(TraceIdCall::traceIds)
                .containsExactly(List.of("TA"), List.of("TB"));
        // m is dropped by the association gate, then kept by the trace-id query as a multi-id row
        assertThat(v.ids()).containsExactlyInAnyOrder("e", "m", "x");
    }

    /** An entry of trace T0, a tcp partner carrying two other trace ids, and a row of one of them. */
    private static Flow[] multiTracePartner() {
        return new Flow[]{
                pkt("e", "c").trace("T0").times(1_000_000, 1_009_000).seq(1, 2).build(),
                pkt("m", "s").trace("TA, TB").times(1_000_100, 1_008_900).seq(1, 2).vtap(2).build(),
                pkt("x", "c").trace("TB").times(1_002_000, 1_003_000).seq(70, 71).vtap(3).build()};
    }

    @Test
    @DisplayName("trace-id gate: a partner of another trace is dropped and its trace ids are never queried")
    void givenPartnerOfOtherTraces_whenTraced_thenDropped() {
        RecordingFlowIndex index = RecordingFlowIndex.over(multiTracePartner());

        TraceView v = trace(DEFAULTS, index, "e");

        assertThat(v.ids()).containsExactly("e");
        assertThat(index.traceIdCalls()).extracting(TraceIdCall::traceIds).containsExactly(List.of("T0"));
    }

    @Test
    @DisplayName("allow_multiple_trace_ids_in_tracing_result: every trace id of a candidate is allowed and queried")
    void givenPartnerOfOtherTraces_whenMultipleTraceIdsAllowed_thenItsTraceIdsQueried() {
        RecordingFlowIndex index = RecordingFlowIndex.over(multiTracePartner());

        TraceView v = trace(DEFAULTS.withAllowMultipleTraceIds(true), index, "e");

        assertThat(index.traceIdCalls()).extracting(TraceIdCall::traceIds)
                .containsExactly(List.of("T0"), List.of("TA", "TB"));
        assertThat(v.ids()).containsExactlyInAnyOrder("e", "m", "x");
    }

    @Test
    @DisplayName("trace-id query: a row with two trace ids is kept and its other id is queried in the next round")
    void givenRowJoiningTwoTraceIds_whenTraced_thenSecondTraceQueriedAndFound() {
        var e = pkt("e", "c").trace("T1").times(1_000_000, 1_009_000).build();
        var r = pkt("r", "c").trace("T1, T2").times(1_001_000, 1_008_000).vtap(2).build();
        var s = pkt("s", "c").trace("T2").times(1_002_000, 1_007_000).vtap(3).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(e, r, s);

        TraceView v = trace(DEFAULTS, index, "e");

        assertThat(v.ids()).containsExactlyInAnyOrder("e", "r", "s");
        assertThat(index.traceIdCalls()).extracting(TraceIdCall::traceIds)
                .containsExactly(List.of("T1"), List.of("T2"));
        assertThat(index.associationCalls()).isEmpty();
    }

    @Test
    @DisplayName("max_iteration bounds rounds that only query new trace ids")
    void givenRowJoiningTwoTraceIds_whenOneIteration_thenSecondTraceNotQueried() {
        var e = pkt("e", "c").trace("T1").times(1_000_000, 1_009_000).build();
        var r = pkt("r", "c").trace("T1, T2").times(1_001_000, 1_008_000).vtap(2).build();
        var s = pkt("s", "c").trace("T2").times(1_002_000, 1_007_000).vtap(3).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(e, r, s);

        TraceView v = Scenario.trace(DEFAULTS, index, Scenario.request("e", WINDOW, 1));

        assertThat(v.ids()).containsExactlyInAnyOrder("e", "r");
    }

    // ---- max_iteration ------------------------------------------------------------------------

    @Test
    @DisplayName("max_iteration = 0 is treated as 1")
    void givenFourHops_whenZeroIterations_thenSameAsOne() {
        var h = new SearchStageTest.Hops();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.all());

        TraceView v = Scenario.trace(DEFAULTS, index, Scenario.request("cp", WINDOW, 0));

        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "sp");
        assertThat(index.associationCalls()).hasSize(1);
    }

    @Test
    @DisplayName("max_iteration = 3 reaches the third hop")
    void givenFourHops_whenThreeIterations_thenAllFound() {
        var h = new SearchStageTest.Hops();

        TraceView v = Scenario.trace(DEFAULTS, RecordingFlowIndex.over(h.all()), Scenario.request("cp", WINDOW, 3));

        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "sp", "cp_down", "sp_down");
    }

    // ---- tracing_source ---------------------------------------------------------------------

    @Test
    @DisplayName("tracing_source without tcp_seq: tcp seqs are not queried, so the server is not found")
    void givenTcpSeqNotATracingSource_whenTraced_thenOnlySyscallIdsQueried() {
        var h = new SearchStageTest.Hops();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.all());
        var config = DEFAULTS.withTracingSources(
                EnumSet.of(TracingSource.TRACE_ID, TracingSource.SYSCALL, TracingSource.X_REQUEST_ID));

        TraceView v = trace(config, index, "cp");

        assertThat(v.ids()).containsExactly("cp");
        assertThat(index.associationCalls()).extracting(AssociationCall::query).containsExactly(
                new AssociationQuery(Set.of(), Set.of(), Set.of(501L, 502L), Set.of(), Set.of()));
    }

    // ---- strict relation gate -----------------------------------------------------------------

    @Test
    @DisplayName("strict tcp relation: two sessions need both seqs equal, even close in time")
    void givenSessionSharingOnlyRequestSeq_whenTraced_thenRejected() {
        var h = new SearchStageTest.Hops();
        var other = ebpf("other", "s-p").times(1_001_000, 1_008_000).seq(10, 99).vtap(2).pod(22).pid(6).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.cp, other);

        TraceView v = trace(DEFAULTS, index, "cp");

        assertThat(index.associationCalls().get(0).resultIds()).contains("other");
        assertThat(v.ids()).containsExactly("cp");
    }

    @Test
    @DisplayName("strict tcp relation: a request relates to a session by the request seq alone")
    void givenRequestSharingRequestSeq_whenTraced_thenKept() {
        var h = new SearchStageTest.Hops();
        var req = ebpf("req", "s-p").request().at(1_001_000).seq(10, 0).vtap(2).pod(22).pid(6).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.cp, req);

        TraceView v = trace(DEFAULTS, index, "cp");

        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "req");
    }

    @Test
    @DisplayName("strict tcp relation: on other agents the tolerance is network_delay_us + host_clock_offset_us, inclusive")
    void givenPartnerStartingAtToleranceBoundary_whenTraced_thenKeptAndOneMicrosecondLaterRejected() {
        var c = pkt("c", "c").request().at(1_000_000).seq(1, 0).build();
        var atBoundary = pkt("s", "s").request().at(1_060_000).seq(1, 0).vtap(2).build();
        var pastBoundary = pkt("s", "s").request().at(1_060_001).seq(1, 0).vtap(2).build();

        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(c, atBoundary), "c").ids())
                .containsExactlyInAnyOrder("c", "s");
        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(c, pastBoundary), "c").ids()).containsExactly("c");
    }

    @Test
    @DisplayName("x-request-id in the search: the cross-side equality (a gateway injecting X) relates; T14 is found whole")
    void givenGatewayInjectingXRequestId_whenTraced_thenBothHopsFound() {
        var c1 = pkt("c1", "c").times(1_000_000, 1_009_000).seq(1, 2).x1("X").build();
        var s1 = pkt("s1", "s").times(1_000_100, 1_008_900).seq(1, 2).vtap(2).x1("X").build();
        var c2 = pkt("c2", "c").times(1_000_500, 1_008_500).seq(7, 8).vtap(2).x0("X").build();
        var s2 = pkt("s2", "s").times(1_000_600, 1_008_400).seq(7, 8).vtap(3).x0("X").build();
        RecordingFlowIndex index = RecordingFlowIndex.over(c1, s1, c2, s2);

        TraceView v = trace(DEFAULTS, index, "c1");

        assertThat(v.ids()).containsExactlyInAnyOrder("c1", "s1", "c2", "s2");
        assertThat(index.associationCalls().get(0).query().xRequestIds()).containsExactly("X");
    }

    /**
     * An s-p with syscall ids 601/602 on agent 2 (the entry); candidates share 602 and have other tcp
     * seqs (two TCP sessions with zero seqs close in time would relate by tcp_seq: both seqs equal).
     */
    private static Flow spEntry() {
        return ebpf("sp", "s-p").times(1_001_000, 1_008_000).vtap(2).seq(10, 20).sys(601, 602).pod(22).pid(6).build();
    }

    @Test
    @DisplayName("syscall relation in the search: a c-p of the same agent sharing a syscall id is kept")
    void givenClientProcessSharingSyscallId_whenTraced_thenKept() {
        var cp = ebpf("cp", "c-p").times(1_002_000, 1_003_000).vtap(2).seq(30, 40).sys(602, 700).pod(22).pid(6).build();

        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(spEntry(), cp), "sp").ids())
                .containsExactlyInAnyOrder("sp", "cp");
    }

    @Test
    @DisplayName("syscall relation in the search: two s-p sharing a syscall id are not related")
    void givenServerProcessSharingSyscallId_whenTraced_thenRejected() {
        var sp2 = ebpf("sp2", "s-p").times(1_002_000, 1_003_000).vtap(2).seq(30, 40).sys(602, 700).pod(22).pid(6).build();

        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(spEntry(), sp2), "sp").ids()).containsExactly("sp");
    }

    @Test
    @DisplayName("strict tcp relation: two TCP sessions without tcp seqs, close in time, relate (0 == 0 on both sides)")
    void givenServerProcessesWithoutSeqsReturnedBySyscallQuery_whenTraced_thenRelatedByZeroSeqs() {
        var sp = ebpf("sp", "s-p").times(1_001_000, 1_008_000).vtap(2).sys(601, 602).pod(22).pid(6).build();
        var sp2 = ebpf("sp2", "s-p").times(1_002_000, 1_003_000).vtap(2).sys(602, 700).pod(22).pid(6).build();

        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(sp, sp2), "sp").ids()).containsExactlyInAnyOrder("sp", "sp2");
    }

    @Test
    @DisplayName("syscall relation in the search: a c-p on another agent sharing a syscall id is not related")
    void givenClientProcessOnOtherAgentSharingSyscallId_whenTraced_thenRejected() {
        var cp = ebpf("cp", "c-p").times(1_002_000, 1_003_000).vtap(3).seq(30, 40).sys(602, 700).pod(22).pid(6).build();

        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(spEntry(), cp), "sp").ids()).containsExactly("sp");
    }

    @Test
    @DisplayName("syscall relation in the search: a candidate with equal request and response ids (terminal) is not related")
    void givenTerminalClientProcessSharingSyscallId_whenTraced_thenRejected() {
        var cp = ebpf("cp", "c-p").times(1_002_000, 1_003_000).vtap(2).seq(30, 40).sys(602, 602).pod(22).pid(6).build();

        assertThat(trace(DEFAULTS, RecordingFlowIndex.over(spEntry(), cp), "sp").ids()).containsExactly("sp");
    }

    // ---- windows ---------------------------------------------------------------------------

    /** Entry at second 15 of a [10, 20] window; a row of its trace at second 24 and that row's tcp partner. */
    private static Flow[] traceRowOutsideWindow() {
        return new Flow[]{
                pkt("e", "c").trace("T").times(15_000_000, 15_001_000).seq(1, 2).build(),
                pkt("r", "c").trace("T").times(24_000_000, 24_001_000).seq(5, 6).vtap(2).build(),
                pkt("p", "s").times(24_000_100, 24_000_900).seq(5, 6).vtap(3).build()};
    }

    @Test
    @DisplayName("iteration_expand_time_range = 0: trace-id queries stay inside [time_start, time_end]")
    void givenTraceRowOutsideWindow_whenNoExpansion_thenNotFound() {
        RecordingFlowIndex index = RecordingFlowIndex.over(traceRowOutsideWindow());
        var window = new TimeWindow(10, 20);

        TraceView v = Scenario.trace(DEFAULTS, index, Scenario.request("e", window));

        assertThat(v.ids()).containsExactly("e");
        assertThat(index.traceIdCalls()).extracting(TraceIdCall::window).containsExactly(window);
    }

    @Test
    @DisplayName("iteration_expand_time_range = E: trace-id queries widen by E; association queries grow to cover the trace rows found")
    void givenTraceRowOutsideWindow_whenExpanded_thenRowAndItsPartnerFound() {
        RecordingFlowIndex index = RecordingFlowIndex.over(traceRowOutsideWindow());

        TraceView v = Scenario.trace(DEFAULTS.withIterationExpandTimeRangeS(5), index,
                Scenario.request("e", new TimeWindow(10, 20)));

        assertThat(index.traceIdCalls()).extracting(TraceIdCall::window).containsOnly(new TimeWindow(5, 25));
        assertThat(index.associationCalls()).extracting(AssociationCall::window).first()
                .isEqualTo(new TimeWindow(10, 24));
        assertThat(v.ids()).containsExactlyInAnyOrder("e", "r", "p");
    }

    @Test
    @DisplayName("the entry is read by _id alone, whatever the window; association queries still keep to the window")
    void givenEntryOutsideWindow_whenTraced_thenEntryFoundButItsPartnerNot() {
        var e = pkt("e", "c").times(25_000_000, 25_001_000).seq(1, 2).build();
        var partner = pkt("p", "s").times(25_000_100, 25_000_900).seq(1, 2).vtap(2).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(e, partner);

        TraceView v = Scenario.trace(DEFAULTS, index, Scenario.request("e", new TimeWindow(10, 20)));

        assertThat(v.ids()).containsExactly("e");
        assertThat(index.associationCalls()).extracting(AssociationCall::window).containsOnly(new TimeWindow(10, 20));
    }

    @Test
    @DisplayName("iteration_expand_time_range does not widen association queries by itself")
    void givenPartnerJustAfterWindow_whenExpandedWithoutTraceRows_thenPartnerNotFound() {
        var e = pkt("e", "c").trace("T").times(20_999_000, 20_999_990).seq(1, 2).build();
        var q = pkt("q", "s").times(20_999_100, 21_000_010).seq(1, 2).vtap(2).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(e, q);

        TraceView v = Scenario.trace(DEFAULTS.withIterationExpandTimeRangeS(5), index,
                Scenario.request("e", new TimeWindow(10, 20)));

        assertThat(v.ids()).containsExactly("e");
        assertThat(index.associationCalls()).extracting(AssociationCall::window).containsOnly(new TimeWindow(10, 20));
    }

    @Test
    @DisplayName("iteration_expand_time_range: a trace row at second 21 widens the association window to reach a partner there")
    void givenPartnerJustAfterWindow_whenTraceRowWidensWindow_thenPartnerFound() {
        var e = pkt("e", "c").trace("T").times(20_999_000, 20_999_990).seq(1, 2).build();
        var q = pkt("q", "s").times(20_999_100, 21_000_010).seq(1, 2).vtap(2).build();
        var r = pkt("r", "c").trace("T").times(21_500_000, 21_600_000).seq(7, 8).vtap(3).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(e, q, r);

        TraceView v = Scenario.trace(DEFAULTS.withIterationExpandTimeRangeS(5), index,
                Scenario.request("e", new TimeWindow(10, 20)));

        assertThat(index.associationCalls()).extracting(AssociationCall::window).first()
                .isEqualTo(new TimeWindow(10, 21));
        assertThat(v.ids()).containsExactlyInAnyOrder("e", "q", "r");
    }

    // ---- l7_tracing_limit -------------------------------------------------------------------

    private static Flow[] entryWithThreePartners() {
        return new Flow[]{
                pkt("e", "c").times(1_000_000, 1_009_000).seq(1, 2).build(),
                pkt("s1", "s").times(1_000_100, 1_008_900).seq(1, 2).vtap(2).build(),
                pkt("s2", "s").times(1_000_200, 1_008_800).seq(1, 2).vtap(3).build(),
                pkt("s3", "s").times(1_000_300, 1_008_700).seq(1, 2).vtap(4).build()};
    }

    @Test
    @DisplayName("l7_tracing_limit: every query returns at most that many rows (earliest first) and the cut is noted")
    void givenMorePartnersThanLimit_whenTraced_thenCutAndNoted() {
        RecordingFlowIndex index = RecordingFlowIndex.over(entryWithThreePartners());

        TraceView v = trace(DEFAULTS.withL7TracingLimit(2), index, "e");

        assertThat(index.associationCalls()).allSatisfy(c -> assertThat(c.resultIds()).hasSizeLessThanOrEqualTo(2));
        assertThat(index.associationCalls().get(0).resultIds()).containsExactly("e", "s1");
        assertThat(v.ids()).containsExactlyInAnyOrder("e", "s1");
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("l7_tracing_limit"));
    }

    @Test
    @DisplayName("l7_tracing_limit: under the limit nothing is cut and nothing is noted")
    void givenFewerPartnersThanLimit_whenTraced_thenAllFound() {
        RecordingFlowIndex index = RecordingFlowIndex.over(entryWithThreePartners());

        TraceView v = trace(DEFAULTS, index, "e");

        assertThat(v.ids()).containsExactlyInAnyOrder("e", "s1", "s2", "s3");
        assertThat(v.notes()).noneSatisfy(n -> assertThat(n).contains("l7_tracing_limit"));
    }
}
