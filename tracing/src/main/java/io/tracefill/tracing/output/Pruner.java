package io.tracefill.tracing.output;

import io.tracefill.tracing.util.PyDisjointSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops trees unrelated to the entry (spec §11.3): a tree survives if its time range overlaps
 * the entry tree's within the host clock offset, or if it shares a trace-id group with it.
 */
final class Pruner {
    private static final class TreeInfo {
        long minStart;
        long maxEnd;
        final Set<String> traceIds = new HashSet<>();
    }

    private Pruner() {
    }

    static List<OutputRecord> prune(List<OutputRecord> records, String entryId, long hostClockOffsetUs) {
        PyDisjointSet trees = new PyDisjointSet();
        for (OutputRecord r : records) {
            trees.put(r.id(), r.parentId);
            trees.get(r.id());
        }
        Map<Integer, TreeInfo> infos = new LinkedHashMap<>();
        int entryRoot = -1;
        for (OutputRecord r : records) {
            int root = trees.get(r.id());
            if (entryId != null && r.record.ids().contains(entryId)) {
                entryRoot = root;
            }
            TreeInfo info = infos.get(root);
            if (info == null) {
                info = new TreeInfo();
                info.minStart = r.row().startTimeUs();
                info.maxEnd = r.row().endTimeUs();
                infos.put(root, info);
            } else {
                info.minStart = Math.min(info.minStart, r.row().startTimeUs());
                info.maxEnd = Math.max(info.maxEnd, r.row().endTimeUs());
            }
        }
        if (infos.size() == 1) {
            return records;
        }
        Map<String, Integer> traceIdNumber = new LinkedHashMap<>();
        for (OutputRecord r : records) {
            List<String> ids = r.record.traceIds();
            if (ids.isEmpty()) {
                continue;
            }
            infos.get(trees.get(r.id())).traceIds.addAll(ids);
            for (String t : ids) {
                traceIdNumber.putIfAbsent(t, traceIdNumber.size());
            }
        }
        // trace ids that occur together on one record form one group
        PyDisjointSet groups = new PyDisjointSet();
        for (OutputRecord r : records) {
            List<String> ids = r.record.traceIds();
            if (ids.isEmpty()) {
                continue;
            }
            int parentRoot = groups.get(traceIdNumber.get(ids.get(0)));
            for (String t : ids.subList(1, ids.size())) {
                int childNumber = traceIdNumber.get(t);
                int childRoot = groups.get(childNumber);
                if (childRoot != parentRoot) {
                    groups.put(childRoot, parentRoot);
                    groups.get(childNumber);
                }
            }
        }
        if (entryRoot < 0) {
            return records; // entry not in the output (e.g. dropped in a cycle): keep everything
        }
        TreeInfo entry = infos.get(entryRoot);
        Set<Integer> entryGroups = groupsOf(entry, traceIdNumber, groups);
        List<OutputRecord> kept = new ArrayList<>();
        for (Map.Entry<Integer, TreeInfo> e : infos.entrySet()) {
            TreeInfo tree = e.getValue();
            boolean overlaps = tree.maxEnd + hostClockOffsetUs >= entry.minStart
                    && entry.maxEnd + hostClockOffsetUs >= tree.minStart;
            if (!overlaps) {
                Set<Integer> treeGroups = groupsOf(tree, traceIdNumber, groups);
                treeGroups.retainAll(entryGroups);
                if (entryGroups.isEmpty() || treeGroups.isEmpty()) {
                    continue;
                }
            }
            for (OutputRecord r : records) {
                if (trees.get(r.id()) == e.getKey()) {
                    kept.add(r);
                }
            }
        }
        return kept;
    }

    private static Set<Integer> groupsOf(TreeInfo tree, Map<String, Integer> numbers, PyDisjointSet groups) {
        Set<Integer> out = new HashSet<>();
        for (String t : tree.traceIds) {
            out.add(groups.get(numbers.get(t)));
        }
        return out;
    }
}
