package io.tracefill.tracing;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracedSpan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliberate divergences from the reference's random ids: eBPF {@code deepflow_span_id}s derived
 * from the span's first {@code _id}, and external app spans' {@code _id}s derived from their content.
 */
class DeterministicIdsTest {
    private static Flow cp() {
        return ebpf("cp", "c-p").mysql().times(1000, 5000).seq(10, 20).pod(11).pid(5).build();
    }

    private static Flow sp() {
        return ebpf("sp", "s-p").mysql().times(1200, 4800).seq(10, 20).vtap(2).pod(22).pid(6).build();
    }

    private static String hexPart(String deepflowSpanId) {
        return deepflowSpanId.substring(0, deepflowSpanId.indexOf('.'));
    }

    @Test
    @DisplayName("eBPF span ids read 0x<lowercase hex>.<tap_side>.<index>, and the parent id is the parent's")
    void givenSysSpansWithoutSpanId_whenBuilt_thenIdsHaveDeepFlowsShape() {
        TraceView v = Scenario.build(cp(), sp());

        TracedSpan c = v.span("cp");
        TracedSpan s = v.span("sp");
        assertThat(c.deepflowSpanId()).matches(ExpectedTree.ebpfIdPattern("c-p", c.id()));
        assertThat(s.deepflowSpanId()).matches(ExpectedTree.ebpfIdPattern("s-p", s.id()));
        assertThat(new BigInteger(hexPart(c.deepflowSpanId()).substring(2), 16).bitLength()).isLessThanOrEqualTo(64);
        assertThat(hexPart(c.deepflowSpanId())).doesNotMatch("0x0[0-9a-f]+"); // Python hex(): no zero padding
        assertThat(c.deepflowParentSpanId()).isEmpty();
        assertThat(s.deepflowParentSpanId()).isEqualTo(c.deepflowSpanId());
    }

    @Test
    @DisplayName("eBPF span ids are the same on every run")
    void givenSameRows_whenBuiltTwice_thenSameIds() {
        TraceView first = Scenario.build(cp(), sp());
        TraceView second = Scenario.build(cp(), sp());

        assertThat(second.deepflowSpanId("cp")).isEqualTo(first.deepflowSpanId("cp"));
        assertThat(second.deepflowSpanId("sp")).isEqualTo(first.deepflowSpanId("sp"));
    }

    @Test
    @DisplayName("eBPF span ids depend on the span's first _id only: other rows in the trace do not change them, other _ids do")
    void givenSameRowInDifferentTraces_whenBuilt_thenSameHexPart() {
        TraceView alone = Scenario.build(cp(), sp());
        var early = pkt("early", "c").times(500, 6000).seq(77, 78).build();
        TraceView withMore = Scenario.build(cp(), early, sp());
        TraceView renamed = Scenario.build(cp().toBuilder().id("cp-other").build(), sp());

        assertThat(hexPart(withMore.deepflowSpanId("cp"))).isEqualTo(hexPart(alone.deepflowSpanId("cp")));
        assertThat(hexPart(renamed.deepflowSpanId("cp-other"))).isNotEqualTo(hexPart(alone.deepflowSpanId("cp")));
        assertThat(hexPart(alone.deepflowSpanId("sp"))).isNotEqualTo(hexPart(alone.deepflowSpanId("cp")));
    }

    @Test
    @DisplayName("a merged eBPF span takes its id from its first _id (the request)")
    void givenMergedSysSpan_whenBuilt_thenIdFromFirstRow() {
        var req = ebpf("req", "c-p").request().at(1000).flowId(42).capSeq(10, 0).pod(11).pid(5).build();
        var resp = ebpf("resp", "c-p").response().at(2000).flowId(42).capSeq(0, 11).pod(11).pid(5).build();
        var reqAlone = ebpf("req", "c-p").request().at(1000).flowId(42).capSeq(10, 0).pod(11).pid(5).build();

        TraceView merged = Scenario.build(req, resp);
        TraceView single = Scenario.build(reqAlone);

        assertThat(merged.span("req").ids()).containsExactly("req", "resp");
        assertThat(hexPart(merged.deepflowSpanId("req"))).isEqualTo(hexPart(single.deepflowSpanId("req")));
    }

    @Test
    @DisplayName("an eBPF span_id of 16 characters or more is used as is")
    void givenSysSpanWithLongSpanId_whenBuilt_thenSpanIdUsed() {
        var c = ebpf("cp", "c-p").span("0123456789abcdef").times(1000, 5000).pod(11).pid(5).build();

        TraceView v = Scenario.build(c);

        assertThat(v.deepflowSpanId("cp")).isEqualTo("0123456789abcdef.c-p." + v.span("cp").id());
    }

    private static CompletionRequest completion(AppSpan... spans) {
        return new CompletionRequest(List.of(spans), null, null);
    }

    private static List<String> completedIds(CompletionRequest request) {
        TraceView v = new TraceView(new TraceCompletion(new InMemoryFlowIndex(List.of()), TracingConfig.defaults())
                .complete(request));
        return v.spans().stream().flatMap(s -> s.ids().stream()).sorted().toList();
    }

    @Test
    @DisplayName("external app spans get decimal 48-bit _ids, the same on every call")
    void givenSameAppSpans_whenCompletedTwice_thenSameDecimal48BitIds() {
        var request = completion(new AppSpan("T", "S1", "", 2, 1000, 9000), new AppSpan("T", "S2", "S1", 3, 2000, 8000));

        List<String> first = completedIds(request);
        List<String> second = completedIds(request);

        assertThat(first).hasSize(2).isEqualTo(second);
        assertThat(first).allSatisfy(id -> {
            assertThat(id).matches("0|[1-9][0-9]*");
            assertThat(Long.parseLong(id)).isBetween(0L, (1L << 48) - 1);
        });
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
    }

    @Test
    @DisplayName("external app span _ids derive from content: the same span gets the same _id next to other spans, another span another _id")
    void givenAppSpans_whenContentDiffers_thenIdsDiffer() {
        var s1 = new AppSpan("T", "S1", "", 2, 1000, 9000);
        var s1Later = new AppSpan("T", "S1", "", 2, 1000, 9001);

        String alone = AppSpanRows.toRows(List.of(s1)).get(0).id();
        String withOther = AppSpanRows.toRows(List.of(new AppSpan("T", "S0", "", 2, 500, 9500), s1)).get(1).id();
        String changed = AppSpanRows.toRows(List.of(s1Later)).get(0).id();

        assertThat(withOther).isEqualTo(alone);
        assertThat(changed).isNotEqualTo(alone);
    }

    @Test
    @DisplayName("two identical external app spans stay two spans with distinct _ids")
    void givenDuplicateAppSpans_whenCompleted_thenBothKept() {
        var s = new AppSpan("T", "S1", "", 2, 1000, 9000);

        List<String> ids = completedIds(completion(s, s));

        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    }
}
