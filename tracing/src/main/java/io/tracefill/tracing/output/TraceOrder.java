package io.tracefill.tracing.output;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Output order (spec §11.2): records by start time; then a depth-first walk from the roots that
 * starts with the latest-starting root and visits children in reverse link order. Records not
 * reachable from a root (parent cycles) are dropped.
 */
final class TraceOrder {
    private TraceOrder() {
    }

    static List<OutputRecord> order(List<OutputRecord> records) {
        List<OutputRecord> byStart = new ArrayList<>(records);
        byStart.sort(Comparator.comparingLong(r -> r.row().startTimeUs())); // stable
        Map<Integer, Integer> positionOfId = new HashMap<>();
        for (int i = 0; i < byStart.size(); i++) {
            positionOfId.put(byStart.get(i).id(), i);
        }
        Deque<OutputRecord> stack = new ArrayDeque<>();
        for (OutputRecord r : byStart) {
            if (r.parentId == -1) {
                stack.push(r);
            }
        }
        List<OutputRecord> result = new ArrayList<>();
        while (!stack.isEmpty()) {
            OutputRecord r = stack.pop();
            for (int child : r.childs()) {
                Integer position = positionOfId.get(child);
                if (position != null) {
                    stack.push(byStart.get(position));
                }
            }
            result.add(r);
        }
        return result;
    }
}
