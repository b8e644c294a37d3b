package io.tracefill.tracing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of §9 step 5 behind the "between network sets" scenarios: x-request-id / span-id
 * links (deferred, smallest-duration parent) and gRPC stream links (immediate).
 */
class NetworkSetLinkRulesTest {
    private static final String XREQ_1_0 = "net_span mounted due to x_request_id 1->0";
    private static final String GRPC = "net_span mounted due to grpc request_id";

    @Test
    @DisplayName("x-request-id: of two qualifying parents the shorter one wins, even when it is visited second")
    void givenTwoXRequestIdParents_whenShorterVisitedSecond_thenShorterWins() {
        var longP = pkt("long", "c").times(1000, 9000).seq(1, 2).x1("X").build();
        var shortP = pkt("short", "c").times(1500, 8500).seq(3, 4).vtap(2).x1("X").build();
        var k = pkt("k", "c").times(2000, 8000).seq(5, 6).vtap(3).x0("X").build();

        TraceView v = Scenario.build(longP, shortP, k);

        forest().root("long", "short").link("k", "short", XREQ_1_0).assertOn(v);
    }

    @Test
    @DisplayName("x-request-id: of two qualifying parents the shorter one wins when it is visited first")
    void givenTwoXRequestIdParents_whenShorterVisitedFirst_thenShorterKept() {
        var shortP = pkt("short", "c").times(1000, 8500).seq(3, 4).vtap(2).x1("X").build();
        var longP = pkt("long", "c").times(1100, 9800).seq(1, 2).x1("X").build();
        var k = pkt("k", "c").times(2000, 8000).seq(5, 6).vtap(3).x0("X").build();

        TraceView v = Scenario.build(shortP, longP, k);

        forest().root("long", "short").link("k", "short", XREQ_1_0).assertOn(v);
    }

    @Test
    @DisplayName("x-request-id: between parents of equal duration the first visited keeps the child")
    void givenTwoXRequestIdParentsOfEqualDuration_whenSorted_thenFirstKeepsChild() {
        var p1 = pkt("p1", "c").times(1000, 8000).seq(1, 2).x1("X").build();
        var p2 = pkt("p2", "c").times(1500, 8500).seq(3, 4).vtap(2).x1("X").build();
        var k = pkt("k", "c").times(2000, 8000).seq(5, 6).vtap(3).x0("X").build();

        TraceView v = Scenario.build(p1, p2, k);

        forest().root("p1", "p2").link("k", "p1", XREQ_1_0).assertOn(v);
    }

    @Test
    @DisplayName("x-request-id: a parent shorter than the child is not a parent")
    void givenXRequestIdParentShorterThanChild_whenSorted_thenNoLink() {
        var p = pkt("p", "c").times(3000, 7000).seq(1, 2).x1("X").build();
        var k = pkt("k", "c").times(2000, 8000).seq(5, 6).vtap(2).x0("X").build();

        TraceView v = Scenario.build(p, k);

        forest().root("p", "k").assertOn(v);
    }

    @Test
    @DisplayName("x-request-id: a parent exactly as long as the child is a parent")
    void givenXRequestIdParentAsLongAsChild_whenSorted_thenLinked() {
        var p = pkt("p", "c").times(2000, 8000).seq(1, 2).x1("X").build();
        var k = pkt("k", "c").times(2100, 8100).seq(5, 6).vtap(2).x0("X").build();

        TraceView v = Scenario.build(p, k);

        forest().root("p").link("k", "p", XREQ_1_0).assertOn(v);
    }

    @Test
    @DisplayName("span id between network sets: the reason is replaced by ' same span_id', even when an x-request-id also matched")
    void givenNetworkSetsSharingSpanIdAndXRequestId_whenSorted_thenReasonIsSameSpanId() {
        var p = pkt("p", "c").trace("T").span("X1").times(1000, 9000).seq(1, 2).x1("X").build();
        var k = pkt("k", "c").trace("T").span("X1").times(2000, 8000).seq(3, 4).vtap(2).x0("X").build();

        TraceView v = Scenario.build(p, k);

        forest().root("p").link("k", "p", " same span_id").assertOn(v);
    }

