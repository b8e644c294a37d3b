package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.search.SearchQuery;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the search needs from storage: DeepFlow's queries against {@code l7_flow_log} (spec §4).
 * Implementations: an in-memory index over a file, and the stream's state stores.
 *
 * <p>Every list is ordered by {@link FlowOrder#BY_START_THEN_ID} and cut at {@code limit} after
 * ordering, so that results do not depend on the implementation.
 */
public interface FlowIndex {

    /** The row with this {@code _id}, whatever its time. */
    Optional<Flow> findById(String id);

    /** The first row (in {@link FlowOrder}) whose trace ids include {@code traceId}, inside the window. */
    Optional<Flow> findFirstByTraceId(String traceId, TimeWindow window);

    /**
     * Rows whose trace ids include any of {@code traceIds}, inside the window.
     *
     * @param otelOnly only rows with {@code signal_source = 4}
     */
    List<Flow> findByTraceIds(Collection<String> traceIds, TimeWindow window, boolean otelOnly, int limit);

    /** Rows matching the association query, inside the window. */
    List<Flow> findAssociated(AssociationQuery query, TimeWindow window, int limit);

    /** Answers a query of a search or completion run. */
    default List<Flow> answer(SearchQuery query) {
        if (query instanceof SearchQuery.ByTraceIds q) {
            return findByTraceIds(q.traceIds(), q.window(), q.otelOnly(), q.limit());
        }
        SearchQuery.ByAssociation q = (SearchQuery.ByAssociation) query;
        return findAssociated(q.query(), q.window(), q.limit());
    }
}
