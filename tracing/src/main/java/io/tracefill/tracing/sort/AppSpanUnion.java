package io.tracefill.tracing.sort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups application spans into process span sets (spec §7.3): by instance, split by
 * {@code app_service} on non-pod instances, then each group split by the parent span id of its
 * tree roots.
 */
final class AppSpanUnion {
    private static final int AUTO_INSTANCE_POD = 10;

    private AppSpanUnion() {
    }

    /** Thrown where the reference raises IndexError (D4). */
    private static final class GroupIndexOutOfRange extends RuntimeException {
        GroupIndexOutOfRange() {
            super(null, null, false, false);
        }
    }

    /**
     * @param notes receives a note when the reference would have crashed (D4) and per-instance
     *              grouping was used instead
     */
    static void union(ProcessSpanSets sets, List<SpanNode> appSpans, LinkListener listener, List<String> notes) {
        Map<AutoInstance, List<List<SpanNode>>> groups;
        try {
            groups = group(appSpans, true);
        } catch (GroupIndexOutOfRange e) {
            groups = group(appSpans, false);
            notes.add("D4: app_service names shared by several non-pod instances; grouped per instance "
                    + "instead of failing");
        }
        for (Map.Entry<AutoInstance, List<List<SpanNode>>> e : groups.entrySet()) {
            List<ProcessSpanSet> split = new ArrayList<>();
            for (List<SpanNode> group : e.getValue()) {
                ProcessSpanSet pss = new ProcessSpanSet(e.getKey().value(), listener);
                for (SpanNode span : group) {
                    pss.appendAppSpan(span);
                }
                split.addAll(AppSpanTree.split(pss));
            }
            sets.put(e.getKey(), split);
        }
    }

    /**
     * @param sharedServiceIndex true: the reference's map from app_service to group position,
     *                           shared by all instances (may misgroup, or fail with
     *                           {@link GroupIndexOutOfRange}); false: one map per instance
     */
    private static Map<AutoInstance, List<List<SpanNode>>> group(List<SpanNode> appSpans, boolean sharedServiceIndex) {
        Map<AutoInstance, List<List<SpanNode>>> groups = new LinkedHashMap<>();
        Map<String, Integer> sharedIndex = new HashMap<>();
        Map<AutoInstance, Map<String, Integer>> perInstance = new HashMap<>();
        for (SpanNode span : appSpans) {
            AutoInstance instance = span.autoInstance();
            String appService = span.row().appService();
            boolean splitByService = span.autoInstanceType() != AUTO_INSTANCE_POD && !appService.isEmpty();
            Map<String, Integer> serviceIndex = sharedServiceIndex ? sharedIndex
                    : perInstance.computeIfAbsent(instance, k -> new HashMap<>());
            List<List<SpanNode>> instanceGroups = groups.get(instance);
            if (instanceGroups == null) {
                instanceGroups = new ArrayList<>();
                instanceGroups.add(new ArrayList<>());
                groups.put(instance, instanceGroups);
                if (splitByService) {
                    serviceIndex.put(appService, 0);
                }
            }
            if (splitByService && serviceIndex.getOrDefault(appService, -1) == -1) {
                serviceIndex.put(appService, instanceGroups.size());
                instanceGroups.add(new ArrayList<>());
            }
            int position = splitByService ? serviceIndex.getOrDefault(appService, 0) : 0;
            if (position >= instanceGroups.size()) {
                throw new GroupIndexOutOfRange();
            }
            instanceGroups.get(position).add(span);
        }
        return groups;
    }
}
