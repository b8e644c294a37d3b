package io.tracefill.tracing;

import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.TracedSpan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "Merging": request-only and response-only rows become sessions (§5). */
class MergingTest {

    @Test
    @DisplayName("T21: a request and its later response on one flow become one session")
    void givenRequestThenResponseOnOneFlow_whenMerged_thenOneSession() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).build();

        TraceView v = Scenario.build(req, resp);

        assertThat(v.spans()).hasSize(1);
        TracedSpan s = v.span("req");
        assertThat(s.ids()).containsExactly("req", "resp");
        assertThat(s.flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(s.flow().startTimeUs()).isEqualTo(1000);
        assertThat(s.flow().endTimeUs()).isEqualTo(3000);
        assertThat(s.duration()).isEqualTo(2000);
        assertThat(s.flow().reqTcpSeq()).isEqualTo(1);
        assertThat(s.flow().respTcpSeq()).isEqualTo(2);
    }

    @Test
    @DisplayName("T22: a response earlier than the request is never merged")
    void givenResponseBeforeRequest_whenMerged_thenTwoSpans() {
        var req = pkt("req", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(500).seq(0, 2).flowId(42).build();

        TraceView v = Scenario.build(req, resp);

        forest().root("req", "resp").assertOn(v);
        assertThat(v.span("req").ids()).containsExactly("req");
        assertThat(v.span("req").flow().type()).isEqualTo(FlowType.REQUEST);
        assertThat(v.span("resp").ids()).containsExactly("resp");
        assertThat(v.span("resp").flow().type()).isEqualTo(FlowType.RESPONSE);
    }

    @Test
    @DisplayName("T23: eBPF request and response merge only when the syscall capture sequence is consecutive (10, 12: no)")
    void givenSysRequestAndResponseWithGapInCapSeq_whenMerged_thenNotMerged() {
        var req = ebpf("req", "c-p").request().at(1000).flowId(42).capSeq(10, 0).pod(11).pid(5).build();
        var resp = ebpf("resp", "c-p").response().at(2000).flowId(42).capSeq(0, 12).pod(11).pid(5).build();

        TraceView v = Scenario.build(req, resp);

        assertThat(v.ids()).containsExactlyInAnyOrder("req", "resp");
        assertThat(v.span("req").ids()).containsExactly("req");
        assertThat(v.span("resp").ids()).containsExactly("resp");
    }

    @Test
    @DisplayName("T23: eBPF request and response with consecutive capture sequences (10, 11) merge; cap 10/11")
    void givenSysRequestAndResponseWithConsecutiveCapSeq_whenMerged_thenOneSession() {
        var req = ebpf("req", "c-p").request().at(1000).flowId(42).capSeq(10, 0).pod(11).pid(5).build();
        var resp = ebpf("resp", "c-p").response().at(2000).flowId(42).capSeq(0, 11).pod(11).pid(5).build();

        TraceView v = Scenario.build(req, resp);

        assertThat(v.spans()).hasSize(1);
        TracedSpan s = v.span("req");
        assertThat(s.ids()).containsExactly("req", "resp");
        assertThat(s.flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(s.flow().syscallCapSeq0()).isEqualTo(10);
        assertThat(s.flow().syscallCapSeq1()).isEqualTo(11);
        assertThat(s.duration()).isEqualTo(1000);
    }

    @Test
    @DisplayName("T24: a DNS sys query absorbs consecutive answers (cap 10 -> 11 -> 12)")
    void givenDnsSysQueryAndTwoConsecutiveAnswers_whenMerged_thenOneSessionEndingAtLastAnswer() {
        var query = ebpf("q", "c-p").dns().requestId(77L).flowId(5).request().at(1000).capSeq(10, 0).pod(11).pid(5).build();
        var a1 = ebpf("a1", "c-p").dns().requestId(77L).flowId(5).response().at(2000).capSeq(0, 11).pod(11).pid(5).build();
        var a2 = ebpf("a2", "c-p").dns().requestId(77L).flowId(5).response().at(2500).capSeq(0, 12).pod(11).pid(5).build();

        TraceView v = Scenario.build(query, a1, a2);

        assertThat(v.spans()).hasSize(1);
        TracedSpan s = v.span("q");
        assertThat(s.ids()).containsExactly("q", "a1", "a2");
        assertThat(s.flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(s.flow().startTimeUs()).isEqualTo(1000);
        assertThat(s.flow().endTimeUs()).isEqualTo(2500);
        assertThat(s.duration()).isEqualTo(1500);
        assertThat(s.flow().syscallCapSeq0()).isEqualTo(10);
        assertThat(s.flow().syscallCapSeq1()).isEqualTo(12);
    }

    @Test
    @DisplayName("T25: MySQL request and response with different request_id do not merge")
    void givenMySqlRequestAndResponseWithDifferentRequestIds_whenMerged_thenNotMerged() {
        var req = pkt("req", "c").mysql().request().at(1000).seq(1, 0).flowId(42).requestId(1L).build();
        var resp = pkt("resp", "c").mysql().response().at(3000).seq(0, 2).flowId(42).requestId(2L).build();

        TraceView v = Scenario.build(req, resp);

        assertThat(v.ids()).containsExactlyInAnyOrder("req", "resp");
        assertThat(v.span("req").ids()).containsExactly("req");
        assertThat(v.span("resp").ids()).containsExactly("resp");
    }

    @Test
    @DisplayName("T26: a response merges into the latest earlier request of its flow")
    void givenTwoRequestsThenOneResponse_whenMerged_thenResponseJoinsTheLatestRequest() {
        var r1 = pkt("r1", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var r2 = pkt("r2", "c").request().at(2000).seq(3, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 4).flowId(42).build();

        TraceView v = Scenario.build(r1, r2, resp);

        assertThat(v.ids()).containsExactlyInAnyOrder("r1", "r2");
        assertThat(v.span("r1").ids()).containsExactly("r1");
        assertThat(v.span("r1").flow().type()).isEqualTo(FlowType.REQUEST);
        assertThat(v.span("r2").ids()).containsExactly("r2", "resp");
        assertThat(v.span("r2").flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(v.span("r2").flow().endTimeUs()).isEqualTo(3000);
        assertThat(v.span("r2").duration()).isEqualTo(1000);
    }

    @Test
    @DisplayName("T27: another protocol's request between an HTTP request and its response stops the merge")
    void givenOtherProtocolRequestInBetween_whenMerged_thenNothingMerges() {
        var http = pkt("http", "c").request().at(1000).seq(1, 0).flowId(42).build();
        var other = pkt("other", "c").mysql().request().at(2000).seq(3, 0).flowId(42).build();
        var resp = pkt("resp", "c").response().at(3000).seq(0, 2).flowId(42).build();

        TraceView v = Scenario.build(http, other, resp);

        assertThat(v.ids()).containsExactlyInAnyOrder("http", "other", "resp");
        for (String id : new String[]{"http", "other", "resp"}) {
            assertThat(v.span(id).ids()).containsExactly(id);
        }
    }

    @Test
    @DisplayName("T57: a zero-duration gRPC frame merges into the request before it; the empty resp seq is filled")
    void givenGrpcRequestAndFrame_whenMerged_thenOneSessionWithFrameEnd() {
        var req = pkt("req", "c").grpc().flowId(1).requestId(5L).request().at(1000).seq(1, 0).build();
        var frame = pkt("frame", "c").grpc().flowId(1).requestId(5L).times(1500, 1600).duration(0).seq(0, 9).build();

        TraceView v = Scenario.build(req, frame);

        assertThat(v.spans()).hasSize(1);
        TracedSpan s = v.span("req");
        assertThat(s.ids()).containsExactly("req", "frame");
        assertThat(s.flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(s.flow().startTimeUs()).isEqualTo(1000);
        assertThat(s.flow().endTimeUs()).isEqualTo(1600);
        assertThat(s.duration()).isEqualTo(600);
        assertThat(s.flow().reqTcpSeq()).isEqualTo(1);
        assertThat(s.flow().respTcpSeq()).isEqualTo(9);
    }

    @Test
    @DisplayName("T57: a gRPC frame behind a session stays separate and is linked under it by the stream id")
    void givenGrpcSessionThenFrame_whenSorted_thenFrameNotMergedButHangsUnderSession() {
        var session = pkt("session", "c").grpc().flowId(1).requestId(5L).times(1000, 1400).seq(1, 2).build();
        var frame = pkt("frame", "c").grpc().flowId(1).requestId(5L).times(1500, 1600).duration(0).seq(0, 9).build();

        TraceView v = Scenario.build(session, frame);

        forest().root("session")
                .link("frame", "session", "net_span mounted due to grpc request_id")
                .assertOn(v);
        assertThat(v.span("session").ids()).containsExactly("session");
        assertThat(v.span("frame").ids()).containsExactly("frame");
    }

    @Test
    @DisplayName("T57: an HTTP2 request and a gRPC response frame on one flow merge, keeping protocol 21")
    void givenHttp2RequestAndGrpcResponseFrame_whenMerged_thenMergedAsHttp2() {
        var req = pkt("req", "c").http2().flowId(1).requestId(5L).request().at(1000).seq(1, 0).build();
        var frame = pkt("frame", "c").grpc().flowId(1).requestId(5L).response().at(1500).seq(0, 9).build();

        TraceView v = Scenario.build(req, frame);

        assertThat(v.spans()).hasSize(1);
        TracedSpan s = v.span("req");
        assertThat(s.ids()).containsExactly("req", "frame");
        assertThat(s.flow().l7Protocol()).isEqualTo(L7Protocol.HTTP2);
        assertThat(s.flow().type()).isEqualTo(FlowType.SESSION);
        assertThat(s.flow().endTimeUs()).isEqualTo(1500);
        assertThat(s.duration()).isEqualTo(500);
    }
}
