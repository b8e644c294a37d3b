package io.tracefill.tracing.search;

import io.tracefill.tracing.AssociationQuery;
import io.tracefill.tracing.TimeWindow;

import java.util.List;

/** A query a {@link SearchRun} waits for: the storage answers it with rows in {@code FlowOrder}, cut at {@code limit}. */
public sealed interface SearchQuery {

    TimeWindow window();

    int limit();

    /** Rows carrying any of the trace ids (round part a). */
    record ByTraceIds(List<String> traceIds, TimeWindow window, boolean otelOnly, int limit) implements SearchQuery {
        public ByTraceIds {
            traceIds = List.copyOf(traceIds);
        }
    }

    /** Rows matching the association keys (round part b). */
    record ByAssociation(AssociationQuery query, TimeWindow window, int limit) implements SearchQuery {
    }
}
