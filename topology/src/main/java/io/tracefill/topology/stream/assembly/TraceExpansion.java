package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.topology.stream.SeedRule;
import io.tracefill.tracing.CompletionRun;
import io.tracefill.tracing.CorrelationKey;
import io.tracefill.tracing.FlowOrder;
import io.tracefill.tracing.FlowTracingRun;
import io.tracefill.tracing.ResumableRun;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.search.SearchQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Trace Completion of one trace's app spans — or, for a seed, L7FlowTracing from its entry row —
 * driven one query at a time across messages. The engine's run ({@link CompletionRun},
 * {@link FlowTracingRun}) is not stored: it is rebuilt from the app spans (the entry row) and
 * replayed with the answers kept so far, which gives the same run (the engine is deterministic)
 * and keeps the stored state small and versionable.
 *
 * <p>App spans enter the run in {@link FlowOrder} (start time, then id), whatever order they
 * arrived in; the offline equivalent is {@code TraceCompletion.complete(spansInFlowOrder, ...)}.
 * A seed's is {@code L7FlowTracing.trace(TraceRequest(entry._id, window = FlowTracingRun.windowOf(entry)))}.
 */
final class TraceExpansion {
    private final TracingConfig config;
    private final TraceStores stores;

    TraceExpansion(TracingConfig config, TraceStores stores) {
        this.config = config;
        this.stores = stores;
    }

    /**
     * Either the next query to probe for ({@code probes}) or the finished trace ({@code result});
     * either way with the rows the search has {@code found} so far.
     */
    record Step(TraceState state, SearchQuery probes, TracingResult result, List<Flow> found) {
    }

    Step start(String traceId, TraceState open) {
        return proceed(traceId, open.expanding(0, 0), newRun(traceId, open));
    }

    /** Every key of the current query has answered: merge, record, go on. */
    Step roundComplete(String traceId, TraceState state) {
        ResumableRun run = replay(traceId, state);
        SearchQuery q = run.awaiting().orElseThrow();
        List<Flow> merged = AnswerMerger.merge(q, stores.takePartials(traceId, state.round()));
        stores.putAnswer(traceId, state.round(), merged);
        run.answer(merged);
        return proceed(traceId, state.expanding(state.round() + 1, 0), run);
    }

    private Step proceed(String traceId, TraceState state, ResumableRun run) {
        while (!run.done()) {
            SearchQuery q = run.awaiting().orElseThrow();
            int keys = CorrelationKey.of(q).size();
            if (keys > 0) {
                return new Step(state.expanding(state.round(), keys), q, null, run.found());
            }
            // a query without keys matches nothing: no round trip needed
            stores.putAnswer(traceId, state.round(), List.of());
            run.answer(List.of());
            state = state.expanding(state.round() + 1, 0);
        }
        return new Step(state, null, run.result(), run.found());
    }

    /** A seed's state holds its one entry row where an app trace holds its app spans. */
    private ResumableRun newRun(String traceId, TraceState state) {
        if (SeedRule.isSeedKey(traceId)) {
            Flow entry = state.appSpans().get(0);
            return new FlowTracingRun(entry, FlowTracingRun.windowOf(entry), config);
        }
        return new CompletionRun(inFlowOrder(state.appSpans()), config);
    }

    private ResumableRun replay(String traceId, TraceState state) {
        ResumableRun run = newRun(traceId, state);
        for (int r = 0; r < state.round(); r++) {
            run.answer(stores.answer(traceId, r));
        }
        return run;
    }

    static List<Flow> inFlowOrder(List<Flow> spans) {
        List<Flow> sorted = new ArrayList<>(spans);
        sorted.sort(FlowOrder.BY_START_THEN_ID);
        return sorted;
    }
}
