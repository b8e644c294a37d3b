package io.tracefill.tracing.relation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code subject → {candidate → relation bits}}, each level in insertion order (the reference's
 * nested dicts). The order is observable: it is the candidate order of every cross-set step and
 * the order of {@code related_ids}.
 */
public final class RelationMap {
    private final Map<Integer, LinkedHashMap<Integer, Integer>> map = new LinkedHashMap<>();

    void or(int subject, int candidate, int bits) {
        map.computeIfAbsent(subject, k -> new LinkedHashMap<>()).merge(candidate, bits, (a, b) -> a | b);
    }

    public boolean hasSubject(int subject) {
        return map.containsKey(subject);
    }

    /** Candidates of a subject with their bits, in insertion order; empty when none. */
    public Map<Integer, Integer> candidates(int subject) {
        Map<Integer, Integer> m = map.get(subject);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    public int bits(int subject, int candidate) {
        Map<Integer, Integer> m = map.get(subject);
        return m == null ? 0 : m.getOrDefault(candidate, 0);
    }
}
