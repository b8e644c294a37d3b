package io.tracefill.tracing;

import io.tracefill.serdes.model.FlowType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of §5 behind the merging scenarios: merge keys, scan order and stops, capture sequences, field filling. */
class MergeRulesTest {

    private static void assertUnmerged(TraceView v, String... ids) {
        assertThat(v.ids()).containsExactlyInAnyOrder(ids);
        for (String id : ids) {
            assertThat(v.span(id).ids()).as("_ids of %s", id).containsExactly(id);
        }
    }

    @Test
    @DisplayName("merge key vtap_id: a response captured by another agent does not merge")
    void givenResponseFromAnotherAgent_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).vtap(2).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("merge key flow_id: a response on another L4 flow does not merge")
    void givenResponseOnAnotherFlow_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(43).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("merge key request_id: null and 5 differ, so the pair does not merge")
    void givenNullAndPresentRequestId_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).requestId(5L).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("merge key request_id: equal request ids merge (MySQL included)")
    void givenEqualRequestIds_whenMerged_thenMerged() {
        var req = pkt("req", "c").mysql().request().at(1000).seq(1, 0).flowId(42).requestId(3L).build();
        var resp = pkt("resp", "c").mysql().response().at(3000).seq(0, 2).flowId(42).requestId(3L).build();

        TraceView v = Scenario.build(req, resp);

        assertThat(v.span("req").ids()).containsExactly("req", "resp");
        assertThat(v.span("req").flow().type()).isEqualTo(FlowType.SESSION);
    }

    @Test
    @DisplayName("latest request wins: a later request of another flow is skipped, the latest request of the response's flow takes it")
    void givenLaterRequestOnAnotherFlow_whenMerged_thenResponseJoinsItsOwnFlowsRequest() {
        var r1 = pkt("r1", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var r2 = pkt("r2", "c").request().at(2000).seq(3, 0).flowId(43).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).build();

        TraceView v = Scenario.build(r1, r2, resp);

        assertThat(v.ids()).containsExactlyInAnyOrder("r1", "r2");
        assertThat(v.span("r1").ids()).containsExactly("r1", "resp");
        assertThat(v.span("r2").ids()).containsExactly("r2");
    }

    @Test
    @DisplayName("a session of the same flow between request and response is skipped, not a stop")
    void givenSessionOfSameFlowInBetween_whenMerged_thenResponseJoinsEarlierRequest() {
        var r1 = pkt("r1", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var session = pkt("session", "c").times(1500, 1800).seq(5, 6).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).build();

        TraceView v = Scenario.build(r1, session, resp);

        assertThat(v.span("r1").ids()).containsExactly("r1", "resp");
        assertThat(v.span("session").ids()).containsExactly("session");
    }

    @Test
    @DisplayName("protocol change stops the scan only on the same flow: another protocol on another flow is skipped")
    void givenOtherProtocolOnAnotherFlowInBetween_whenMerged_thenMerged() {
        var http = pkt("http", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var other = pkt("other", "c").mysql().request().at(2000).seq(3, 0).flowId(43).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).build();

        TraceView v = Scenario.build(http, other, resp);

        assertThat(v.span("http").ids()).containsExactly("http", "resp");
        assertThat(v.span("other").ids()).containsExactly("other");
    }

    @Test
    @DisplayName("protocol change stops the scan: an older matching request behind another protocol's request is not reached")
    void givenOlderMatchingRequestBehindOtherProtocol_whenMerged_thenNothingMerges() {
        var old = pkt("old", "c").request().at(500).seq(7, 0).flowId(42).build();
        var http = pkt("http", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var other = pkt("other", "c").mysql().request().at(2000).seq(3, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).build();

        assertUnmerged(Scenario.build(old, http, other, resp), "old", "http", "other", "resp");
    }

    @Test
    @DisplayName("cap_seq: s-p request and response merge only with consecutive capture sequences")
    void givenServerProcessRowsWithGapInCapSeq_whenMerged_thenNotMerged() {
        var req = ebpf("req", "s-p").request().at(1000).flowId(42).capSeq(5, 0).pod(11).pid(5).build();
        var resp = ebpf("resp", "s-p").response().at(2000).flowId(42).capSeq(0, 7).pod(11).pid(5).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("cap_seq: the scan continues past a sys request whose cap_seq does not fit to an older one that does")
    void givenTwoSysRequestsOnlyOlderConsecutive_whenMerged_thenResponseJoinsOlder() {
        var older = ebpf("older", "c-p").request().at(1000).flowId(42).capSeq(10, 0).pod(11).pid(5).build();
        var newer = ebpf("newer", "c-p").request().at(1500).flowId(42).capSeq(20, 0).pod(11).pid(5).build();
        var resp = ebpf("resp", "c-p").response().at(2000).flowId(42).capSeq(0, 11).pod(11).pid(5).build();

        TraceView v = Scenario.build(older, newer, resp);

        assertThat(v.span("older").ids()).containsExactly("older", "resp");
        assertThat(v.span("newer").ids()).containsExactly("newer");
    }

    @Test
    @DisplayName("cap_seq is checked for sys spans only: Packet rows with non-consecutive capture sequences merge")
    void givenPacketRowsWithGapInCapSeq_whenMerged_thenMerged() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).capSeq(10, 0).build();
        var resp = pkt("resp", "c").response().at(2000).seq(0, 2).flowId(42).capSeq(0, 12).build();

        TraceView v = Scenario.build(req, resp);

        assertThat(v.span("req").ids()).containsExactly("req", "resp");
    }

    @Test
    @DisplayName("DNS sys: an answer whose capture sequence does not follow the last merged one stays separate")
    void givenDnsAnswerWithGap_whenMerged_thenOnlyConsecutiveAnswerMerges() {
        var query = ebpf("q", "c-p").dns().requestId(77L).flowId(5).request().at(1000).capSeq(10, 0).pod(11).pid(5).build();
        var a1 = ebpf("a1", "c-p").dns().requestId(77L).flowId(5).response().at(2000).capSeq(0, 11).pod(11).pid(5).build();
        var a2 = ebpf("a2", "c-p").dns().requestId(77L).flowId(5).response().at(2500).capSeq(0, 13).pod(11).pid(5).build();

        TraceView v = Scenario.build(query, a1, a2);

        assertThat(v.span("q").ids()).containsExactly("q", "a1");
        assertThat(v.span("q").flow().endTimeUs()).isEqualTo(2000);
        assertThat(v.span("a2").ids()).containsExactly("a2");
    }

    @Test
    @DisplayName("merged fields: absent request fields are filled from the response, present ones are kept")
    void givenRequestWithAbsentFields_whenMerged_thenFilledFromResponseOnlyWhereAbsent() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).endpoint("e1")
                .with(b -> b.responseCode(null)).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).endpoint("e2").trace("T").x1("XR")
                .with(b -> b.responseCode(404)).build();

        TraceView v = Scenario.build(req, resp);

        var f = v.span("req").flow();
        assertThat(f.responseCode()).isEqualTo(404);
        assertThat(f.endpoint()).isEqualTo("e1");
        assertThat(f.traceId()).isEqualTo("T");
        assertThat(f.xRequestId1()).isEqualTo("XR");
    }

    @Test
    @DisplayName("asynchronous rows are never merged by the ordinary rule")
    void givenAsyncHttpResponse_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var resp = pkt("resp", "c").async().response().at(3000).seq(0, 2).flowId(42).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("async merge (ISO 8583): same observation point and trace, across agents and flows; the trace ids become the union")
    void givenIso8583RequestAndResponseOnOtherAgent_whenMerged_thenMergedWithTraceIdUnion() {
        var req = pkt("req", "c").l7(48, "ISO-8583").async().trace("T1").request().at(1000).seq(1, 0).flowId(1).build();
        var resp = pkt("resp", "c").l7(48, "ISO-8583").async().trace("T1, T2").response().at(1500).seq(0, 2).flowId(9)
                .vtap(5).build();
        // unrelated by keys and far in time: kept only if the merged span carries T2 as well
        var far = pkt("far", "c").trace("T2").times(500_000, 600_000).seq(7, 8).build();

        TraceView v = Scenario.build(req, resp, far);

        assertThat(v.span("req").ids()).containsExactly("req", "resp");
        assertThat(v.span("req").flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(v.span("req").duration()).isEqualTo(500);
        assertThat(v.kept("far")).isTrue();
    }

    @Test
    @DisplayName("async merge needs the same observation point")
    void givenIso8583ResponseAtAnotherObservationPoint_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").l7(48, "ISO-8583").async().trace("T1").request().at(1000).seq(1, 0).flowId(1).build();
        var resp = pkt("resp", "s").l7(48, "ISO-8583").async().trace("T1").response().at(1500).seq(0, 2).flowId(9)
                .vtap(5).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("async merge needs equal span ids when either row has one (WebSphere MQ MsgId)")
    void givenWebSphereMqRowsWithDifferentSpanIds_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").websphereMq().async().trace("T").span("M1").request().at(1000).seq(1, 0).build();
        var resp = pkt("resp", "c").websphereMq().async().trace("T").span("M9").response().at(1500).seq(0, 2)
                .vtap(7).build();

        assertUnmerged(Scenario.build(req, resp), "req", "resp");
    }

    @Test
    @DisplayName("a gRPC frame with another request_id (stream) does not merge")
    void givenGrpcFrameOfAnotherStream_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").grpc().flowId(1).requestId(5L).request().at(1000).seq(1, 0).build();
        var frame = pkt("frame", "c").grpc().flowId(1).requestId(6L).times(1500, 1600).duration(0).seq(0, 9).build();

        assertUnmerged(Scenario.build(req, frame), "req", "frame");
    }
}
