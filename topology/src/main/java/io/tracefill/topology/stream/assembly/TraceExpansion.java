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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trace Completion of one trace's app spans — or, for a seed, L7FlowTracing from its entry row —
 * driven one query at a time across messages.
 *
 * <p>What is stored is the trace's state and the per-key answers of every round; from them the
 * engine's run ({@link CompletionRun}, {@link FlowTracingRun}) can always be rebuilt by replaying
 * the answers (the engine is deterministic), so a restarted or moved task continues exactly where
 * the old one stopped. The live runs of expanding traces are also kept in memory (at most
 * {@code tracefill.assembly.live-runs} per task, least recently used first out), so an answer
 * costs one store write and a round one engine step, not a replay of every round so far. The
 * memory copy is only a cache: the processor makes a new expansion on every task
 * (re)initialisation, after which the stores are the truth again.
 *
 * <p>App spans enter the run in {@link FlowOrder} (start time, then id), whatever order they
 * arrived in; the offline equivalent is {@code TraceCompletion.complete(spansInFlowOrder, ...)}.
 * A seed's is {@code L7FlowTracing.trace(TraceRequest(entry._id, window = FlowTracingRun.windowOf(entry)))}.
 */
final class TraceExpansion {
    private final TracingConfig config;
    private final TraceStores stores;
    private final Map<String, LiveRun> live;

    TraceExpansion(TracingConfig config, TraceStores stores, int maxLiveRuns) {
        this.config = config;
        this.stores = stores;
        this.live = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LiveRun> eldest) {
                return size() > maxLiveRuns;
            }
        };
    }

    /**
     * Either the next query to probe for ({@code probes}) or the finished trace ({@code result});
     * either way with the rows the search has {@code found} so far.
     */
    record Step(TraceState state, SearchQuery probes, TracingResult result, List<Flow> found) {
    }

    /** What an answer did. */
    enum Arrival { STALE, WAITING, ROUND_COMPLETE }

    /** The run of one expanding trace and the answers of its current round. */
    private static final class LiveRun {
        final ResumableRun run;
        int round;
        int awaited;
        final Map<String, TraceStores.Partial> partials = new LinkedHashMap<>();

        LiveRun(ResumableRun run, int round, int awaited) {
            this.run = run;
            this.round = round;
            this.awaited = awaited;
        }
    }

    Step start(String traceId, TraceState open) {
        LiveRun run = new LiveRun(newRun(traceId, open), 0, 0);
        return proceed(traceId, open.expanding(0, 0, open.cutKeys()), run);
    }

    /**
     * Files one key's answer of a round.
     *
     * @param state the trace's stored state, read only when the run is not in memory
     */
    Arrival arrive(String traceId, int round, TraceStores.Partial answer, StateReader state) {
        LiveRun run = live.get(traceId);
        if (run == null) {
            TraceState stored = state.read();
            if (stored == null || stored.phase() != TraceState.Phase.EXPANDING) {
                return Arrival.STALE;
            }
            run = rebuild(traceId, stored);
        }
        if (run.round != round || run.partials.containsKey(answer.key())) {
            return Arrival.STALE;
        }
        stores.putPartial(traceId, round, answer);
        run.partials.put(answer.key(), answer);
        return run.partials.size() < run.awaited ? Arrival.WAITING : Arrival.ROUND_COMPLETE;
    }

    /** The stored state, read lazily. */
    interface StateReader {
        TraceState read();
    }

    /** Every key of the current query has answered ({@link Arrival#ROUND_COMPLETE}): merge, go on. */
    Step roundComplete(String traceId, TraceState state) {
        LiveRun run = live.get(traceId);
        if (run == null || run.round != state.round()) {
            run = rebuild(traceId, state);
        }
        SearchQuery q = run.run.awaiting().orElseThrow();
        int cut = 0;
        List<List<Flow>> rows = new ArrayList<>(run.partials.size());
        for (TraceStores.Partial p : run.partials.values()) {
            rows.add(p.flows());
            cut += p.cut() ? 1 : 0;
        }
        run.run.answer(AnswerMerger.merge(q, rows));
        return proceed(traceId, state.expanding(state.round() + 1, 0, state.cutKeys() + cut), run);
    }

    /** The trace left its expansion (emitted, reopened, forgotten). */
    void forget(String traceId) {
        live.remove(traceId);
    }

    private Step proceed(String traceId, TraceState state, LiveRun run) {
        while (!run.run.done()) {
            SearchQuery q = run.run.awaiting().orElseThrow();
            int keys = CorrelationKey.of(q).size();
            if (keys > 0) {
                run.round = state.round();
                run.awaited = keys;
                run.partials.clear();
                live.put(traceId, run);
                return new Step(state.expanding(state.round(), keys, state.cutKeys()), q, null, run.run.found());
            }
            // a query without keys matches nothing: no round trip, nothing stored
            run.run.answer(List.of());
            state = state.expanding(state.round() + 1, 0, state.cutKeys());
        }
        live.remove(traceId);
        return new Step(state, null, run.run.result(), run.run.found());
    }

    /** A seed's state holds its one entry row where an app trace holds its app spans. */
    private ResumableRun newRun(String traceId, TraceState state) {
        if (SeedRule.isSeedKey(traceId)) {
            Flow entry = state.appSpans().get(0);
            return new FlowTracingRun(entry, FlowTracingRun.windowOf(entry), config);
        }
        return new CompletionRun(inFlowOrder(state.appSpans()), config);
    }

    /** The run replayed from the stored answers of the rounds before the state's, plus the current round's so far. */
    private LiveRun rebuild(String traceId, TraceState state) {
        ResumableRun run = newRun(traceId, state);
        for (int r = 0; r < state.round(); r++) {
            List<List<Flow>> rows = new ArrayList<>();
            for (TraceStores.Partial p : stores.partials(traceId, r)) {
                rows.add(p.flows());
            }
            run.answer(AnswerMerger.merge(run.awaiting().orElseThrow(), rows));
        }
        LiveRun rebuilt = new LiveRun(run, state.round(), state.awaitedKeys());
        for (TraceStores.Partial p : stores.partials(traceId, state.round())) {
            rebuilt.partials.put(p.key(), p);
        }
        live.put(traceId, rebuilt);
        return rebuilt;
    }

    static List<Flow> inFlowOrder(List<Flow> spans) {
        List<Flow> sorted = new ArrayList<>(spans);
        sorted.sort(FlowOrder.BY_START_THEN_ID);
        return sorted;
    }
}
