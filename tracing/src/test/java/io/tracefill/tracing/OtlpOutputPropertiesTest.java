package io.tracefill.tracing;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.serdes.otlp.OtlpAttributes;
import io.tracefill.serdes.otlp.TracesDataJsonReader;
import io.tracefill.serdes.otlp.OtlpTraceEncoder;
import io.tracefill.serdes.otlp.OtlpView;
import io.tracefill.tracing.gen.SyntheticTrace;
import io.tracefill.tracing.gen.TraceGenerator;
import io.tracefill.tracing.gen.TraceShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP encoding of engine results on generated traces: whatever the engine outputs, the
 * TracesData is one well-formed trace whose tree is the engine's tree, and its encodings agree.
 */
class OtlpOutputPropertiesTest {
    private static final TracingConfig CONFIG = TracingConfig.defaults();
    private static final OtlpTraceEncoder ENCODER = new OtlpTraceEncoder();

    static Stream<Arguments> traces() {
        int[] sizes = {10, 40, 120, 300};
        return LongStream.rangeClosed(1, 10).boxed()
                .flatMap(seed -> java.util.Arrays.stream(sizes).mapToObj(size -> Arguments.of(seed, size)));
    }

    private static TracingResult traced(long seed, int size) {
        SyntheticTrace t = TraceGenerator.generate(seed, TraceShape.ofSize(size));
        return new L7FlowTracing(new InMemoryFlowIndex(t.allRows()), CONFIG).trace(TraceRequest.forId(t.entryId()));
    }

    /**
     * The same request as DeepFlow alone sees it when nothing is instrumented: no app spans and
     * no trace context in any header, so the trace id must be derived.
     */
    private static TracingResult deepflowOnly(long seed, int size) {
        SyntheticTrace t = TraceGenerator.generate(seed, TraceShape.ofSize(size));
        List<Flow> rows = t.rows().stream().filter(f -> f.signalSource() != SignalSource.OTEL)
                .map(f -> f.toBuilder().traceId("").spanId("").parentSpanId("").build()).toList();
        Flow entry = rows.stream().filter(f -> f.tapSide().equals("s-p")).findFirst().orElse(rows.get(0));
        return TraceBuilder.build(rows, List.of(), entry.id(), CONFIG, List.of());
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void isOneWellFormedTraceWithTheEnginesTree(long seed, int size) {
        TracingResult r = traced(seed, size);
        assertWellFormedAndFaithful(r, ENCODER.encode(r));
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void deepflowOnlyTracesAreWellFormedToo(long seed, int size) {
        TracingResult r = deepflowOnly(seed, size);
        TracesData d = ENCODER.encode(r);

        assertWellFormedAndFaithful(r, d);
        assertThat(OtlpView.spans(d)).filteredOn(p -> p.parentSpanId().isEmpty())
                .allSatisfy(p -> assertThat(p.str(OtlpAttributes.TRACE_ID_SOURCE)).isEqualTo("derived"));
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void jsonAndProtobufDecodeToTheSameTraces(long seed, int size) throws Exception {
        TracingResult r = traced(seed, size);

        TracesData fromProto = TracesData.parseFrom(ENCODER.encodeProto(r));
        TracesData fromJson = TracesDataJsonReader.read(ENCODER.encodeJson(r));

        assertThat(fromJson).isEqualTo(fromProto).isEqualTo(ENCODER.encode(r));
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void theBytesAreTheSameOnEveryRun(long seed, int size) {
        TracingResult first = traced(seed, size);
        TracingResult second = traced(seed, size);

        // a fresh engine run and a fresh encoder: nothing may depend on identity, hashing or chance
        assertThat(new OtlpTraceEncoder().encodeProto(second)).isEqualTo(ENCODER.encodeProto(first));
        assertThat(new OtlpTraceEncoder().encodeJson(second)).isEqualTo(ENCODER.encodeJson(first));
        assertThat(new OtlpTraceEncoder().encodeProto(deepflowOnly(seed, size)))
                .isEqualTo(ENCODER.encodeProto(deepflowOnly(seed, size)));
    }

    private static void assertWellFormedAndFaithful(TracingResult r, TracesData d) {
        Map<Integer, TracedSpan> engine = new HashMap<>();
        for (TracedSpan s : r.tracing()) {
            engine.putIfAbsent(s.id(), s);
        }
        List<OtlpView.Placed> spans = OtlpView.spans(d);
        assertThat(spans).as("one span per distinct engine span").hasSize(engine.size());

        // one trace id, 16 bytes, not zero, which is also the Kafka key
        Set<String> traceIds = new HashSet<>();
        spans.forEach(p -> traceIds.add(p.traceId()));
        assertThat(traceIds).hasSize(1);
        String traceId = traceIds.iterator().next();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(OtlpTraceEncoder.kafkaKey(d)).isEqualTo(traceId).isEqualTo(ENCODER.kafkaKey(r));

        // unique valid span ids; every parent present or the span is a root
        Map<String, OtlpView.Placed> byId = new HashMap<>();
        Map<Integer, OtlpView.Placed> byIndex = new HashMap<>();
        for (OtlpView.Placed p : spans) {
            assertThat(p.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
            assertThat(byId.put(p.spanId(), p)).as("span id %s used twice", p.spanId()).isNull();
            assertThat(byIndex.put((int) p.attr(OtlpAttributes.INDEX).getIntValue(), p)).isNull();
        }
        for (OtlpView.Placed p : spans) {
            assertThat(p.parentSpanId()).isNotEqualTo(p.spanId());
            if (!p.parentSpanId().isEmpty()) {
                assertThat(byId).as("parent of %s is in the trace", p.spanId()).containsKey(p.parentSpanId());
            }
        }

        // the tree is the engine's: parent by index, and by deepflow_span_id text
        for (OtlpView.Placed p : spans) {
            TracedSpan s = engine.get((int) p.attr(OtlpAttributes.INDEX).getIntValue());
            if (s.parentId() < 0) {
                assertThat(p.parentSpanId()).as("engine root %d", s.id()).isEmpty();
                assertThat(s.deepflowParentSpanId()).isEmpty();
            } else {
                OtlpView.Placed parent = byId.get(p.parentSpanId());
                assertThat(parent).as("parent of %d", s.id()).isNotNull();
                assertThat(parent.attr(OtlpAttributes.INDEX).getIntValue()).isEqualTo(s.parentId());
                assertThat(parent.str(OtlpAttributes.DEEPFLOW_SPAN_ID)).isEqualTo(s.deepflowParentSpanId());
            }
            assertThat(p.str(OtlpAttributes.DEEPFLOW_SPAN_ID)).isEqualTo(s.deepflowSpanId());
            assertThat(p.str(OtlpAttributes.MOUNT_REASON)).isEqualTo(s.setParentInfo());
            assertThat(p.attr(OtlpAttributes.SELFTIME_US).getIntValue()).isEqualTo(s.selftime());
            assertThat(p.attr(OtlpAttributes.PARENT_UNLINKED)).isNull();
        }

        // app spans keep their own span ids (the generator gives each a distinct valid one)
        for (TracedSpan s : engine.values()) {
            if (s.flow().signalSource() == SignalSource.OTEL) {
                assertThat(byIndex.get(s.id()).spanId()).isEqualTo(s.flow().spanId());
            }
        }
    }
}
