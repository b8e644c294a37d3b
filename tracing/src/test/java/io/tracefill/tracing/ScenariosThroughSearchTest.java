package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios of my sections whose rows are all reachable from the entry by correlation keys, run
 * through the whole L7FlowTracing (search included): the search must find exactly what the sort
 * stage needs, and the answer must equal the sort-stage answer.
 */
class ScenariosThroughSearchTest {
    private static final String TCP = "trace mounted due to tcp_seq";

    @Test
    @DisplayName("T3 from the c-p: every observation point is found by tcp_seq and chained")
    void fullPathIsFoundAndChainedFromTheClientProcess() {
        Flow[] rows = {
                ebpf("cp", "c-p").times(1000, 9000).seq(10, 20).pod(11).pid(5).build(),
                pkt("c", "c").times(1010, 8990).seq(10, 20).build(),
                pkt("cnd", "c-nd").times(1020, 8980).seq(10, 20).build(),
                pkt("snd", "s-nd").times(1100, 8900).seq(10, 20).vtap(2).build(),
                pkt("s", "s").times(1110, 8890).seq(10, 20).vtap(2).build(),
                ebpf("sp", "s-p").times(1120, 8880).seq(10, 20).vtap(2).pod(22).pid(6).build()};

        TraceView v = Scenario.trace("cp", rows);

        forest().link("c", "cp", TCP).link("cnd", "c", TCP).link("snd", "cnd", TCP).link("s", "snd", TCP)
                .link("sp", "s", TCP).root("cp").assertOn(v);
        assertThat(v.ids()).containsExactly("cp", "c", "cnd", "snd", "s", "sp");
    }

    @Test
    @DisplayName("T4 from the c-p: the late server node span is not even found")
    void lateServerNodeSpanIsNotFound() {
        Flow[] rows = {
                ebpf("cp", "c-p").times(1000, 9000).seq(10, 20).pod(11).pid(5).build(),
                pkt("c", "c").times(1010, 8990).seq(10, 20).build(),
                pkt("cnd", "c-nd").times(1020, 8980).seq(10, 20).build(),
                pkt("snd", "s-nd").times(201_100, 208_900).seq(10, 20).vtap(2).build(),
                pkt("s", "s").times(1110, 8890).seq(10, 20).vtap(2).build(),
                ebpf("sp", "s-p").times(1120, 8880).seq(10, 20).vtap(2).pod(22).pid(6).build()};

        TraceView v = Scenario.trace("cp", rows);

        forest().link("c", "cp", TCP).link("cnd", "c", TCP).link("s", "cnd", TCP).link("sp", "s", TCP)
                .root("cp").assertOn(v);
    }

    @Test
    @DisplayName("T5 from the s-p: both calls of the thread are found by syscall id and attached")
    void threadHandOverIsFoundAndAttachedFromTheServerProcess() {
        Flow[] rows = {
                ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).pod(11).pid(5).build(),
                ebpf("cp1", "c-p").times(2000, 3000).seq(3, 4).sys(100, 200).pod(11).pid(5).build(),
                ebpf("cp2", "c-p").times(4000, 5000).seq(5, 6).sys(200, 300).pod(11).pid(5).build()};

        TraceView v = Scenario.trace("sp", rows);

        forest().link("cp1", "sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .link("cp2", "sp", "c-p sys-span mounted due to syscall_trace_id matched to c-p child")
                .root("sp").assertOn(v);
        assertThat(v.ids()).containsExactly("sp", "cp2", "cp1");
    }

    @Test
    @DisplayName("T31 from the c-p: the s-p 30 ms late is found, linked and clock-corrected")
    void hostClockScenarioThroughTheSearch() {
        Flow[] rows = {
                ebpf("cp", "c-p").times(1_000_000, 1_010_000).seq(10, 20).build(),
                ebpf("sp", "s-p").times(1_030_000, 1_038_000).seq(10, 20).vtap(2).build()};

        TraceView v = Scenario.trace("cp", rows);

        forest().link("sp", "cp", TCP).root("cp").assertOn(v);
        assertThat(v.result().hostClockCorrection()).containsExactly(Map.entry(2L, -28_000L));
        assertThat(v.renderStart("sp")).isEqualTo(1_002_000);
        assertThat(v.renderEnd("sp")).isEqualTo(1_010_000);
    }

    @Test
    @DisplayName("T2 from the s-p: the c-p is found and is the parent")
    void mysqlPairFromTheServerSide() {
        Flow[] rows = {
                ebpf("cp", "c-p").mysql().times(1000, 5000).seq(10, 20).pod(11).pid(5).build(),
                ebpf("sp", "s-p").mysql().times(1200, 4800).seq(10, 20).vtap(2).pod(22).pid(6).build()};

        TraceView v = Scenario.trace("sp", rows);

        forest().link("sp", "cp", TCP).root("cp").assertOn(v);
    }
}
