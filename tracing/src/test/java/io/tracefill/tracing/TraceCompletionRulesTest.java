package io.tracefill.tracing;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of §12 behind T54/T55: the query window, the entry app span, and the D1 divergence. */
class TraceCompletionRulesTest {

    private static TraceView complete(List<Flow> stored, AppSpan... spans) {
        return new TraceView(new TraceCompletion(new InMemoryFlowIndex(stored), TracingConfig.defaults())
                .complete(new CompletionRequest(List.of(spans), null, null)));
    }

    private static String idOf(int position, AppSpan... spans) {
        return AppSpanRows.toRows(List.of(spans)).get(position).id();
    }

    /** An app span at second 10 of trace T; its window is [7, 13]. */
    private static final AppSpan S1 = new AppSpan("T", "S1", "P0", 2, 10_000_000, 10_500_000);

    private static Flow spEndingAt(long endUs) {
        return ebpf("sp", "s-p").trace("T").span("P0").times(endUs - 200_000, endUs).pod(11).pid(5).build();
    }

    @Test
    @DisplayName("window: a DeepFlow row of the trace ending in the last second of [min start - 3, max end + 3] is found")
    void givenRowEndingInLastSecondOfWindow_whenCompleted_thenFound() {
        TraceView v = complete(List.of(spEndingAt(13_999_999)), S1);

        assertThat(v.kept("sp")).isTrue();
        assertThat(v.notes()).noneSatisfy(n -> assertThat(n).contains("D1"));
    }

    @Test
    @DisplayName("window: a DeepFlow row ending one second later is not found; the app spans come back alone (D1)")
    void givenRowEndingAfterWindow_whenCompleted_thenAppSpansAlone() {
        TraceView v = complete(List.of(spEndingAt(14_000_000)), S1);

        assertThat(v.ids()).containsExactly(idOf(0, S1));
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("D1"));
    }

    @Test
    @DisplayName("D1: app spans without any trace id are returned alone, with a D1 note")
    void givenAppSpansWithoutTraceIds_whenCompleted_thenAppSpansAlone() {
        var a = new AppSpan("", "A1", "", 2, 1000, 9000);
        var b = new AppSpan("", "A2", "A1", 3, 2000, 8000);
        var sp = ebpf("sp", "s-p").span("A1").times(900, 9100).pod(11).pid(5).build();

        TraceView v = complete(List.of(sp), a, b);

        forest().root(idOf(0, a, b))
                .link(idOf(1, a, b), idOf(0, a, b), "app_span mounted due to parent_span_id")
                .assertOn(v);
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("D1"));
    }

    @Test
    @DisplayName("entry: the first app span with a trace id is the pruning root, not the first span")
    void givenFirstAppSpanWithoutTraceId_whenCompleted_thenTreeOfFirstTracedSpanKept() {
        var untraced = new AppSpan("", "N", "", 2, 10_000_000, 10_100_000);
        var traced = new AppSpan("T", "E", "", 2, 12_000_000, 12_100_000);

        TraceView v = complete(List.of(), untraced, traced);

        assertThat(v.ids()).containsExactly(idOf(1, untraced, traced));
    }

    @Test
    @DisplayName("entry: without any trace id the last app span is the pruning root")
    void givenNoAppSpanWithTraceId_whenCompleted_thenTreeOfLastSpanKept() {
        var first = new AppSpan("", "N1", "", 2, 10_000_000, 10_100_000);
        var last = new AppSpan("", "N2", "", 2, 12_000_000, 12_100_000);

        TraceView v = complete(List.of(), first, last);

        assertThat(v.ids()).containsExactly(idOf(1, first, last));
    }
}
