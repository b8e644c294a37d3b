package io.tracefill.tracing;

import io.tracefill.serdes.model.FlowType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.otel;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "Between network sets": links from one network span set (or app span) to another (§9 steps 1, 2, 5, 6, 7). */
class BetweenNetworkSetsTest {
    private static final String TCP = "trace mounted due to tcp_seq";

    @Test
    @DisplayName("T14: a gateway that injects X-Request-ID links its outgoing request under its incoming one (1->0)")
    void givenGatewayInjectingXRequestId_whenSorted_thenOutgoingSetHangsUnderIncomingSet() {
        var c1 = pkt("c1", "c").times(1000, 9000).seq(1, 2).x1("X").build();
        var s1 = pkt("s1", "s").times(1100, 8900).seq(1, 2).vtap(2).x1("X").build();
        var c2 = pkt("c2", "c").times(1500, 8500).seq(7, 8).vtap(2).x0("X").build();
        var s2 = pkt("s2", "s").times(1600, 8400).seq(7, 8).vtap(3).x0("X").build();

        TraceView v = Scenario.build(c1, s1, c2, s2);

        forest().root("c1")
                .link("s1", "c1", TCP)
                .link("c2", "s1", "net_span mounted due to x_request_id 1->0")
                .link("s2", "c2", TCP)
                .assertOn(v);
        // one chain, walked depth first; each span's self time is what its child leaves
        assertThat(v.ids()).containsExactly("c1", "s1", "c2", "s2");
        assertThat(v.selftime("c1")).isEqualTo(200);
        assertThat(v.selftime("s1")).isEqualTo(800);
        assertThat(v.selftime("c2")).isEqualTo(200);
        assertThat(v.selftime("s2")).isEqualTo(6800);
        assertThat(v.result().hostClockCorrection()).isEmpty();
        // relations in insertion order: tcp_seq first, then x-request-id candidates in index order
        assertThat(v.span("c1").relatedIds()).containsExactly("1-network-s1", "2-xrequestid-c2", "3-xrequestid-s2");
        assertThat(v.span("c2").relatedIds()).containsExactly("3-network-s2", "0-xrequestid-c1", "1-xrequestid-s1");
    }

    @Test
    @DisplayName("T15: the same X-Request-ID on the same side (pure pass-through) links nothing; both trees are kept")
    void givenPassThroughXRequestIdOnly_whenSorted_thenTwoTreesBothKept() {
        var c1 = pkt("c1", "c").times(1000, 9000).seq(1, 2).x0("X").build();
        var s1 = pkt("s1", "s").times(1100, 8900).seq(1, 2).vtap(2).x0("X").build();
        var c2 = pkt("c2", "c").times(1500, 8500).seq(7, 8).vtap(2).x0("X").build();
        var s2 = pkt("s2", "s").times(1600, 8400).seq(7, 8).vtap(3).x0("X").build();

        TraceView v = Scenario.build(c1, s1, c2, s2);

        forest().root("c1", "c2")
                .link("s1", "c1", TCP)
                .link("s2", "c2", TCP)
                .assertOn(v);
        assertThat(v.ids()).containsExactly("c2", "s2", "c1", "s1");
    }

    @Test
    @DisplayName("T16: three client NIC spans sharing only x_request_id_0 stay three roots")
    void givenThreeClientSpansWithSameRequestSideXRequestId_whenSorted_thenThreeRoots() {
        var n1 = pkt("n1", "c").times(1000, 9000).x0("X").build();
        var n2 = pkt("n2", "c").times(2000, 8000).vtap(2).x0("X").build();
        var n3 = pkt("n3", "c").times(3000, 7000).vtap(3).x0("X").build();

        TraceView v = Scenario.build(n1, n2, n3);

        forest().root("n1", "n2", "n3").assertOn(v);
    }

