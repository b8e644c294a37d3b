package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each configuration key (spec §3) changes the outcome of a small trace: network_delay_us,
 * host_clock_offset_us, max_iteration, tracing_source and span_set_connection_strategies.
 */
class ConfigurationRulesTest {
    private static final String TCP = "trace mounted due to tcp_seq";
    private static final TracingConfig DEFAULTS = TracingConfig.defaults();

    /** T2's pair with the s-p 30 ms later on another agent. */
    private static Flow[] pairThirtyMillisApart() {
        return new Flow[] {
                ebpf("cp", "c-p").times(1000, 100_000).seq(10, 20).pod(11).pid(5).build(),
                ebpf("sp", "s-p").times(31_000, 130_000).seq(10, 20).vtap(2).pod(22).pid(6).build()};
    }

    @Test
    @DisplayName("network_delay_us: 30 ms across agents is related by default, not with network_delay_us 10 ms")
    void smallerNetworkDelayBreaksTheTcpLink() {
        forest().link("sp", "cp", TCP).root("cp").assertOn(Scenario.build(DEFAULTS, pairThirtyMillisApart()));
        forest().root("cp", "sp")
                .assertOn(Scenario.build(DEFAULTS.withNetworkDelayUs(10_000), pairThirtyMillisApart()));
    }

    @Test
    @DisplayName("host_clock_offset_us: 65 ms across agents is not related by default, is with host_clock_offset_us 15 ms")
    void largerHostClockOffsetRestoresTheTcpLinkAcrossAgents() {
        Flow cp = ebpf("cp", "c-p").times(1000, 100_000).seq(10, 20).pod(11).pid(5).build();
        Flow sp = ebpf("sp", "s-p").times(66_000, 165_000).seq(10, 20).vtap(2).pod(22).pid(6).build();

        forest().root("cp", "sp").assertOn(Scenario.build(DEFAULTS, cp, sp));
        forest().link("sp", "cp", TCP).root("cp")
                .assertOn(Scenario.build(DEFAULTS.withHostClockOffsetUs(15_000), cp, sp));
    }

    @Test
    @DisplayName("host_clock_offset_us does not widen the tolerance on one agent")
    void hostClockOffsetDoesNotApplyOnOneAgent() {
        Flow c = pkt("c", "c").times(1000, 100_000).seq(10, 20).build();
        Flow s = pkt("s", "s").times(56_000, 155_000).seq(10, 20).build();

        forest().root("c", "s").assertOn(Scenario.build(DEFAULTS.withHostClockOffsetUs(15_000), c, s));
    }

    @Test
    @DisplayName("host_clock_offset_us is the pruning overlap: a tree exactly that far from the entry tree is kept")
    void pruningKeepsTreesWithinHostClockOffset() {
        Flow a = pkt("a", "c").times(1000, 2000).seq(1, 2).build();

        TraceView atOffset = Scenario.build(a, pkt("b", "c").times(12_000, 13_000).seq(3, 4).build());
        TraceView beyond = Scenario.build(a, pkt("b", "c").times(12_001, 13_001).seq(3, 4).build());
        TraceView beyondWithLargerOffset = Scenario.build(DEFAULTS.withHostClockOffsetUs(10_001), a,
                pkt("b", "c").times(12_001, 13_001).seq(3, 4).build());

        forest().root("a", "b").assertOn(atOffset);
        forest().root("a").assertOn(beyond);
        forest().root("a", "b").assertOn(beyondWithLargerOffset);
    }

    @Test
    @DisplayName("pruning keeps a far tree that shares a trace id with the entry tree")
    void pruningKeepsFarTreesOfTheSameTrace() {
        Flow a = pkt("a", "c").trace("T").times(1000, 2000).seq(1, 2).build();
        Flow b = pkt("b", "c").trace("T").times(500_000, 600_000).seq(3, 4).build();
        Flow other = pkt("o", "c").trace("T2").times(700_000, 800_000).seq(5, 6).build();

        forest().root("a", "b").assertOn(Scenario.build(a, b, other));
    }

