package io.tracefill.tracing.sort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Process span sets by instance, instances in first-seen order (the reference's {@code process_span_map}). */
final class ProcessSpanSets {
    private final Map<AutoInstance, List<ProcessSpanSet>> byInstance = new LinkedHashMap<>();

    boolean isEmpty() {
        return byInstance.isEmpty();
    }

    boolean contains(AutoInstance instance) {
        return byInstance.containsKey(instance);
    }

    /** The live list of an instance's sets, or an empty list. */
    List<ProcessSpanSet> of(AutoInstance instance) {
        List<ProcessSpanSet> sets = instance == null ? null : byInstance.get(instance);
        return sets == null ? List.of() : sets;
    }

    /** {@code map.get(primary, map.get(fallback, []))}. */
    List<ProcessSpanSet> ofOrElse(AutoInstance primary, AutoInstance fallback) {
        if (primary != null && byInstance.containsKey(primary)) {
            return byInstance.get(primary);
        }
        return of(fallback);
    }

    void put(AutoInstance instance, List<ProcessSpanSet> sets) {
        byInstance.put(instance, sets);
    }

    void add(AutoInstance instance, ProcessSpanSet set) {
        byInstance.computeIfAbsent(instance, k -> new ArrayList<>()).add(set);
    }

    Iterable<Map.Entry<AutoInstance, List<ProcessSpanSet>>> entries() {
        return byInstance.entrySet();
    }

    /** All sets, instance by instance. */
    List<ProcessSpanSet> flatten() {
        List<ProcessSpanSet> out = new ArrayList<>();
        for (List<ProcessSpanSet> sets : byInstance.values()) {
            out.addAll(sets);
        }
        return out;
    }
}
