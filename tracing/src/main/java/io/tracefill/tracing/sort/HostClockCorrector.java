package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.util.PySet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Estimates each agent's clock offset from the parent links that cross agents (spec §10): every
 * link narrows the window of corrections that would put the child inside its parent; at the end
 * corrections are propagated from the agents that are never a child.
 */
public final class HostClockCorrector implements LinkListener {
    private record Window(long min, long max) {
    }

    /** parent agent → child agents, in the reference's set order. */
    private final Map<Long, PySet> relations = new LinkedHashMap<>();
    private final Map<Long, Window> windows = new HashMap<>();

    @Override
    public void beforeLink(SpanNode child, SpanNode parent) {
        if (child.agentId() == parent.agentId()) {
            return;
        }
        long startDiff = parent.start() - child.start();
        long endDiff = parent.end() - child.end();
        boolean oneSideIsApp = child.kind() != parent.kind()
                && (child.kind() == SpanKind.APP || parent.kind() == SpanKind.APP);
        if (oneSideIsApp) {
            if (TapSide.APP.equals(child.tapSide()) || TapSide.APP.equals(parent.tapSide())) {
                return;
            }
            // an app span and a sys span of one pod can be tagged by different agents without any clock skew
            if (!parent.autoInstance().isBlankOrZeroString() && parent.autoInstance().equals(child.autoInstance())) {
                return;
            }
            // SDK timings: only whole milliseconds count
            startDiff = (startDiff / 1000) * 1000;
            endDiff = (endDiff / 1000) * 1000;
        }
        record(parent.agentId(), child.agentId(), startDiff, endDiff);
    }

    private void record(long hostParent, long hostChild, long startDiff, long endDiff) {
        long parentAgent = hostParent;
        long childAgent = hostChild;
        PySet childsChildren = relations.get(hostChild);
        if (childsChildren != null && childsChildren.contains(hostParent)) {
            // the opposite link was seen first: keep one direction to avoid a cycle
            parentAgent = hostChild;
            childAgent = hostParent;
            startDiff = -startDiff;
            endDiff = -endDiff;
        }
        long min = Math.min(startDiff, endDiff);
        long max = Math.max(startDiff, endDiff);
        relations.computeIfAbsent(parentAgent, k -> new PySet()).add(childAgent);
        Window old = windows.get(childAgent);
        if (old == null) {
            windows.put(childAgent, new Window(min, max));
            return;
        }
        Window narrowed = new Window(Math.max(old.min, min), Math.min(old.max, max));
        if (narrowed.min <= narrowed.max) {
            windows.put(childAgent, narrowed);
        }
        // else: parents disagree on the direction; keep the last usable window
    }

    /** Agent id → correction in µs, zero entries left out, in the order found. */
    public Map<Long, Long> corrections() {
        Map<Long, Long> result = new LinkedHashMap<>();
        PySet bases = new PySet();
        for (Long host : relations.keySet()) {
            if (!windows.containsKey(host)) {
                bases.add(host);
            }
        }
        for (long base : bases.toArray()) {
            result.putIfAbsent(base, 0L);
            Deque<long[]> stack = new ArrayDeque<>();
            PySet children = relations.get(base);
            if (children != null) {
                children.forEach(c -> stack.push(new long[] {c, 0L}));
            }
            while (!stack.isEmpty()) {
                long[] top = stack.pop();
                long child = top[0];
                Window w = windows.get(child);
                long value = w.min;
                if (w.max < 0 && w.min < 0) {
                    value = w.max; // both negative: the smallest move
                }
                if (w.min <= 0 && w.max >= 0) {
                    value = 0; // the parent covers it already
                }
                value += top[1];
                Long existing = result.get(child);
                if (existing != null) {
                    if (value < 0 && existing < 0) {
                        value = Math.max(value, existing);
                    } else if (value > 0 && existing > 0) {
                        value = Math.min(value, existing);
                    } else {
                        value = 0;
                    }
                }
                result.put(child, value);
                PySet grandChildren = relations.get(child);
                if (grandChildren != null) {
                    long v = value;
                    grandChildren.forEach(g -> {
                        if (!result.containsKey(g)) {
                            stack.push(new long[] {g, v});
                        }
                    });
                }
            }
        }
        Map<Long, Long> nonZero = new LinkedHashMap<>();
        result.forEach((agent, c) -> {
            if (c != 0) {
                nonZero.put(agent, c);
            }
        });
        return nonZero;
    }
}
