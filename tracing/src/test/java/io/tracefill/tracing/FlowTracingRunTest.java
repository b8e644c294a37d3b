package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.gen.TraceCorpus;
import io.tracefill.tracing.gen.TraceShape;
import io.tracefill.tracing.search.SearchQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** L7FlowTracing from an entry row, driven query by query, equals the one-call engine. */
class FlowTracingRunTest {

    private static List<Flow> deepflowRows(TraceCorpus corpus) {
        List<Flow> rows = new ArrayList<>(corpus.flows());
        rows.removeIf(f -> f.signalSource() == SignalSource.OTEL);
        return rows;
    }

    private static TracingResult driven(Flow entry, FlowIndex index, TracingConfig config, List<SearchQuery> asked) {
        FlowTracingRun run = new FlowTracingRun(entry, FlowTracingRun.windowOf(entry), config);
        while (!run.done()) {
            SearchQuery q = run.awaiting().orElseThrow();
            asked.add(q);
            run.answer(index.answer(q));
        }
        assertThat(run.awaiting()).isEmpty();
        assertThat(run.found().get(0).id()).isEqualTo(entry.id());
        return run.result();
    }

    private static void assertEquivalent(TracingConfig config) {
        TraceCorpus corpus = TraceCorpus.build(17, TraceShape.ofSize(60).withDnsShare(0.2), 4_000);
        List<Flow> rows = deepflowRows(corpus);
        InMemoryFlowIndex index = new InMemoryFlowIndex(rows);
        L7FlowTracing engine = new L7FlowTracing(index, config);
        int withoutTraceId = 0;
        int multiQuery = 0;
        // every 7th row: all tap sides, with and without trace ids, traces and noise
        for (int i = 0; i < rows.size(); i += 7) {
            Flow entry = rows.get(i);
            TimeWindow w = FlowTracingRun.windowOf(entry);
            TracingResult expected = engine.trace(new TraceRequest(entry.id(), null, w, null, null, null, false));
            List<SearchQuery> asked = new ArrayList<>();
            assertThat(driven(entry, index, config, asked)).as("entry %s (%s)", entry.id(), entry.tapSide())
                    .isEqualTo(expected);
            withoutTraceId += entry.traceId().isEmpty() ? 1 : 0;
            multiQuery += asked.size() > 1 ? 1 : 0;
        }
        assertThat(withoutTraceId).as("entries without a trace id").isGreaterThan(50);
        assertThat(multiQuery).as("entries whose search took several queries").isGreaterThan(200);
    }

    @Test
    @DisplayName("driven query by query from many entries, the run equals L7FlowTracing over the same index")
    void equalsL7FlowTracingForManyEntries() {
        assertEquivalent(TracingConfig.defaults());
    }

    @Test
    @DisplayName("the same with DNS ids followed, several trace ids allowed and a small row limit")
    void equalsL7FlowTracingUnderOtherSettings() {
        assertEquivalent(TracingConfig.defaults()
                .withTracingSources(EnumSet.allOf(TracingSource.class))
                .withAllowMultipleTraceIds(true)
                .withL7TracingLimit(5));
    }

    @Test
    @DisplayName("the seed window pads the entry's start and end second by three seconds")
    void windowPadsTheEntrysSeconds() {
        Flow entry = Flow.builder().id("1").tapSide("s-p").signalSource(SignalSource.EBPF)
                .startTimeUs(1_700_000_010_900_000L).endTimeUs(1_700_000_012_100_000L).build();
        assertThat(FlowTracingRun.windowOf(entry)).isEqualTo(new TimeWindow(1_700_000_007L, 1_700_000_015L));
    }
}
