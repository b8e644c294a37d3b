package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.gen.SyntheticTrace;
import io.tracefill.tracing.gen.TraceGenerator;
import io.tracefill.tracing.gen.TraceShape;
import io.tracefill.tracing.search.SearchQuery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Trace Completion for app spans given as full rows, step by step and all at once. */
class CompletionRunTest {
    private static final TracingConfig CONFIG = TracingConfig.defaults();

    private static List<Flow> appRows(SyntheticTrace t) {
        return t.rows().stream().filter(f -> f.signalSource() == 4).toList();
    }

    private static List<Flow> deepflowRows(SyntheticTrace t) {
        List<Flow> rows = new ArrayList<>(t.allRows());
        rows.removeIf(f -> f.signalSource() == 4);
        return rows;
    }

    @Test
    void appSpansGivenAsRowsKeepTheirFieldsAndGetTheirDeepFlowSpans() {
        SyntheticTrace t = TraceGenerator.generate(3, TraceShape.ofSize(60));
        InMemoryFlowIndex index = new InMemoryFlowIndex(deepflowRows(t));

        TracingResult r = new TraceCompletion(index, CONFIG).complete(appRows(t), null, null);

        TraceView v = new TraceView(r);
        for (Flow app : appRows(t)) {
            assertThat(v.span(app.id()).flow().appService()).isEqualTo(app.appService());
        }
        // every DeepFlow row of the trace is found around the app spans
        for (Flow row : t.rows()) {
            assertThat(v.kept(row.id())).as("row %s %s", row.id(), row.tapSide()).isTrue();
        }
    }

    @Test
    void drivingTheRunQueryByQueryGivesTheSameResult() {
        SyntheticTrace t = TraceGenerator.generate(5, TraceShape.ofSize(40));
        InMemoryFlowIndex index = new InMemoryFlowIndex(deepflowRows(t));
        TracingResult expected = new TraceCompletion(index, CONFIG).complete(appRows(t), null, null);

        CompletionRun run = new CompletionRun(appRows(t), TraceCompletion.configFor(CONFIG, null, null));
        List<SearchQuery> asked = new ArrayList<>();
        while (!run.done()) {
            SearchQuery q = run.awaiting().orElseThrow();
            asked.add(q);
            run.answer(index.answer(q));
        }

        assertThat(run.result()).isEqualTo(expected);
        assertThat(asked.get(0)).isInstanceOfSatisfying(SearchQuery.ByTraceIds.class,
                q -> assertThat(q.limit()).isEqualTo(1));
        assertThat(asked).hasSizeGreaterThan(2);
    }

    @Test
    void withoutStoredRowsTheAppSpansComeBackAloneWithANote() {
        SyntheticTrace t = TraceGenerator.generate(9, TraceShape.ofSize(20));

        TracingResult r = new TraceCompletion(new InMemoryFlowIndex(List.of()), CONFIG)
                .complete(appRows(t), null, null);

        assertThat(r.tracing()).hasSize(appRows(t).size());
        assertThat(r.notes()).anyMatch(n -> n.startsWith("D1:"));
    }
}