    /** Hop by hop: cp →tcp→ sp →syscall→ cpDown →tcp→ spDown. */
    private static Flow[] fourHops() {
        return new Flow[] {
                ebpf("cp", "c-p").times(1000, 9000).seq(10, 20).sys(501, 502).pod(11).pid(5).build(),
                ebpf("sp", "s-p").times(1100, 8900).seq(10, 20).sys(601, 602).vtap(2).pod(22).pid(6).build(),
                ebpf("cpDown", "c-p").mysql().times(2000, 3000).seq(30, 40).sys(601, 700).vtap(2).pod(22).pid(6)
                        .build(),
                ebpf("spDown", "s-p").mysql().times(2100, 2900).seq(30, 40).vtap(3).pod(33).pid(7).build()};
    }

    @Test
    @DisplayName("max_iteration: each round adds one hop; 0 is treated as 1")
    void maxIterationBoundsTheHops() {
        assertThat(Scenario.trace(DEFAULTS.withMaxIteration(0), "cp", fourHops()).ids())
                .containsExactlyInAnyOrder("cp", "sp");
        assertThat(Scenario.trace(DEFAULTS.withMaxIteration(1), "cp", fourHops()).ids())
                .containsExactlyInAnyOrder("cp", "sp");
        assertThat(Scenario.trace(DEFAULTS.withMaxIteration(2), "cp", fourHops()).ids())
                .containsExactlyInAnyOrder("cp", "sp", "cpDown");
        assertThat(Scenario.trace(DEFAULTS.withMaxIteration(3), "cp", fourHops()).ids())
                .containsExactlyInAnyOrder("cp", "sp", "cpDown", "spDown");
    }

    @Test
    @DisplayName("max_iteration default: the whole chain is found and linked hop by hop")
    void defaultSearchFindsAndLinksTheWholeChain() {
        TraceView v = Scenario.trace("cp", fourHops());

        forest().link("sp", "cp", TCP)
                .link("cpDown", "sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .link("spDown", "cpDown", TCP)
                .root("cp")
                .assertOn(v);
    }

    private static TracingConfig sourcesWithout(TracingSource source) {
        EnumSet<TracingSource> sources = EnumSet.copyOf(TracingSource.defaults());
        sources.remove(source);
        return DEFAULTS.withTracingSources(sources);
    }

    @Test
    @DisplayName("tracing_source without tcp_seq: the s-p is not found from its c-p")
    void withoutTcpSeqSourceTheServerIsNotFound() {
        Flow[] pair = {
                ebpf("cp", "c-p").times(1000, 5000).seq(10, 20).pod(11).pid(5).build(),
                ebpf("sp", "s-p").times(1200, 4800).seq(10, 20).vtap(2).pod(22).pid(6).build()};

        assertThat(Scenario.trace("cp", pair).ids()).containsExactlyInAnyOrder("cp", "sp");
        assertThat(Scenario.trace(sourcesWithout(TracingSource.TCP_SEQ), "cp", pair).ids()).containsExactly("cp");
    }

    @Test
    @DisplayName("tracing_source without syscall: the s-p's same-thread c-p is not found")
    void withoutSyscallSourceTheSameThreadCallIsNotFound() {
        Flow[] pair = {
                ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).pod(11).pid(5).build(),
                ebpf("cp", "c-p").times(2000, 3000).seq(3, 4).sys(100, 200).pod(11).pid(5).build()};

        assertThat(Scenario.trace("sp", pair).ids()).containsExactlyInAnyOrder("sp", "cp");
        assertThat(Scenario.trace(sourcesWithout(TracingSource.SYSCALL), "sp", pair).ids()).containsExactly("sp");
    }

