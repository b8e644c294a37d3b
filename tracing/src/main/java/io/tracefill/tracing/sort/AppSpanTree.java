package io.tracefill.tracing.sort;

import io.tracefill.tracing.util.PyDisjointSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app spans of one instance (or service) as trees (spec §7.3): OTel spans linked by
 * {@code parent_span_id}, then one process span set per distinct parent span id of the roots —
 * a service passed through several times becomes several sets.
 */
final class AppSpanTree {
    private AppSpanTree() {
    }

    /** Links OTel spans of this set by {@code parent_span_id} → {@code span_id} (last span id wins). */
    private static void buildTree(ProcessSpanSet set) {
        Map<String, Integer> bySpanId = new HashMap<>();
        for (int i = 0; i < set.spans.size(); i++) {
            SpanNode s = set.spans.get(i);
            if (s.kind() == SpanKind.APP && !s.row().spanId().isEmpty()) {
                bySpanId.put(s.row().spanId(), i);
            }
        }
        for (SpanNode s : set.spans) {
            if (s.kind() != SpanKind.APP) {
                continue;
            }
            Integer parentPosition = bySpanId.get(s.row().parentSpanId());
            if (parentPosition != null) {
                s.setParent(set.spans.get(parentPosition), "app_span mounted due to parent_span_id", set.listener);
            }
        }
    }

    /**
     * Builds the app tree, then splits the set by the {@code parent_span_id} of each tree's root:
     * a service passed through several times becomes several sets.
     */
    static List<ProcessSpanSet> split(ProcessSpanSet set) {
        buildTree(set);
        Map<Integer, Integer> positionOfIndex = new HashMap<>();
        for (int i = 0; i < set.spans.size(); i++) {
            positionOfIndex.put(set.spans.get(i).index(), i);
        }
        PyDisjointSet trees = new PyDisjointSet();
        for (int i = 0; i < set.spans.size(); i++) {
            trees.put(i, positionOfIndex.getOrDefault(set.spans.get(i).record().parentId, -1));
            trees.get(i);
        }
        Map<String, ProcessSpanSet> byRootParent = new LinkedHashMap<>();
        for (int i = 0; i < set.spans.size(); i++) {
            SpanNode span = set.spans.get(i);
            SpanNode root = set.spans.get(trees.get(i));
            String key = root.row().parentSpanId().isEmpty() ? "root" : root.row().parentSpanId();
            ProcessSpanSet part = byRootParent.get(key);
            if (part == null) {
                part = new ProcessSpanSet(key, set.listener);
                part.appSpanRoots = new ArrayList<>(List.of(root));
                set.copyMetaDataTo(part);
                byRootParent.put(key, part);
            } else if (!part.appSpanRoots.contains(root)) {
                part.appSpanRoots.add(root);
            }
            // the span keeps pointing at the set before the split, as in the reference (see D5)
            part.spans.add(span);
        }
        for (ProcessSpanSet part : byRootParent.values()) {
            // leaves are fixed now: c-p spans attached later must not change them
            part.appSpanLeafs = part.leafs();
        }
        return new ArrayList<>(byRootParent.values());
    }
}
