package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tracefill.serdes.otlp.TestSpan.app;
import static io.tracefill.serdes.otlp.TestSpan.ebpf;
import static io.tracefill.serdes.otlp.TestSpan.packet;
import static io.tracefill.serdes.otlp.TestSpan.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Span ids and parent links, and the failures of DeepFlow's own OTLP export they rule out. */
class SpanIdsTest {
    private static final String TRACE = "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f";
    private final OtlpTraceEncoder encoder = new OtlpTraceEncoder();

    /** The trace of formats §5: frontend c-app, its c-p, the two NICs, the callee's s-p and s-app. */
    static TracingResult callAcrossTwoServices() {
        String header = "a1b2c3d4e5f60718";
        return result(
                app(0, "c-app").trace(TRACE).spanId(header).childs(1).build(),
                ebpf(1, "c-p").trace(TRACE).spanId(header).dfId(header + ".c-p.1").parent(0, header).childs(2).build(),
                packet(2, "c").trace(TRACE).spanId(header).dfId(header + ".c.2").parent(1, header + ".c-p.1").childs(3).build(),
                packet(3, "s").trace(TRACE).spanId(header).dfId(header + ".s.3").parent(2, header + ".c.2").childs(4).build(),
                ebpf(4, "s-p").trace(TRACE).spanId(header).dfId(header + ".s-p.4").parent(3, header + ".s.3").childs(5).build(),
                app(5, "s-app").trace(TRACE).spanId("3e4f5a6b7c8d9e0f").parentSpanId(header)
                        .parent(4, header + ".s-p.4").build());
    }