    @Test
    @DisplayName("gRPC stream: the same request_id over HTTP/1 links nothing")
    void givenHttp1SetsSharingRequestId_whenSorted_thenNoLink() {
        var g1 = pkt("g1", "c").times(1000, 5000).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").times(1200, 1200).seq(9, 0).requestId(7L).vtap(2).build();

        forest().root("g1", "g2").assertOn(Scenario.build(g1, g2));
    }

    @Test
    @DisplayName("gRPC stream: a gRPC parent and an HTTP2 child are not linked (protocols must be equal)")
    void givenGrpcParentAndHttp2Child_whenSorted_thenNoLink() {
        var g1 = pkt("g1", "c").grpc().times(1000, 5000).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").http2().times(1200, 1200).seq(9, 0).requestId(7L).vtap(2).build();

        forest().root("g1", "g2").assertOn(Scenario.build(g1, g2));
    }

    @Test
    @DisplayName("gRPC stream: HTTP2 sets of one stream are linked like gRPC ones")
    void givenHttp2SetsOfOneStream_whenSorted_thenLinked() {
        var g1 = pkt("g1", "c").http2().times(1000, 5000).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").http2().times(1200, 1200).seq(9, 0).requestId(7L).vtap(2).build();

        forest().root("g1").link("g2", "g1", GRPC).assertOn(Scenario.build(g1, g2));
    }

    @Test
    @DisplayName("gRPC stream: a child longer than the parent is not linked; the longer one becomes the parent instead")
    void givenGrpcChildLongerThanParent_whenSorted_thenLinkedTheOtherWay() {
        var g1 = pkt("g1", "c").grpc().times(1000, 2000).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").grpc().times(1200, 4200).seq(9, 0).requestId(7L).vtap(2).build();

        forest().root("g2").link("g1", "g2", GRPC).assertOn(Scenario.build(g1, g2));
    }

    @Test
    @DisplayName("gRPC stream: no agent or time test, a child 300 ms later is still linked")
    void givenGrpcChildFarLater_whenSorted_thenStillLinked() {
        var g1 = pkt("g1", "c").grpc().times(1000, 5000).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").grpc().times(300_000, 300_000).seq(9, 0).requestId(7L).vtap(2).build();

        forest().root("g1").link("g2", "g1", GRPC).assertOn(Scenario.build(g1, g2));
    }

    @Test
    @DisplayName("gRPC stream: the parent is the last span of its set and the child the first span of another set")
    void givenGrpcSetOfTwoSpansAndAFrameSet_whenSorted_thenFrameUnderTheSetsLeaf() {
        var c = pkt("c", "c").grpc().times(1000, 5000).seq(1, 2).requestId(7L).build();
        var s = pkt("s", "s").grpc().times(1100, 4900).seq(1, 2).requestId(7L).vtap(2).build();
        var frame = pkt("frame", "c").grpc().times(1200, 1200).seq(9, 0).requestId(7L).vtap(3).build();

        TraceView v = Scenario.build(c, s, frame);

        forest().root("c")
                .link("s", "c", "trace mounted due to tcp_seq")
                .link("frame", "s", GRPC)
                .assertOn(v);
    }

    @Test
    @DisplayName("gRPC stream (D11): two sets of equal non-zero duration link to each other and both vanish")
    void givenGrpcSetsOfEqualDuration_whenSorted_thenRingVanishes() {
        var g1 = pkt("g1", "c").grpc().times(1000, 1500).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").grpc().times(1200, 1700).seq(9, 0).requestId(7L).vtap(2).build();

        assertThat(Scenario.build(g1, g2).spans()).isEmpty();
    }

