package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.FlowOrder;
import io.tracefill.tracing.search.SearchQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-key answers of one query into the query's answer: the union of the rows (a row
 * filed under several probed keys counts once), in {@link FlowOrder}, cut at the query's limit.
 * Each key's answer is that key's first {@code limit} rows in the window, so the first
 * {@code limit} rows of the union are among them: the result equals what a single index over all
 * rows returns for the query ({@code FlowIndex#answer}).
 */
public final class AnswerMerger {
    private AnswerMerger() {
    }

    public static List<Flow> merge(SearchQuery query, Collection<List<Flow>> perKey) {
        Map<String, Flow> byId = new LinkedHashMap<>();
        for (List<Flow> rows : perKey) {
            for (Flow f : rows) {
                if (query.window().contains(f)) {
                    byId.putIfAbsent(f.id(), f);
                }
            }
        }
        List<Flow> all = new ArrayList<>(byId.values());
        all.sort(FlowOrder.BY_START_THEN_ID);
        return all.size() <= query.limit() ? all : List.copyOf(all.subList(0, query.limit()));
    }
}
