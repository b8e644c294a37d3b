package io.tracefill.tracing.search;

import io.tracefill.tracing.FlowIndex;
import io.tracefill.tracing.TracingConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 of DeepFlow's tracing: iterative expansion from an entry row over correlation keys
 * (spec §4.3), answering each query of a {@link SearchRun} from a {@link FlowIndex} at once.
 */
public final class FlowSearch {
    private final FlowIndex index;
    private final TracingConfig config;

    public FlowSearch(FlowIndex index, TracingConfig config) {
        this.index = index;
        this.config = config;
    }

    public SearchResult search(SearchRequest request) {
        SearchRun run = new SearchRun(request, config);
        while (run.awaiting().isPresent()) {
            run.answer(index.answer(run.awaiting().get()));
        }
        return run.result();
    }

    /** Trace ids in the order written, trimmed, empty parts dropped (the search reads them unsorted). */
    static List<String> splitInOrder(String raw) {
        List<String> ids = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return ids;
        }
        for (String part : raw.split(",")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                ids.add(t);
            }
        }
        return ids;
    }
}
