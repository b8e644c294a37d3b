package io.tracefill.tracing.util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's union-find: {@code put} overwrites a node's parent pointer (it is not a
 * union) and {@code get} follows pointers to a root, compressing the path. A pointer that
 * leads back to the start of the walk ends it, which is how cycles are cut. Its answers decide
 * the sibling groups of client processes, the split of app-span sets and the pruning trees,
 * so its exact semantics, quirks included, are kept.
 */
public final class PyDisjointSet {
    private final Map<Integer, Integer> parent = new HashMap<>();

    public void put(int index, int parentIndex) {
        parent.put(index, parentIndex);
    }

    private int pointer(int index) {
        return parent.getOrDefault(index, -1);
    }

    /** Root of {@code index}. */
    public int get(int index) {
        int start = index;
        List<Integer> path = new ArrayList<>();
        int current = index;
        int root;
        while (true) {
            int p = pointer(current);
            if (p == -1 || p == current || p == start) {
                root = p > 0 ? p : current;
                break;
            }
            path.add(current);
            current = p;
        }
        for (int node : path) {
            parent.put(node, root);
        }
        return root;
    }
}