    @Test
    @DisplayName("tracing_source without x_request_id: the c-p carrying the injected id is not found")
    void withoutXRequestIdSourceTheCallIsNotFound() {
        Flow[] pair = {
                ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).x1("X").pod(11).pid(5).build(),
                ebpf("cp", "c-p").times(2000, 3000).seq(3, 4).x0("X").pod(11).pid(5).build()};

        assertThat(Scenario.trace("sp", pair).ids()).containsExactlyInAnyOrder("sp", "cp");
        assertThat(Scenario.trace(sourcesWithout(TracingSource.X_REQUEST_ID), "sp", pair).ids())
                .containsExactly("sp");
    }

    @Test
    @DisplayName("tracing_source with dns: DNS rows are found by request id and chained (T39 through the search)")
    void dnsSourceFindsAndChainsDnsRows() {
        Flow[] rows = {
                ebpf("cp", "c-p").dns().requestId(4242L).times(1000, 3000).build(),
                pkt("c", "c").dns().requestId(4242L).times(1050, 2950).build(),
                pkt("s", "s").dns().requestId(4242L).times(1100, 2900).vtap(2).build()};
        EnumSet<TracingSource> withDns = EnumSet.copyOf(TracingSource.defaults());
        withDns.add(TracingSource.DNS);

        assertThat(Scenario.trace("cp", rows).ids()).containsExactly("cp");
        forest().link("c", "cp", TCP).link("s", "c", TCP).root("cp")
                .assertOn(Scenario.trace(DEFAULTS.withTracingSources(withDns), "cp", rows));
    }

    @Test
    @DisplayName("sys_span_s_to_c_via_trace_id also links processes of one pod node (type 14)")
    void weakSysLinkAppliesToPodNodes() {
        Flow sp = ebpf("sp", "s-p").trace("T").times(1000, 9000).instance(5, 14).pid(100).sys(1, 2).build();
        Flow cp = ebpf("cp", "c-p").trace("T").times(2000, 3000).instance(5, 14).pid(200).sys(3, 4).build();
        TracingConfig weak = DEFAULTS.withSpanSetConnectionStrategies(
                Set.of(ConnectionStrategy.SYS_SPAN_S_TO_C_VIA_TRACE_ID));

        forest().root("sp", "cp").assertOn(Scenario.build(sp, cp));
        forest().link("cp", "sp", "sys_span s->c weakly mounted due to trace_id").root("sp")
                .assertOn(Scenario.build(weak, sp, cp));
    }

    @Test
    @DisplayName("sys_span_s_to_c_via_trace_id needs the s-p to cover the c-p on one agent")
    void weakSysLinkNeedsTimeCoverOnOneAgent() {
        Flow sp = ebpf("sp", "s-p").trace("T").times(1000, 9000).vm(5).pid(100).sys(1, 2).build();
        Flow cp = ebpf("cp", "c-p").trace("T").times(2000, 9001).vm(5).pid(200).sys(3, 4).build();
        TracingConfig weak = DEFAULTS.withSpanSetConnectionStrategies(
                Set.of(ConnectionStrategy.SYS_SPAN_S_TO_C_VIA_TRACE_ID));

        forest().root("sp", "cp").assertOn(Scenario.build(weak, sp, cp));
    }

    @Test
    @DisplayName("sys_span_s_to_c_via_trace_id needs one instance: two VMs sharing a trace id stay apart")
    void weakSysLinkNeedsTheSameInstance() {
        Flow sp = ebpf("sp", "s-p").trace("T").times(1000, 9000).vm(5).pid(100).sys(1, 2).build();
        Flow cp = ebpf("cp", "c-p").trace("T").times(2000, 3000).vm(6).pid(200).sys(3, 4).build();
        TracingConfig weak = DEFAULTS.withSpanSetConnectionStrategies(
                Set.of(ConnectionStrategy.SYS_SPAN_S_TO_C_VIA_TRACE_ID));

        forest().root("sp", "cp").assertOn(Scenario.build(weak, sp, cp));
    }
}
