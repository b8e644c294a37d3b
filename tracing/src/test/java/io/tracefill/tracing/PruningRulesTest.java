package io.tracefill.tracing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of §11.3 behind the pruning scenarios: the time-overlap boundary, trace-id groups, tree ranges, a missing entry. */
class PruningRulesTest {

    @Test
    @DisplayName("overlap boundary, earlier tree: kept when it ends exactly host_clock_offset_us before the entry tree starts")
    void givenTreeEndingExactlyAtBoundaryBeforeEntry_whenPruned_thenKept() {
        var entry = pkt("entry", "c").times(12_000, 13_000).seq(1, 2).build();
        var before = pkt("before", "c").times(1000, 2000).seq(3, 4).build();

        forest().root("entry", "before").assertOn(Scenario.build(entry, before));
    }

    @Test
    @DisplayName("overlap boundary, earlier tree: dropped when it ends one microsecond earlier")
    void givenTreeEndingJustBeforeBoundaryBeforeEntry_whenPruned_thenDropped() {
        var entry = pkt("entry", "c").times(12_000, 13_000).seq(1, 2).build();
        var before = pkt("before", "c").times(1000, 1999).seq(3, 4).build();

        forest().root("entry").assertOn(Scenario.build(entry, before));
    }

    @Test
    @DisplayName("overlap boundary follows host_clock_offset_us (5000: 7000 kept, 7001 dropped)")
    void givenSmallerHostClockOffset_whenPruned_thenBoundaryMoves() {
        var config = TracingConfig.defaults().withHostClockOffsetUs(5000);
        var entry = pkt("entry", "c").times(1000, 2000).seq(1, 2).build();

        forest().root("entry", "b").assertOn(
                Scenario.build(config, entry, pkt("b", "c").times(7000, 8000).seq(3, 4).build()));
        forest().root("entry").assertOn(
                Scenario.build(config, entry, pkt("b", "c").times(7001, 8000).seq(3, 4).build()));
    }

    @Test
    @DisplayName("a tree's range spans all its spans: a child far from the root extends what overlaps")
    void givenEntryTreeWithLateChild_whenPruned_thenTreesOverlappingTheChildAreKept() {
        var root = pkt("root", "c").times(1000, 2000).seq(1, 2).x1("X").build();
        var child = pkt("child", "c").times(20_000, 20_500).seq(3, 4).vtap(2).x0("X").build();
        var near = pkt("near", "c").times(30_500, 31_000).seq(5, 6).build();
        var far = pkt("far", "c").times(30_501, 31_000).seq(7, 8).build();

        TraceView v = Scenario.build(root, child, near, far);

        forest().root("root", "near")
                .link("child", "root", "net_span mounted due to x_request_id 1->0")
                .assertOn(v);
    }

    @Test
    @DisplayName("trace-id groups are transitive: T1-T2 and T2-T3 rows keep a far tree of T3")
    void givenChainOfMultiTraceIdRows_whenPruned_thenFarTreeOfLastIdKept() {
        var a = pkt("a", "c").trace("T1").times(1000, 2000).seq(1, 2).build();
        var j1 = pkt("j1", "c").trace("T1, T2").times(300_000, 310_000).seq(3, 4).build();
        var j2 = pkt("j2", "c").trace("T3, T2").times(400_000, 410_000).seq(5, 6).build();
        var b = pkt("b", "c").trace("T3").times(500_000, 510_000).seq(7, 8).build();

        forest().root("a", "j1", "j2", "b").assertOn(Scenario.build(a, j1, j2, b));
    }

    @Test
    @DisplayName("trace-id groups: far trees of an unrelated trace id, or of none, are dropped")
    void givenFarTreesOfOtherTraceOrNone_whenPruned_thenDropped() {
        var a = pkt("a", "c").trace("T1").times(1000, 2000).seq(1, 2).build();
        var other = pkt("other", "c").trace("T9").times(300_000, 310_000).seq(3, 4).build();
        var none = pkt("none", "c").times(400_000, 410_000).seq(5, 6).build();

        forest().root("a").assertOn(Scenario.build(a, other, none));
    }

    @Test
    @DisplayName("an entry tree without trace ids keeps only overlapping trees, even if far trees share trace ids among themselves")
    void givenEntryTreeWithoutTraceIds_whenPruned_thenFarTreesDropped() {
        var a = pkt("a", "c").times(1000, 2000).seq(1, 2).build();
        var f1 = pkt("f1", "c").trace("T").times(300_000, 310_000).seq(3, 4).build();
        var f2 = pkt("f2", "c").trace("T").times(400_000, 410_000).seq(5, 6).build();

        forest().root("a").assertOn(Scenario.build(a, f1, f2));
    }

    @Test
    @DisplayName("an entry that vanished in a parent cycle disables pruning: far trees are kept")
    void givenEntryLostInCycle_whenPruned_thenEverythingElseKept() {
        var g1 = pkt("g1", "c").grpc().times(1000, 5000).duration(0).seq(1, 0).requestId(7L).build();
        var g2 = pkt("g2", "s").grpc().times(1200, 1200).duration(0).seq(9, 0).requestId(7L).vtap(2).build();
        var far = pkt("far", "c").times(500_000, 600_000).seq(3, 4).build();

        TraceView v = Scenario.build(g1, g2, far);

        forest().root("far").assertOn(v);
        assertThat(v.kept("g1")).isFalse();
    }
}
