package io.tracefill.tracing;

import io.tracefill.tracing.search.SearchResult;

import java.util.List;

/** Notes a search leaves on its result. */
final class SearchNotes {
    private SearchNotes() {
    }

    static void add(SearchResult result, TracingConfig config, List<String> notes) {
        if (result.hitLimit()) {
            notes.add("a search query returned l7_tracing_limit (" + config.l7TracingLimit()
                    + ") rows; rows beyond the limit were not considered");
        }
    }
}