    @Test
    @DisplayName("precedence: a deferred x-request-id link re-parents a span linked by gRPC in between (D13: it stays listed under both)")
    void givenXRequestIdParentVisitedBeforeGrpcParent_whenSorted_thenDeferredLinkWins() {
        var b = pkt("B", "c").times(1000, 9500).seq(3, 4).vtap(2).x1("X").build();
        var a = pkt("A", "c").grpc().times(1500, 10_500).seq(1, 2).requestId(7L).build();
        var k = pkt("k", "c").grpc().times(2000, 9000).seq(5, 6).vtap(3).requestId(7L).x0("X").build();

        TraceView v = Scenario.build(b, a, k);

        assertThat(v.parentOf("k")).isEqualTo("B");
        assertThat(v.reason("k")).isEqualTo(XREQ_1_0);
        assertThat(v.roots()).containsExactlyInAnyOrder("A", "B");
        // the gRPC parent keeps k among its children (D13), so the walk emits k twice
        assertThat(v.span("A").childs()).contains(v.span("k").id());
        assertThat(v.ids()).filteredOn("k"::equals).hasSize(2);
        assertThat(v.selftime("A")).isEqualTo(2000); // the stale child is subtracted too (D13)
        assertThat(v.selftime("B")).isEqualTo(1500);
    }

    // ---- step 7 (opt-in net_span_c_to_s_via_trace_id), the rules behind T33 ----

    private static final TracingConfig WEAK_C_TO_S = TracingConfig.defaults()
            .withSpanSetConnectionStrategies(Set.of(ConnectionStrategy.NET_SPAN_C_TO_S_VIA_TRACE_ID));
    private static final String WEAK = "net_span c->s weakly mounted due to trace_id";

    @Test
    @DisplayName("weak c->s: one client leaf and two server roots: only the longest server root (the client's best match) is mounted")
    void givenOneClientLeafAndTwoServerRoots_whenWeakCToS_thenOnlyMutualBestMatchLinked() {
        var c = pkt("c", "c").trace("T").times(1000, 9000).seq(1, 2).build();
        var s1 = pkt("s1", "s").trace("T").times(2000, 8000).seq(3, 4).vtap(2).build();
        var s2 = pkt("s2", "s").trace("T").times(3000, 7000).seq(5, 6).vtap(3).build();

        TraceView v = Scenario.build(WEAK_C_TO_S, c, s1, s2);

        forest().root("c", "s2").link("s1", "c", WEAK).assertOn(v);
    }

    @Test
    @DisplayName("weak c->s: two client leaves and one server root: the shorter client leaf is the parent")
    void givenTwoClientLeavesAndOneServerRoot_whenWeakCToS_thenShorterClientIsParent() {
        var c1 = pkt("c1", "c").trace("T").times(1000, 9000).seq(1, 2).build();
        var c2 = pkt("c2", "c").trace("T").times(1500, 8500).seq(3, 4).vtap(2).build();
        var s = pkt("s", "s").trace("T").times(2000, 8000).seq(5, 6).vtap(3).build();

        TraceView v = Scenario.build(WEAK_C_TO_S, c1, c2, s);

        forest().root("c1", "c2").link("s", "c2", WEAK).assertOn(v);
    }

    @Test
    @DisplayName("weak c->s: a server root of another protocol is not mounted")
    void givenServerRootOfOtherProtocol_whenWeakCToS_thenNoLink() {
        var c = pkt("c", "c").trace("T").times(1000, 9000).seq(1, 2).build();
        var s = pkt("s", "s").mysql().trace("T").times(2000, 8000).seq(3, 4).vtap(2).build();

        forest().root("c", "s").assertOn(Scenario.build(WEAK_C_TO_S, c, s));
    }

    @Test
    @DisplayName("weak c->s: a server root longer than the client leaf is not mounted")
    void givenServerRootLongerThanClientLeaf_whenWeakCToS_thenNoLink() {
        var c = pkt("c", "c").trace("T").times(2000, 8000).seq(1, 2).build();
        var s = pkt("s", "s").trace("T").times(1000, 9000).seq(3, 4).vtap(2).build();

        forest().root("c", "s").assertOn(Scenario.build(WEAK_C_TO_S, c, s));
    }

    @Test
    @DisplayName("weak c->s: spans of different traces are not mounted")
    void givenDifferentTraces_whenWeakCToS_thenNoLink() {
        var c = pkt("c", "c").trace("T").times(1000, 9000).seq(1, 2).build();
        var s = pkt("s", "s").trace("U").times(2000, 8000).seq(3, 4).vtap(2).build();

        forest().root("c", "s").assertOn(Scenario.build(WEAK_C_TO_S, c, s));
    }
}
