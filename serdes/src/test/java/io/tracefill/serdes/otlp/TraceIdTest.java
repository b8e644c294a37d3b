package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.TracingResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tracefill.serdes.otlp.TestSpan.app;
import static io.tracefill.serdes.otlp.TestSpan.ebpf;
import static io.tracefill.serdes.otlp.TestSpan.packet;
import static io.tracefill.serdes.otlp.TestSpan.result;
import static org.assertj.core.api.Assertions.assertThat;

class TraceIdTest {
    private static final String A = "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f";
    private static final String B = "0af7651916cd43dd8448eb211c80319c";
    private final OtlpTraceEncoder encoder = new OtlpTraceEncoder();

    private static List<String> traceIds(TracesData d) {
        return OtlpView.spans(d).stream().map(OtlpView.Placed::traceId).distinct().toList();
    }

    @Test
    void theAppSpansTraceIdWhenTheyAgree() {
        TracingResult r = result(
                app(0, "s-app").trace(A.toUpperCase()).spanId("1111111111111111").childs(1).build(),
                ebpf(1, "c-p").trace("some-other-header").parent(0, "1111111111111111").build());

        TracesData d = encoder.encode(r);

        assertThat(traceIds(d)).containsExactly(A);
        assertThat(OtlpView.byIndex(d, 0).str(OtlpAttributes.TRACE_ID_SOURCE)).isEqualTo("app");
        assertThat(OtlpView.byIndex(d, 0).attr(OtlpAttributes.OTHER_TRACE_IDS)).isNull();
        assertThat(encoder.kafkaKey(r)).isEqualTo(A).isEqualTo(OtlpTraceEncoder.kafkaKey(d));
    }

    @Test
    void disagreeingAppSpansGiveTheMajorityIdAndListTheOthersOnEveryRoot() {
        TracingResult r = result(
                app(0, "s-app").trace(B).spanId("1111111111111111").build(),
                app(1, "s-app").trace(A).spanId("2222222222222222").childs(2).build(),
                app(2, "c-app").trace(A).spanId("3333333333333333").parent(1, "2222222222222222").build());

        TracesData d = encoder.encode(r);

        assertThat(traceIds(d)).containsExactly(A);
        for (int root : new int[] {0, 1}) {
            assertThat(OtlpView.strings(OtlpView.byIndex(d, root).attr(OtlpAttributes.OTHER_TRACE_IDS))).containsExactly(B);
        }
        assertThat(OtlpView.byIndex(d, 2).attr(OtlpAttributes.OTHER_TRACE_IDS)).as("not on children").isNull();
        assertThat(OtlpView.byIndex(d, 0).str(OtlpAttributes.NATIVE_TRACE_ID)).isEqualTo(B);
    }

    @Test
    void aTieGoesToTheSmallestIdWhateverTheOrder() {
        TracingResult ab = result(app(0, "s-app").trace(A).spanId("1111111111111111").build(),
                app(1, "s-app").trace(B).spanId("2222222222222222").build());
        TracingResult ba = result(app(0, "s-app").trace(B).spanId("2222222222222222").build(),
                app(1, "s-app").trace(A).spanId("1111111111111111").build());

        assertThat(encoder.kafkaKey(ab)).isEqualTo(B).isEqualTo(encoder.kafkaKey(ba));
    }

    @Test
    void withoutAppSpansTheTraceIdDeepFlowReadFromHeaders() {
        TracesData d = encoder.encode(result(ebpf(0, "s-p").trace(A).build(), packet(1, "s").trace(A).build()));

        assertThat(traceIds(d)).containsExactly(A);
        assertThat(OtlpView.byIndex(d, 0).str(OtlpAttributes.TRACE_ID_SOURCE)).isEqualTo("header");
    }

    @Test
    void a64BitTraceIdIsLeftPaddedAndAUuidLosesItsDashes() {
        assertThat(encoder.kafkaKey(result(ebpf(0, "s-p").trace("00f067aa0ba902b7").build())))
                .isEqualTo("000000000000000000f067aa0ba902b7"); // DeepFlow's exporter right-pads instead
        assertThat(encoder.kafkaKey(result(ebpf(0, "s-p").trace("5c1f0a7d-2e9b-4c6a-8f3d-1b2e4a6c8e0f").build())))
                .isEqualTo(A);
    }

    @Test
    void aRowWithSeveralTraceIdsVotesForEach() {
        // the querier joins trace_id and _trace_id_2 as "a, b"
        TracingResult r = result(ebpf(0, "s-p").trace(B + ", " + A).build(), ebpf(1, "c-p").trace(A).build());

        assertThat(encoder.kafkaKey(r)).isEqualTo(A);
    }

    @Test
    void aDeepflowOnlyTraceGetsAnIdDerivedFromItsEarliestRoot() {
        TracingResult r = result(
                packet(0, "c").trace("not-hex").ids("7001").flow(f -> f.startTimeUs(2_000)).build(),
                packet(1, "c").ids("7002").flow(f -> f.startTimeUs(1_000)).build());

        TracesData d = encoder.encode(r);

        String id = traceIds(d).get(0);
        assertThat(traceIds(d)).hasSize(1);
        assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(OtlpView.byIndex(d, 1).str(OtlpAttributes.TRACE_ID_SOURCE)).isEqualTo("derived");
        // the same root, whatever else the trace holds, gives the same id
        assertThat(encoder.kafkaKey(result(packet(5, "s").ids("7002").flow(f -> f.startTimeUs(1_000)).build())))
                .isEqualTo(id);
        assertThat(encoder.kafkaKey(result(packet(5, "s").ids("7003").flow(f -> f.startTimeUs(1_000)).build())))
                .isNotEqualTo(id);
    }

    @Test
    void nothingFoundIsEmptyWithAnEmptyKey() {
        assertThat(encoder.encode(TracingResult.NOT_FOUND)).isEqualTo(TracesData.getDefaultInstance());
        assertThat(encoder.encodeProto(TracingResult.NOT_FOUND)).isEmpty();
        assertThat(encoder.encodeJsonString(TracingResult.NOT_FOUND)).isEqualTo("{}");
        assertThat(encoder.kafkaKey(TracingResult.NOT_FOUND)).isEmpty();
        assertThat(OtlpTraceEncoder.kafkaKey(TracesData.getDefaultInstance())).isEmpty();
    }

    @Test
    void notesOfTheEngineGoOnTheRoots() {
        TracesData d = encoder.encode(result(List.of("D1: no DeepFlow row carries trace id"),
                app(0, "s-app").trace(A).spanId("1111111111111111").build()));

        assertThat(OtlpView.strings(OtlpView.byIndex(d, 0).attr(OtlpAttributes.NOTES)))
                .containsExactly("D1: no DeepFlow row carries trace id");
    }
}
