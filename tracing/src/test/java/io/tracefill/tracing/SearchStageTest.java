package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.RecordingFlowIndex.AssociationCall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §15 "Search stage" (§4): an in-memory querier, window {@code [0, 10^6]} s, a row's time
 * is its end time in whole seconds.
 */
class SearchStageTest {
    static final TimeWindow WINDOW = new TimeWindow(0, 1_000_000);

    /** T45's four hops: client → server (tcp), server → its MySQL call (syscall), MySQL call → MySQL server (tcp). */
    static final class Hops {
        Flow cp = ebpf("cp", "c-p").times(1_000_000, 1_009_000).seq(10, 20).sys(501, 502).pod(11).pid(5).build();
        Flow sp = ebpf("sp", "s-p").times(1_001_000, 1_008_000).vtap(2).seq(10, 20).sys(601, 602).pod(22).pid(6).build();
        Flow cpDown = ebpf("cp_down", "c-p").mysql().times(1_002_000, 1_003_000).vtap(2).seq(30, 40).sys(601, 700)
                .pod(22).pid(6).build();
        Flow spDown = ebpf("sp_down", "s-p").mysql().times(1_002_100, 1_002_900).vtap(3).seq(30, 40).pod(33).pid(7)
                .build();

        Flow[] all() {
            return new Flow[]{cp, sp, cpDown, spDown};
        }
    }

    static AssociationQuery tcpAndSyscall(Set<Long> req, Set<Long> resp, Set<Long> syscall) {
        return new AssociationQuery(req, resp, syscall, Set.of(), Set.of());
    }

