package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.search.SearchQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@link FlowIndex} over rows held in memory, with one posting list per correlation key so a
 * query touches only the rows that can match. Rows with an {@code _id} seen before are ignored,
 * as the reference drops duplicate ids.
 */
public final class InMemoryFlowIndex implements FlowIndex {
    private final Map<String, Flow> byId = new LinkedHashMap<>();
    private final Map<CorrelationKey, List<Flow>> byKey = new HashMap<>();
    private final List<String> duplicateIds = new ArrayList<>();

    public InMemoryFlowIndex(Collection<Flow> flows) {
        for (Flow f : flows) {
            add(f);
        }
    }

    private void add(Flow f) {
        if (byId.putIfAbsent(f.id(), f) != null) {
            duplicateIds.add(f.id());
            return;
        }
        for (CorrelationKey key : CorrelationKey.of(f)) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
    }

    public int size() {
        return byId.size();
    }

    /** Ids that occurred more than once in the input (all but the first occurrence ignored). */
    public List<String> duplicateIds() {
        return List.copyOf(duplicateIds);
    }

    public Collection<Flow> flows() {
        return byId.values();
    }

    @Override
    public Optional<Flow> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Flow> findFirstByTraceId(String traceId, TimeWindow window) {
        return byKey.getOrDefault(new CorrelationKey(CorrelationKey.Kind.TRACE_ID, traceId), List.of()).stream()
                .filter(window::contains)
                .min(FlowOrder.BY_START_THEN_ID);
    }

    @Override
    public List<Flow> findByTraceIds(Collection<String> traceIds, TimeWindow window, boolean otelOnly, int limit) {
        Predicate<Flow> signal = f -> !otelOnly || f.signalSource() == SignalSource.OTEL;
        return ordered(lookup(CorrelationKey.of(new SearchQuery.ByTraceIds(List.copyOf(traceIds), window, otelOnly,
                limit))), window, signal, limit);
    }

    @Override
    public List<Flow> findAssociated(AssociationQuery q, TimeWindow window, int limit) {
        return ordered(lookup(CorrelationKey.of(new SearchQuery.ByAssociation(q, window, limit))), window, q::matches,
                limit);
    }

    private Set<Flow> lookup(List<CorrelationKey> keys) {
        Set<Flow> hits = identitySet();
        for (CorrelationKey key : keys) {
            hits.addAll(byKey.getOrDefault(key, List.of()));
        }
        return hits;
    }

    /** Rows are stored once each, so identity is the cheap and exact way to de-duplicate hits. */
    private static Set<Flow> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static List<Flow> ordered(Set<Flow> hits, TimeWindow window, Predicate<Flow> filter, int limit) {
        List<Flow> out = new ArrayList<>(hits.size());
        for (Flow f : hits) {
            if (window.contains(f) && filter.test(f)) {
                out.add(f);
            }
        }
        out.sort(FlowOrder.BY_START_THEN_ID);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
