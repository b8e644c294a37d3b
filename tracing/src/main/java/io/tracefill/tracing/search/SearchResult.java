package io.tracefill.tracing.search;

import io.tracefill.serdes.model.Flow;

import java.util.List;

/**
 * The flows a search found, in the order found, and how it went.
 *
 * @param rounds     rounds started
 * @param hitLimit   some query returned {@code l7_tracing_limit} rows, so rows may have been cut
 */
public record SearchResult(List<Flow> flows, int rounds, boolean hitLimit) {
    public SearchResult {
        flows = List.copyOf(flows);
    }
}