    @Test
    @DisplayName("T45: the search follows tcp seq and syscall ids hop by hop and finds all four spans")
    void givenFourHops_whenTracedFromClient_thenAllFoundWithOneQueryPerHop() {
        Hops h = new Hops();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.all());

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("cp", WINDOW));

        forest().root("cp")
                .link("sp", "cp", "trace mounted due to tcp_seq")
                .link("cp_down", "sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .link("sp_down", "cp_down", "trace mounted due to tcp_seq")
                .assertOn(v);
        assertThat(index.traceIdCalls()).isEmpty();
        assertThat(index.associationCalls()).extracting(AssociationCall::query).containsExactly(
                tcpAndSyscall(Set.of(10L), Set.of(20L), Set.of(501L, 502L)),
                tcpAndSyscall(Set.of(), Set.of(), Set.of(601L, 602L)),
                tcpAndSyscall(Set.of(30L), Set.of(40L), Set.of(700L)));
        assertThat(index.associationCalls()).extracting(AssociationCall::window).containsOnly(WINDOW);
    }

    @Test
    @DisplayName("T45: max_iteration = 1 finds only the first hop")
    void givenFourHops_whenOneIteration_thenClientAndServerOnly() {
        Hops h = new Hops();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.all());

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("cp", WINDOW, 1));

        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "sp");
        assertThat(index.associationCalls()).extracting(AssociationCall::query).containsExactly(
                tcpAndSyscall(Set.of(10L), Set.of(20L), Set.of(501L, 502L)));
    }

    @Test
    @DisplayName("T45: max_iteration = 2 adds the server's outgoing MySQL call")
    void givenFourHops_whenTwoIterations_thenThreeSpans() {
        Hops h = new Hops();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.all());

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("cp", WINDOW, 2));

        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "sp", "cp_down");
        assertThat(index.associationCalls()).extracting(AssociationCall::query).containsExactly(
                tcpAndSyscall(Set.of(10L), Set.of(20L), Set.of(501L, 502L)),
                tcpAndSyscall(Set.of(), Set.of(), Set.of(601L, 602L)));
    }

    @Test
    @DisplayName("T45 variant: an HTTP call and a MySQL server with the same seqs conflict on l7_protocol; the server is not found")
    void givenDownstreamProtocolsDiffer_whenTraced_thenDownstreamServerRejected() {
        Hops h = new Hops();
        h.cpDown = h.cpDown.toBuilder().l7Protocol(20).l7ProtocolStr("HTTP").build();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.all());

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("cp", WINDOW));

        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "sp", "cp_down");
        assertThat(index.associationCalls()).hasSize(3);
        assertThat(index.associationCalls().get(2).resultIds()).contains("sp_down");
    }

    @Test
    @DisplayName("T45 variant: a session sharing only the request seq is returned by the query but rejected")
    void givenSessionWithOnlyRequestSeqEqual_whenTraced_thenQueriedButRejected() {
        Hops h = new Hops();
        Flow other = ebpf("other", "s-p").times(1_500_000, 1_500_000).seq(10, 99).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(h.cp, h.sp, h.cpDown, h.spDown, other);

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("cp", WINDOW));

        assertThat(index.associationCalls().get(0).resultIds()).contains("other");
        assertThat(v.ids()).containsExactlyInAnyOrder("cp", "sp", "cp_down", "sp_down");
    }

    /** T46: two flows with the client's seqs, one of another trace id, one without; an app span of the trace far later. */
    static Flow[] t46() {
        return new Flow[]{
                ebpf("cp", "c-p").trace("T1").times(1_000_000, 1_009_000).seq(10, 20).pod(11).pid(5).build(),
                pkt("c", "c").trace("T2").times(1_000_100, 1_008_900).seq(10, 20).build(),
                pkt("s", "s").times(1_000_200, 1_008_800).seq(10, 20).vtap(2).build(),
                otel("t1other", "s-app").trace("T1").times(3_000_000, 3_001_000).build()};
    }

    @Test
    @DisplayName("T46: a flow of another trace id is rejected by the trace-id gate; the app span of the trace is kept by pruning")
    void givenFlowOfOtherTraceId_whenTraced_thenRejected() {
        RecordingFlowIndex index = RecordingFlowIndex.over(t46());

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("cp", WINDOW));

        forest().root("cp", "t1other")
                .link("s", "cp", "trace mounted due to tcp_seq")
                .assertOn(v);
        assertThat(index.traceIdCalls()).hasSize(1);
        assertThat(index.traceIdCalls().get(0).traceIds()).containsExactly("T1");
        assertThat(index.associationCalls().get(0).resultIds()).contains("c", "s");
    }

    @Test
    @DisplayName("T46 (allow_multiple_trace_ids_in_tracing_result): the flow of the other trace id is found too")
    void givenFlowOfOtherTraceId_whenMultipleTraceIdsAllowed_thenFoundToo() {
        RecordingFlowIndex index = RecordingFlowIndex.over(t46());

        TraceView v = Scenario.trace(TracingConfig.defaults().withAllowMultipleTraceIds(true), index,
                Scenario.request("cp", WINDOW));

        // c and cp conflict (disjoint trace ids), so c and s form their own set; all trees are kept
        forest().root("cp", "c", "t1other")
                .link("s", "c", "trace mounted due to tcp_seq")
                .assertOn(v);
        assertThat(index.traceIdCalls()).extracting(RecordingFlowIndex.TraceIdCall::traceIds)
                .containsExactly(List.of("T1"), List.of("T2"));
    }

    @Test
    @DisplayName("T43: a candidate related only to another new candidate is kept; an unrelated one is rejected")
    void givenCandidatesRelatedOnlyToEachOther_whenTraced_thenBothKept() {
        var c1 = pkt("c1", "c").x0("X").times(1_000_000, 1_009_000).seq(1, 2).build();
        var c2 = pkt("c2", "c").x0("X").times(1_001_000, 1_008_000).seq(7, 8).vtap(2).build();
        var s2 = pkt("s2", "s").x0("X").times(1_001_100, 1_007_900).seq(7, 8).vtap(3).build();
        var c3 = pkt("c3", "c").x0("X").times(1_002_000, 1_007_000).seq(17, 18).build();
        RecordingFlowIndex index = RecordingFlowIndex.over(c1, c2, s2, c3);

        TraceView v = Scenario.trace(TracingConfig.defaults(), index, Scenario.request("c1", WINDOW));

        forest().root("c1", "c2")
                .link("s2", "c2", "trace mounted due to tcp_seq")
                .assertOn(v);
        assertThat(index.associationCalls().get(0).resultIds()).contains("c2", "s2", "c3");
    }

    static Flow t44Client() {
        return ebpf("cp", "c-p").times(1_000_000, 1_009_000).seq(10, 20).sys(501, 502).pod(11).pid(5).build();
    }

    static Flow t44Server() {
        return ebpf("sp", "s-p").times(1_001_000, 1_008_000).vtap(2).seq(10, 20).sys(601, 602).pod(22).pid(6)
                .requestId(5L).build();
    }

    @Test
    @DisplayName("T44: from the client (request_id null), the server (request_id 5) is found and linked")
    void givenNullRequestIdOnClient_whenTracedFromClient_thenServerFound() {
        TraceView v = Scenario.trace(TracingConfig.defaults(), RecordingFlowIndex.over(t44Client(), t44Server()),
                Scenario.request("cp", WINDOW));

        forest().root("cp").link("sp", "cp", "trace mounted due to tcp_seq").assertOn(v);
    }

    @Test
    @DisplayName("T44 (D10 divergence): from the server, the client is found too: a null request_id is absent in the search as well")
    void givenNullRequestIdOnClient_whenTracedFromServer_thenClientFoundToo() {
        TraceView v = Scenario.trace(TracingConfig.defaults(), RecordingFlowIndex.over(t44Client(), t44Server()),
                Scenario.request("sp", WINDOW));

        forest().root("cp").link("sp", "cp", "trace mounted due to tcp_seq").assertOn(v);
    }
}
