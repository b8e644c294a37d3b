package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.gen.SyntheticTrace;
import io.tracefill.tracing.gen.TraceCorpus;
import io.tracefill.tracing.gen.TraceGenerator;
import io.tracefill.tracing.gen.TraceShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the engine on generated traces (not the spec's examples): the result depends on
 * the rows, not on their order or on unrelated traffic, and is always a well-formed forest.
 */
class EnginePropertiesTest {
    private static final TracingConfig CONFIG = TracingConfig.defaults();

    static Stream<Arguments> traces() {
        int[] sizes = {10, 40, 120, 300};
        return LongStream.rangeClosed(1, 12).boxed()
                .flatMap(seed -> java.util.Arrays.stream(sizes).mapToObj(size -> Arguments.of(seed, size)));
    }

    private static SyntheticTrace generated(long seed, int size) {
        return TraceGenerator.generate(seed, TraceShape.ofSize(size));
    }

    private static TracingResult trace(List<Flow> indexRows, String entryId) {
        return new L7FlowTracing(new InMemoryFlowIndex(indexRows), CONFIG).trace(TraceRequest.forId(entryId));
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void rowOrderDoesNotChangeTheResult(long seed, int size) {
        SyntheticTrace t = generated(seed, size);
        TracingResult expected = trace(t.allRows(), t.entryId());
        TracingResult expectedBuild = TraceBuilder.build(t.rows(), List.of(), t.entryId(), CONFIG, List.of());
        Random random = new Random(seed);
        for (int i = 0; i < 3; i++) {
            List<Flow> shuffled = new ArrayList<>(t.allRows());
            Collections.shuffle(shuffled, random);
            assertThat(trace(shuffled, t.entryId())).isEqualTo(expected);
            List<Flow> rows = new ArrayList<>(t.rows());
            Collections.shuffle(rows, random);
            assertThat(TraceBuilder.build(rows, List.of(), t.entryId(), CONFIG, List.of())).isEqualTo(expectedBuild);
        }
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void unrelatedTrafficDoesNotAttach(long seed, int size) {
        SyntheticTrace t = generated(seed, size);
        TracingResult alone = trace(t.rows(), t.entryId());

        TracingResult amongNoise = trace(t.allRows(), t.entryId());

        assertThat(amongNoise).isEqualTo(alone);
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void otherRequestsOfTheClusterDoNotAttach(long seed, int size) {
        TraceCorpus corpus = TraceCorpus.build(seed, TraceShape.ofSize(size), size * 8);
        SyntheticTrace probe = corpus.probe();

        TracingResult inCorpus = trace(corpus.flows(), probe.entryId());

        assertThat(inCorpus).isEqualTo(trace(probe.rows(), probe.entryId()));
    }

    @ParameterizedTest(name = "seed {0}, ~{1} rows")
    @MethodSource("traces")
    void resultIsAWellFormedForest(long seed, int size) {
        SyntheticTrace t = generated(seed, size);
        TracingResult r = trace(t.allRows(), t.entryId());

        assertThat(r.found()).isTrue();
        Map<String, TracedSpan> byDeepflowId = new HashMap<>();
        Map<Integer, TracedSpan> byIndex = new HashMap<>();
        for (TracedSpan s : r.tracing()) {
            byDeepflowId.putIfAbsent(s.deepflowSpanId(), s);
            byIndex.putIfAbsent(s.id(), s);
        }
        for (TracedSpan s : r.tracing()) {
            if (s.parentId() < 0) {
                assertThat(s.deepflowParentSpanId()).isEmpty();
                assertThat(s.setParentInfo()).isNull();
            } else {
                TracedSpan parent = byIndex.get(s.parentId());
                assertThat(parent).as("parent %d of %d is output", s.parentId(), s.id()).isNotNull();
                assertThat(s.deepflowParentSpanId()).isEqualTo(parent.deepflowSpanId());
                assertThat(parent.childs()).contains(s.id());
                assertThat(s.setParentInfo()).isNotBlank();
            }
            // no cycles: walking up ends at a root
            Set<Integer> seen = new HashSet<>();
            TracedSpan cursor = s;
            while (cursor.parentId() >= 0) {
                assertThat(seen.add(cursor.id())).as("cycle through %d", cursor.id()).isTrue();
                cursor = byIndex.get(cursor.parentId());
            }
            assertThat(s.selftime()).isBetween(0L, Math.max(0L, s.flow().endTimeUs() - s.flow().startTimeUs()));
            for (String related : s.relatedIds()) {
                int index = Integer.parseInt(related.substring(0, related.indexOf('-')));
                assertThat(byIndex).as("related span %d is output", index).containsKey(index);
            }
            long correction = r.hostClockCorrection().getOrDefault(s.flow().vtapId(), 0L);
            if (s.flow().signalSource() != 4) {
                assertThat(s.renderStartTimeUs()).isEqualTo(s.flow().startTimeUs() + correction);
            }
        }
        assertThat(byDeepflowId).hasSameSizeAs(byIndex); // deepflow span ids are unique per span
    }
}
