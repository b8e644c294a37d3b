package io.tracefill.tracing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "Pruning": trees unrelated to the entry tree are dropped unless they overlap in time or share a trace-id group (§11.3). */
class PruningTest {

    @Test
    @DisplayName("T29: a tree far later than the entry tree is dropped")
    void givenUnrelatedTreeFarLater_whenPruned_thenDropped() {
        var a = pkt("a", "c").times(1000, 2000).seq(1, 2).build();
        var b = pkt("b", "c").times(100_000, 200_000).seq(3, 4).build();

        TraceView v = Scenario.build(a, b);

        forest().root("a").assertOn(v);
    }

    @Test
    @DisplayName("T29: a tree starting exactly host_clock_offset_us after the entry tree ends is kept")
    void givenUnrelatedTreeStartingAtOverlapBoundary_whenPruned_thenKept() {
        var a = pkt("a", "c").times(1000, 2000).seq(1, 2).build();
        var b = pkt("b", "c").times(12_000, 13_000).seq(3, 4).build();

        TraceView v = Scenario.build(a, b);

        forest().root("a", "b").assertOn(v);
        assertThat(v.ids()).containsExactly("b", "a"); // the latest-starting root comes first
    }

    @Test
    @DisplayName("T29: a tree starting one microsecond past the overlap boundary is dropped")
    void givenUnrelatedTreeStartingJustPastOverlapBoundary_whenPruned_thenDropped() {
        var a = pkt("a", "c").times(1000, 2000).seq(1, 2).build();
        var b = pkt("b", "c").times(12_001, 13_000).seq(3, 4).build();

        TraceView v = Scenario.build(a, b);

        forest().root("a").assertOn(v);
    }

    @Test
    @DisplayName("T30: trees far apart in time are kept when a row joins their trace ids into one group")
    void givenTreesJoinedByMultiTraceIdRow_whenPruned_thenAllKept() {
        var a = pkt("a", "c").trace("T1").times(1000, 2000).seq(1, 2).build();
        var b = pkt("b", "c").trace("T2").times(500_000, 600_000).seq(3, 4).build();
        var c = pkt("c", "c").trace("T1, T2").times(900_000, 990_000).seq(5, 6).build();

        TraceView v = Scenario.build(a, b, c);

        forest().root("a", "b", "c").assertOn(v);
        assertThat(v.ids()).containsExactly("c", "b", "a");
    }
}
