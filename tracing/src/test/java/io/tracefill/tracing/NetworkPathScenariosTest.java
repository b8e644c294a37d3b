package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;

import static io.tracefill.tracing.ExpectedTree.ebpfIdPattern;
import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "Network paths" (sort stage: {@link Scenario#build}). */
class NetworkPathScenariosTest {
    private static final String TCP = "trace mounted due to tcp_seq";

    private static Flow cp() {
        return ebpf("cp", "c-p").times(1000, 9000).seq(10, 20).pod(11).pid(5).build();
    }

    private static Flow c() {
        return pkt("c", "c").times(1010, 8990).seq(10, 20).build();
    }

    private static Flow cnd() {
        return pkt("cnd", "c-nd").times(1020, 8980).seq(10, 20).build();
    }

    private static Flow s() {
        return pkt("s", "s").times(1110, 8890).seq(10, 20).vtap(2).build();
    }

    private static Flow sp() {
        return ebpf("sp", "s-p").times(1120, 8880).seq(10, 20).vtap(2).pod(22).pid(6).build();
    }

    @Test
    @DisplayName("T3: full path c-p → c → c-nd → s-nd → s → s-p, chained by tcp_seq")
    void fullPathIsChainedByTcpSeq() {
        Flow snd = pkt("snd", "s-nd").times(1100, 8900).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(cp(), c(), cnd(), snd, s(), sp());

        forest().link("c", "cp", TCP)
                .link("cnd", "c", TCP)
                .link("snd", "cnd", TCP)
                .link("s", "snd", TCP)
                .link("sp", "s", TCP)
                .root("cp")
                .assertOn(v);
        assertThat(v.ids()).containsExactly("cp", "c", "cnd", "snd", "s", "sp");
    }

    @Test
    @DisplayName("T3: Packet spans of a set without span_id are named None.<tap_side>.<index> (D17)")
    void packetSpanIdsWithoutSetSpanIdReadNone() {
        Flow snd = pkt("snd", "s-nd").times(1100, 8900).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(cp(), c(), cnd(), snd, s(), sp());

        assertThat(v.deepflowSpanId("cp")).matches(ebpfIdPattern("c-p", 0));
        assertThat(v.deepflowSpanId("c")).isEqualTo("None.c.1");
        assertThat(v.deepflowSpanId("cnd")).isEqualTo("None.c-nd.2");
        assertThat(v.deepflowSpanId("snd")).isEqualTo("None.s-nd.3");
        assertThat(v.deepflowSpanId("s")).isEqualTo("None.s.4");
        assertThat(v.deepflowSpanId("sp")).matches(ebpfIdPattern("s-p", 5));
        assertThat(v.deepflowParentSpanId("c")).isEqualTo(v.deepflowSpanId("cp"));
        assertThat(v.deepflowParentSpanId("sp")).isEqualTo("None.s.4");
        assertThat(v.result().hostClockCorrection()).isEmpty();
    }

    @Test
    @DisplayName("T4: a server node span 200 ms late is not grouped and is pruned")
    void lateServerNodeSpanIsNotGroupedAndIsPruned() {
        Flow snd = pkt("snd", "s-nd").times(201100, 208900).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(cp(), c(), cnd(), snd, s(), sp());

        forest().link("c", "cp", TCP)
                .link("cnd", "c", TCP)
                .link("s", "cnd", TCP)
                .link("sp", "s", TCP)
                .root("cp")
                .assertOn(v);
        assertThat(v.kept("snd")).isFalse();
    }

    @Test
    @DisplayName("T35: duplicate c-p with one tcp seq: the s-p hangs under the c-p sorted last (D18)")
    void spHangsUnderTheLastSortedOfTwoCps() {
        Flow cp1 = ebpf("cp1", "c-p").times(1000, 9000).seq(10, 20).pod(11).pid(5).build();
        Flow cp2 = ebpf("cp2", "c-p").times(1001, 8999).seq(10, 20).pod(12).pid(6).build();
        Flow sp = ebpf("sp", "s-p").times(1100, 8900).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(cp1, cp2, sp);

        forest().link("sp", "cp2", TCP).root("cp1", "cp2").assertOn(v);
    }

    @Test
    @DisplayName("T36: same tcp seqs but different span ids in one trace: conflict, two roots")
    void spanIdConflictKeepsPacketSpansApart() {
        Flow c = pkt("c", "c").trace("T").span("X1").times(1010, 8990).seq(10, 20).build();
        Flow s = pkt("s", "s").trace("T").span("X2").times(1110, 8890).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("T37: HTTP2 at the client, gRPC at the server: no conflict, s under c")
    void http2AndGrpcOfOneStreamDoNotConflict() {
        Flow c = pkt("c", "c").http2().resource("/a").endpoint("e1").times(1010, 8990).seq(10, 20).build();
        Flow s = pkt("s", "s").grpc().resource("/svc/m").endpoint("e2").times(1110, 8890).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("T37 variant: HTTP /a vs HTTP /b with the same seqs: conflict, two roots")
    void differentHttpResourcesConflict() {
        Flow c = pkt("c", "c").resource("/a").times(1010, 8990).seq(10, 20).build();
        Flow s = pkt("s", "s").resource("/b").times(1110, 8890).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().root("c", "s").assertOn(v);
    }

    @Test
    @DisplayName("T38: request_resource of 1031 chars differing only after char 1024: no conflict")
    void longResourcesAreComparedOnTheirFirst1024Chars() {
        String prefix = "/" + "x".repeat(1023);
        Flow c = pkt("c", "c").resource(prefix + "aaaaaaa").times(1010, 8990).seq(10, 20).build();
        Flow s = pkt("s", "s").resource(prefix + "bbbbbbb").times(1110, 8890).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("s", "c", TCP).root("c").assertOn(v);
    }

    @Test
    @DisplayName("T51: gRPC response frame: the order is reversed, c under s (D8)")
    void grpcResponseFrameIsChainedServerToClient() {
        Flow c = pkt("c", "c").grpc().at(1000).duration(0).seq(0, 55).build();
        Flow s = pkt("s", "s").grpc().at(990).duration(0).seq(0, 55).vtap(2).build();

        TraceView v = Scenario.build(c, s);

        forest().link("c", "s", TCP).root("s").assertOn(v);
    }

    @Test
    @DisplayName("T52: same host at both ends, gateway between: s goes after the s-p (D14)")
    void serverNicOfTheClientHostGoesAfterTheSp() {
        Flow cp = ebpf("cp", "c-p").times(1000, 9000).seq(10, 20).build();
        Flow c = pkt("c", "c").times(1010, 8990).seq(10, 20).build();
        Flow cgw = pkt("cgw", "c-gw").times(1050, 8950).seq(10, 20).vtap(9).build();
        Flow sgw = pkt("sgw", "s-gw").times(1060, 8940).seq(10, 20).vtap(9).build();
        Flow s = pkt("s", "s").times(1100, 8900).seq(10, 20).build();
        Flow sp = ebpf("sp", "s-p").times(1120, 8880).seq(10, 20).build();

        TraceView v = Scenario.build(cp, c, cgw, sgw, s, sp);

        forest().link("c", "cp", TCP)
                .link("cgw", "c", TCP)
                .link("sgw", "cgw", TCP)
                .link("sp", "sgw", TCP)
                .link("s", "sp", TCP)
                .root("cp")
                .assertOn(v);
        assertThat(v.ids()).containsExactly("cp", "c", "cgw", "sgw", "sp", "s");
    }

    @Test
    @DisplayName("T31: host clock: the server agent is corrected by -28 ms in render times")
    void serverAgentClockIsCorrectedInRenderTimes() {
        Flow cp = ebpf("cp", "c-p").times(1_000_000, 1_010_000).seq(10, 20).build();
        Flow sp = ebpf("sp", "s-p").times(1_030_000, 1_038_000).seq(10, 20).vtap(2).build();

        TraceView v = Scenario.build(cp, sp);

        forest().link("sp", "cp", TCP).root("cp").assertOn(v);
        assertThat(v.result().hostClockCorrection()).containsExactly(Map.entry(2L, -28_000L));
        assertThat(v.renderStart("sp")).isEqualTo(1_002_000);
        assertThat(v.renderEnd("sp")).isEqualTo(1_010_000);
        assertThat(v.renderStart("cp")).isEqualTo(1_000_000);
        assertThat(v.renderEnd("cp")).isEqualTo(1_010_000);
        // the times themselves are never changed
        assertThat(v.span("sp").flow().startTimeUs()).isEqualTo(1_030_000);
    }

    private static Flow[] t39Rows() {
        return new Flow[] {
                ebpf("cp", "c-p").dns().requestId(4242L).times(1000, 3000).build(),
                pkt("c", "c").dns().requestId(4242L).times(1050, 2950).build(),
                pkt("s", "s").dns().requestId(4242L).times(1100, 2900).vtap(2).build()};
    }

    @Test
    @DisplayName("T39 default: DNS over UDP is not related: three roots")
    void dnsSpansStayApartByDefault() {
        TraceView v = Scenario.build(t39Rows());

        forest().root("cp", "c", "s").assertOn(v);
    }

    @Test
    @DisplayName("T39 with dns in tracing_source: chained by request id, reason still says tcp_seq (D22)")
    void dnsSpansAreChainedWhenDnsTracingIsOn() {
        TracingConfig config = TracingConfig.defaults().withTracingSources(EnumSet.of(TracingSource.TRACE_ID,
                TracingSource.SYSCALL, TracingSource.TCP_SEQ, TracingSource.X_REQUEST_ID, TracingSource.DNS));

        TraceView v = Scenario.build(config, t39Rows());

        forest().link("c", "cp", TCP).link("s", "c", TCP).root("cp").assertOn(v);
    }
}