    @Test
    @DisplayName("T17: among x-request-id parents the one with the smallest duration wins; reasons name every matched side")
    void givenChainOfXRequestIdHops_whenSorted_thenEachHopHangsUnderTheNearestParent() {
        var n1 = pkt("n1", "c").times(1000, 9000).seq(1, 2).x1("X").build();
        var n2 = pkt("n2", "c").times(2000, 8000).seq(3, 4).vtap(2).x0("X").x1("X").build();
        var n3 = pkt("n3", "c").times(3000, 7000).seq(5, 6).vtap(3).x0("X").build();

        TraceView v = Scenario.build(n1, n2, n3);

        forest().root("n1")
                .link("n2", "n1", "net_span mounted due to x_request_id 1->0 x_request_id 1->1")
                .link("n3", "n2", "net_span mounted due to x_request_id 1->0 x_request_id 0->0")
                .assertOn(v);
        assertThat(v.ids()).containsExactly("n1", "n2", "n3");
        assertThat(v.selftime("n1")).isEqualTo(2000);
        assertThat(v.selftime("n2")).isEqualTo(2000);
        assertThat(v.selftime("n3")).isEqualTo(4000);
    }

    @Test
    @DisplayName("T18: on one agent, an x-request-id child that starts before its parent is not linked")
    void givenSameAgentChildStartingBeforeParent_whenSorted_thenNoLink() {
        var parent = pkt("p", "c").times(2000, 9000).seq(1, 2).x1("X").build();
        var child = pkt("k", "c").times(1500, 7000).seq(3, 4).x0("X").build();

        TraceView v = Scenario.build(parent, child);

        forest().root("p", "k").assertOn(v);
    }

    @Test
    @DisplayName("T18 (control): the same pair on different agents is linked, since clocks may differ")
    void givenDifferentAgentsChildStartingBeforeParent_whenSorted_thenLinked() {
        var parent = pkt("p", "c").times(2000, 9000).seq(1, 2).x1("X").build();
        var child = pkt("k", "c").times(1500, 7000).seq(3, 4).vtap(2).x0("X").build();

        TraceView v = Scenario.build(parent, child);

        forest().root("p").link("k", "p", "net_span mounted due to x_request_id 1->0").assertOn(v);
    }

    @Test
    @DisplayName("T20: a gRPC set whose first span carries the stream's request_id hangs under the set that ends with it")
    void givenTwoGrpcSetsOnOneStream_whenSorted_thenShorterHangsUnderLonger() {
        var g1 = pkt("g1", "c").grpc().times(1000, 5000).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").grpc().times(1200, 1200).seq(9, 0).requestId(7L).vtap(2).build();

        TraceView v = Scenario.build(g1, g2);

        forest().root("g1").link("g2", "g1", "net_span mounted due to grpc request_id").assertOn(v);
        // no set has a span id: Packet ids read None (D17)
        assertThat(v.deepflowSpanId("g1")).isEqualTo("None.c.0");
        assertThat(v.deepflowSpanId("g2")).isEqualTo("None.s.1");
        assertThat(v.deepflowParentSpanId("g2")).isEqualTo("None.c.0");
    }

    @Test
    @DisplayName("T19 (D11): two zero-duration gRPC sets of one stream link to each other and both vanish")
    void givenTwoZeroDurationGrpcSetsOnOneStream_whenSorted_thenRingVanishesFromOutput() {
        var g1 = pkt("g1", "c").grpc().times(1000, 5000).duration(0).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").grpc().times(1200, 1200).duration(0).seq(9, 0).requestId(7L).vtap(2).build();

        TraceView v = Scenario.build(g1, g2);

        assertThat(v.spans()).isEmpty();
    }

    @Test
    @DisplayName("T48: an app leaf is the parent of the network root sharing its span_id")
    void givenClientAppSpanAndNetworkSetWithItsSpanId_whenSorted_thenNetworkRootUnderAppLeaf() {
        var capp = otel("capp", "c-app").trace("T").span("A2").parent("A1").times(900, 9100).pod(11).build();
        var c = pkt("c", "c").trace("T").span("A2").times(1000, 9000).seq(1, 2).build();
        var s = pkt("s", "s").trace("T").span("A2").times(1100, 8900).seq(1, 2).vtap(2).build();

        TraceView v = Scenario.build(capp, c, s);

        forest().root("capp")
                .link("c", "capp", "net_span mounted due to same span_id")
                .link("s", "c", TCP)
                .assertOn(v);
        // Packet ids carry their set's span id
        assertThat(v.deepflowSpanId("capp")).isEqualTo("A2");
        assertThat(v.deepflowSpanId("c")).isEqualTo("A2.c.1");
        assertThat(v.deepflowParentSpanId("c")).isEqualTo("A2");
        assertThat(v.deepflowSpanId("s")).isEqualTo("A2.s.2");
        assertThat(v.deepflowParentSpanId("s")).isEqualTo("A2.c.1");
        assertThat(v.span("c").relatedIds()).containsExactly("2-network,app-s", "0-app-capp");
        assertThat(v.span("capp").relatedIds()).containsExactly("1-app-c", "2-app-s");
    }

