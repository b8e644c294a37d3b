package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.search.SearchQuery;
import io.tracefill.tracing.search.SearchRequest;
import io.tracefill.tracing.search.SearchRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trace Completion (spec §12) as a resumable state machine: first the entry row (any stored row
 * of the first app span's trace id in the app spans' window), then the search from it, then
 * merge, sort and output with the app spans appended. {@link TraceCompletion} answers the
 * queries from a {@link FlowIndex}; the stream answers them through probe topics.
 */
public final class CompletionRun implements ResumableRun {
    private final List<Flow> appSpans;
    private final TracingConfig config;
    private final TimeWindow window;
    private final String entryAppId;
    private final String entryTraceId;
    private final List<String> notes = new ArrayList<>();
    private SearchQuery awaited;
    private SearchRun search;
    private boolean done;

    /**
     * @param appSpans app span rows in the order that decides the entry (the first with a trace id)
     * @param config   the engine's configuration, max_iteration and network_delay_us already applied
     */
    public CompletionRun(List<Flow> appSpans, TracingConfig config) {
        if (appSpans.isEmpty()) {
            throw new IllegalArgumentException("app_spans must hold at least one span");
        }
        this.appSpans = List.copyOf(appSpans);
        this.config = config;
        this.window = windowOf(appSpans);
        Flow entryApp = entryAppSpan(appSpans);
        this.entryAppId = entryApp.id();
        this.entryTraceId = entryApp.traceId();
        if (entryTraceId.isEmpty()) {
            noRows();
        } else {
            // the first row in FlowOrder, like any other index answer cut at a limit of one
            awaited = new SearchQuery.ByTraceIds(List.of(entryTraceId), window, false, 1);
        }
    }

    @Override
    public Optional<SearchQuery> awaiting() {
        return Optional.ofNullable(awaited);
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public void answer(List<Flow> rows) {
        if (awaited == null) {
            throw new IllegalStateException("the completion awaits no query");
        }
        awaited = null;
        if (search == null) {
            if (rows.isEmpty()) {
                noRows();
                return;
            }
            List<String> extraAllowed = new ArrayList<>();
            if (config.allowMultipleTraceIds()) {
                for (Flow s : appSpans) {
                    extraAllowed.add(s.traceId());
                }
            }
            search = new SearchRun(new SearchRequest(rows.get(0), null, extraAllowed, window, false), config);
        } else {
            search.answer(rows);
        }
        awaited = search.awaiting().orElse(null);
        done = awaited == null;
    }

    private void noRows() {
        notes.add("D1: no DeepFlow row carries trace id '" + entryTraceId + "' in seconds [" + window.startS() + ", "
                + window.endS() + "]; the app spans are returned alone (DeepFlow fails with HTTP 500 here)");
        done = true;
    }

    /** The stored rows found so far (none before the entry lookup has answered). */
    @Override
    public List<Flow> found() {
        return search == null ? List.of() : search.result().flows();
    }

    @Override
    public TracingResult result() {
        if (!done) {
            throw new IllegalStateException("the completion has not finished");
        }
        List<Flow> stored = List.of();
        if (search != null) {
            var found = search.result();
            SearchNotes.add(found, config, notes);
            stored = found.flows();
        }
        return TraceBuilder.build(stored, appSpans, entryAppId, config, notes);
    }

    /** The first span with a trace id, else the last span. */
    static Flow entryAppSpan(List<Flow> spans) {
        for (Flow s : spans) {
            if (!s.traceId().isEmpty()) {
                return s;
            }
        }
        return spans.get(spans.size() - 1);
    }

    /**
     * {@code [min start s − 3, max end s + 3]}. DeepFlow treats a zero start second as "not set",
     * so zero starts are skipped unless all are zero.
     */
    static TimeWindow windowOf(List<Flow> spans) {
        long min = 0;
        long max = 0;
        for (Flow s : spans) {
            long startS = s.startTimeUs() / 1_000_000L;
            long endS = s.endTimeUs() / 1_000_000L;
            min = min == 0 ? startS : Math.min(min, startS);
            max = max == 0 ? endS : Math.max(max, endS);
        }
        return new TimeWindow(min - 3, max + 3);
    }
}