    @Test
    void appSpansKeepTheirIdsAndSystemAndNetworkSpansGetDistinctDerivedOnes() {
        TracesData d = encoder.encode(callAcrossTwoServices());

        assertThat(OtlpView.byIndex(d, 0).spanId()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(OtlpView.byIndex(d, 5).spanId()).isEqualTo("3e4f5a6b7c8d9e0f");
        // deepflow#2740: c-p, c, s and s-p all carry the caller's header span id; none may reuse it
        Set<String> ids = new HashSet<>();
        for (OtlpView.Placed p : OtlpView.spans(d)) {
            assertThat(p.spanId()).hasSize(16).isNotEqualTo("0000000000000000");
            assertThat(ids.add(p.spanId())).as("unique %s", p.spanId()).isTrue();
        }
        assertThat(ids).hasSize(6);
    }

    @Test
    void derivedIdsComeFromTheFirstRowIdAndDoNotChange() {
        TracesData d = encoder.encode(callAcrossTwoServices());

        assertThat(OtlpView.byIndex(d, 1).spanId()).isEqualTo(OtlpIds.hex(OtlpIds.derive("_id:7000000001", 0)));
        assertThat(encoder.encodeProto(callAcrossTwoServices())).isEqualTo(encoder.encodeProto(callAcrossTwoServices()));
    }

    @Test
    void everyParentIsTheDeepflowParent() {
        TracesData d = encoder.encode(callAcrossTwoServices());

        for (int i = 1; i <= 5; i++) {
            assertThat(OtlpView.byIndex(d, i).parentSpanId()).as("parent of %d", i)
                    .isEqualTo(OtlpView.byIndex(d, i - 1).spanId());
        }
        assertThat(OtlpView.byIndex(d, 0).parentSpanId()).isEmpty();
    }

    @Test
    void anEbpfSpanWithATraceIdButNoSpanIdIsNotItsOwnParent() {
        // deepflow#4252 / formats §7.8: DeepFlow's exporter made such a span its own parent
        TracesData d = encoder.encode(result(
                ebpf(0, "s-p").trace(TRACE).dfId("0x1f.s-p.0").childs(1).build(),
                ebpf(1, "c-p").trace(TRACE).dfId("0x2e.c-p.1").parent(0, "0x1f.s-p.0").build()));

        for (OtlpView.Placed p : OtlpView.spans(d)) {
            assertThat(p.parentSpanId()).isNotEqualTo(p.spanId());
        }
        assertThat(OtlpView.byIndex(d, 0).parentSpanId()).isEmpty();
        assertThat(OtlpView.byIndex(d, 1).parentSpanId()).isEqualTo(OtlpView.byIndex(d, 0).spanId());
    }

    @Test
    void aDerivedIdThatCollidesWithAnAppSpanIdIsDerivedAgain() {
        String dfId = "0x99.s-p.1";
        String taken = OtlpIds.hex(OtlpIds.derive("_id:7000000001", 0));
        TracesData d = encoder.encode(result(
                app(0, "s-app").trace(TRACE).spanId(taken).build(),
                ebpf(1, "s-p").trace(TRACE).dfId(dfId).build()));

        assertThat(OtlpView.byIndex(d, 0).spanId()).isEqualTo(taken);
        assertThat(OtlpView.byIndex(d, 1).spanId()).isEqualTo(OtlpIds.hex(OtlpIds.derive("_id:7000000001", 1))).isNotEqualTo(taken);
    }

    @Test
    void aSpanKeepsItsIdWhenItsPositionAndDeepflowSpanIdChange() {
        // a late app span re-opens a trace: later spans move one position down, and their
        // deepflow_span_id (which ends with the position) changes; the OTLP id must not
        TracesData before = encoder.encode(result(
                ebpf(0, "s-p").trace(TRACE).dfId("0x1f.s-p.0").ids("77").build()));
        TracesData after = encoder.encode(result(
                app(0, "s-app").trace(TRACE).build(),
                ebpf(1, "s-p").trace(TRACE).dfId("0x1f.s-p.1").ids("77").build()));

        assertThat(OtlpView.byIndex(after, 1).spanId()).isEqualTo(OtlpView.byIndex(before, 0).spanId());
    }

    @Test
    void twoSpansWithOneDeepflowSpanIdStillGetTwoIds() {
        TracesData d = encoder.encode(result(
                ebpf(0, "s-p").dfId("same").build(),
                ebpf(1, "s-p").dfId("same").build()));

        assertThat(OtlpView.byIndex(d, 0).spanId()).isNotEqualTo(OtlpView.byIndex(d, 1).spanId());
    }

    @Test
    void aSpanTheEngineListsTwiceIsWrittenOnce() {
        // D13: a re-parented child can be visited twice; it is the same span
        TracedSpan root = ebpf(0, "s-p").dfId("r.s-p.0").childs(1).build();
        TracedSpan child = ebpf(1, "c-p").dfId("c.c-p.1").parent(0, "r.s-p.0").build();

        TracesData d = encoder.encode(result(root, child, child));

        assertThat(OtlpView.spans(d)).hasSize(2);
    }

    @Test
    void appSpanIdsThatAreNotUsableAreReplacedAndKeptAsText() {
        TracesData d = encoder.encode(result(
                app(0, "s-app").trace(TRACE).spanId("segment-1-0").build(),              // SkyWalking form
                app(1, "s-app").trace(TRACE).spanId("0000000000000000").build(),         // all zeros
                app(2, "s-app").trace(TRACE).spanId("00f067aa0ba902b7").build(),
                app(3, "s-app").trace(TRACE).spanId("00F067AA0BA902B7").build()));       // the same id again

        assertThat(OtlpView.byIndex(d, 2).spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(OtlpView.byIndex(d, 2).attr(OtlpAttributes.SPAN_ID_REPLACED)).isNull();
        for (int i : new int[] {0, 1, 3}) {
            OtlpView.Placed p = OtlpView.byIndex(d, i);
            assertThat(p.spanId()).isNotEqualTo("00f067aa0ba902b7").isNotEqualTo("0000000000000000");
            assertThat(p.attr(OtlpAttributes.SPAN_ID_REPLACED).getBoolValue()).isTrue();
        }
        assertThat(OtlpView.byIndex(d, 0).str(OtlpAttributes.NATIVE_SPAN_ID)).isEqualTo("segment-1-0");
        assertThat(OtlpView.spans(d).stream().map(OtlpView.Placed::spanId).distinct()).hasSize(4);
    }

    @Test
    void anAppSpanKeepsItsIdButNotAParentThatIsNotInTheTrace() {
        // the caller upstream of the entry was not traced: Tempo would wait for a root forever
        TracesData d = encoder.encode(result(app(0, "s-app").trace(TRACE).spanId("3e4f5a6b7c8d9e0f")
                .parentSpanId("a1b2c3d4e5f60718").build()));

        OtlpView.Placed p = OtlpView.byIndex(d, 0);
        assertThat(p.parentSpanId()).isEmpty();
        assertThat(p.str(OtlpAttributes.NATIVE_PARENT_SPAN_ID)).isEqualTo("a1b2c3d4e5f60718");
    }

    @Test
    void aParentMissingByIndexIsFoundByItsDeepflowSpanId() {
        TracesData d = encoder.encode(result(
                ebpf(0, "s-p").dfId("p.s-p.0").build(),
                ebpf(1, "c-p").dfId("c.c-p.1").parent(7, "p.s-p.0").build()));

        assertThat(OtlpView.byIndex(d, 1).parentSpanId()).isEqualTo(OtlpView.byIndex(d, 0).spanId());
        assertThat(OtlpView.byIndex(d, 1).attr(OtlpAttributes.PARENT_UNLINKED)).isNull();
    }

    @Test
    void aParentThatIsNotInTheTraceMakesARootAndSaysSo() {
        TracesData d = encoder.encode(result(ebpf(0, "c-p").dfId("c.c-p.0").parent(9, "gone.s-p.9").build()));

        OtlpView.Placed p = OtlpView.byIndex(d, 0);
        assertThat(p.parentSpanId()).isEmpty();
        assertThat(p.attr(OtlpAttributes.PARENT_UNLINKED).getBoolValue()).isTrue();
        assertThat(p.str(OtlpAttributes.DEEPFLOW_PARENT_SPAN_ID)).isEqualTo("gone.s-p.9");
    }

    @Test
    void aParentCycleIsCutAtItsFirstSpan() {
        TracesData d = encoder.encode(result(
                ebpf(0, "c-p").dfId("a").parent(2, "c").build(),
                ebpf(1, "c-p").dfId("b").parent(0, "a").build(),
                ebpf(2, "c-p").dfId("c").parent(1, "b").build(),
                ebpf(3, "c-p").dfId("self").parent(3, "self").build()));

        assertThat(OtlpView.byIndex(d, 0).parentSpanId()).isEmpty();
        assertThat(OtlpView.byIndex(d, 1).parentSpanId()).isEqualTo(OtlpView.byIndex(d, 0).spanId());
        assertThat(OtlpView.byIndex(d, 2).parentSpanId()).isEqualTo(OtlpView.byIndex(d, 1).spanId());
        assertThat(OtlpView.byIndex(d, 3).parentSpanId()).isEmpty();
        assertThat(List.of(0, 3)).allSatisfy(i ->
                assertThat(OtlpView.byIndex(d, i).attr(OtlpAttributes.PARENT_UNLINKED).getBoolValue()).isTrue());
    }

    @Test
    void oneTraceIdForEverySpanEvenWhenRowsCarryNone() {
        // deepflow#2933, #8111: DeepFlow exported untraced rows each as its own one-span trace
        TracesData d = encoder.encode(result(
                packet(0, "c").dfId("None.c.0").childs(1).build(),
                packet(1, "s").dfId("None.s.1").parent(0, "None.c.0").build()));

        assertThat(OtlpView.spans(d)).extracting(OtlpView.Placed::traceId).containsOnly(OtlpView.byIndex(d, 0).traceId());
        assertThat(OtlpView.byIndex(d, 0).traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
    }
}