    @Test
    @DisplayName("T49: a network leaf is the parent of the app root whose parent_span_id is its span_id")
    void givenNetworkSetAndServerAppSpanChildOfItsSpanId_whenSorted_thenAppRootUnderNetworkLeaf() {
        var c = pkt("c", "c").trace("T").span("N1").times(1000, 9000).seq(1, 2).build();
        var s = pkt("s", "s").trace("T").span("N1").times(1100, 8900).seq(1, 2).vtap(2).build();
        var sapp = otel("sapp", "s-app").trace("T").span("B1").parent("N1").times(1200, 8800).pod(22).build();

        TraceView v = Scenario.build(c, s, sapp);

        forest().root("c")
                .link("s", "c", TCP)
                .link("sapp", "s", "s-app mounted due to parent_span_id")
                .assertOn(v);
        assertThat(v.deepflowSpanId("c")).isEqualTo("N1.c.0");
        assertThat(v.deepflowSpanId("s")).isEqualTo("N1.s.1");
        assertThat(v.deepflowSpanId("sapp")).isEqualTo("B1");
        assertThat(v.deepflowParentSpanId("sapp")).isEqualTo("N1.s.1");
    }

    @Test
    @DisplayName("T33 (default): client and server NIC spans sharing only a trace id stay two roots")
    void givenClientAndServerSpansSharingOnlyTraceId_whenSortedByDefault_thenTwoRoots() {
        var c = pkt("c", "c").trace("T").times(1000, 9000).seq(1, 2).build();
        var s = pkt("s", "s").trace("T").times(2000, 8000).seq(3, 4).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("T33 (net_span_c_to_s_via_trace_id): the server root is weakly mounted under the client leaf")
    void givenClientAndServerSpansSharingOnlyTraceId_whenWeakCToSEnabled_thenServerUnderClient() {
        var c = pkt("c", "c").trace("T").times(1000, 9000).seq(1, 2).build();
        var s = pkt("s", "s").trace("T").times(2000, 8000).seq(3, 4).vtap(2).build();
        var config = TracingConfig.defaults()
                .withSpanSetConnectionStrategies(Set.of(ConnectionStrategy.NET_SPAN_C_TO_S_VIA_TRACE_ID));

        TraceView v = Scenario.build(config, c, s);

        forest().root("c").link("s", "c", "net_span c->s weakly mounted due to trace_id").assertOn(v);
    }

    @Test
    @DisplayName("T28: WebSphere MQ put request and response merge across agents; the get hangs under them by trace id")
    void givenWebSphereMqPutAndGet_whenSorted_thenPutMergedAndGetHangsUnderIt() {
        var putReq = pkt("put_req", "c").websphereMq().async().trace("T").span("M1").request().at(1000).seq(1, 0)
                .flowId(1).vtap(1).build();
        var putResp = pkt("put_resp", "c").websphereMq().async().trace("T").span("M1").response().at(1500).seq(0, 2)
                .flowId(9).vtap(7).build();
        var getS = pkt("get_s", "s").websphereMq().async().trace("T").span("M2").times(3000, 4000).seq(5, 6)
                .flowId(3).vtap(2).build();

        TraceView v = Scenario.build(putReq, putResp, getS);

        forest().root("put_req")
                .link("get_s", "put_req", "net_span mounted due to webspheremq async trace_id")
                .assertOn(v);
        var put = v.span("put_req");
        assertThat(put.ids()).containsExactly("put_req", "put_resp");
        assertThat(put.flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(put.flow().startTimeUs()).isEqualTo(1000);
        assertThat(put.flow().endTimeUs()).isEqualTo(1500);
        assertThat(put.duration()).isEqualTo(500);
        assertThat(put.flow().respTcpSeq()).isEqualTo(2);
    }
}
