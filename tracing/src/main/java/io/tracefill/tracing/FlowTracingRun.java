package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.search.SearchQuery;
import io.tracefill.tracing.search.SearchRequest;
import io.tracefill.tracing.search.SearchResult;
import io.tracefill.tracing.search.SearchRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DeepFlow's L7FlowTracing from a given entry row (spec §4–§11) as a resumable state machine,
 * as {@link CompletionRun} is for Trace Completion: the search from the entry, one query at a
 * time, then merge, sort and output. Driven by a {@link FlowIndex} it gives exactly what
 * {@link L7FlowTracing#trace} gives for {@code TraceRequest(entry._id, no trace id, window)};
 * the stream drives it through probe topics to trace DeepFlow-only requests.
 */
public final class FlowTracingRun implements ResumableRun {
    private final Flow entry;
    private final TracingConfig config;
    private final SearchRun search;

    /**
     * @param entry  the entry row (as the index holds it)
     * @param window {@code [time_start, time_end]} of the search, seconds on the rows' end time
     * @param config the engine's configuration
     */
    public FlowTracingRun(Flow entry, TimeWindow window, TracingConfig config) {
        this.entry = entry;
        this.config = config;
        this.search = new SearchRun(new SearchRequest(entry, null, List.of(), window, false), config);
    }

    /**
     * The window a trace seeded by {@code entry} is searched in: {@code [start s − 3, end s + 3]},
     * as Trace Completion pads its app spans' times ({@link CompletionRun}). Offline:
     * {@code tracefill trace --id <_id> --time-start <start s − 3> --time-end <end s + 3>}.
     */
    public static TimeWindow windowOf(Flow entry) {
        return CompletionRun.windowOf(List.of(entry));
    }

    @Override
    public Optional<SearchQuery> awaiting() {
        return search.awaiting();
    }

    @Override
    public boolean done() {
        return search.done();
    }

    @Override
    public void answer(List<Flow> rows) {
        search.answer(rows);
    }

    @Override
    public List<Flow> found() {
        return search.result().flows();
    }

    @Override
    public TracingResult result() {
        if (!done()) {
            throw new IllegalStateException("the tracing has not finished");
        }
        SearchResult found = search.result();
        List<String> notes = new ArrayList<>();
        SearchNotes.add(found, config, notes);
        return TraceBuilder.build(found.flows(), List.of(), entry.id(), config, notes);
    }
}
