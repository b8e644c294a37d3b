package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.Flow;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a relation test sees of one flow: the row, its trace id set, and a position that
 * identifies it in the list being related.
 *
 * @param key     position in the list (the merged record's index in the sort stage)
 * @param fullRow false in the search stage, where only DeepFlow's "flowmeta" columns were
 *                selected: conflict tests then see only those columns (spec §2.1, §4.5.2)
 */
public record TraceInfo(int key, Flow row, Set<String> traceIds, boolean fullRow) {

    public static TraceInfo searchView(int key, Flow row) {
        return new TraceInfo(key, row, new HashSet<>(row.traceIds()), false);
    }

    public static TraceInfo sortView(int key, Flow row, Collection<String> traceIds) {
        return new TraceInfo(key, row, new HashSet<>(traceIds), true);
    }

    /** A sort-stage view whose trace id set is shared with every record carrying the same ids. */
    public static TraceInfo sortView(int key, Flow row, List<String> traceIds, Map<List<String>, Set<String>> shared) {
        return new TraceInfo(key, row, shared.computeIfAbsent(traceIds, HashSet::new), true);
    }

    public boolean sharesTraceId(TraceInfo other) {
        if (traceIds == other.traceIds) {
            return !traceIds.isEmpty(); // one shared set: the common case inside a trace
        }
        Set<String> small = traceIds.size() <= other.traceIds.size() ? traceIds : other.traceIds;
        Set<String> large = small == traceIds ? other.traceIds : traceIds;
        for (String t : small) {
            if (large.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
