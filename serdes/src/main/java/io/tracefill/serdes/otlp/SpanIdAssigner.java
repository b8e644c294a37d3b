package io.tracefill.serdes.otlp;

import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TracedSpan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every span of a trace its OTLP span id and its OTLP parent, so that the trace is a
 * well-formed forest whatever the engine or the input did:
 * <ol>
 *   <li>application (OTel) spans keep their own span id when it is 16 hex digits, not zero and
 *       not already taken by an earlier span in output order;</li>
 *   <li>every other span (eBPF, Packet, and app spans that could not keep theirs) gets an id
 *       derived from its first DeepFlow row id ({@code _ids}); a derived id that is zero or taken is derived
 *       again with the next attempt number, so ids never collide and never depend on chance;</li>
 *   <li>the parent is the span the engine names by {@code parent_id} (its index), or failing
 *       that the first span whose {@code deepflow_span_id} is the span's
 *       {@code deepflow_parent_span_id}; a span whose parent is not in the trace, is itself, or
 *       closes a cycle becomes a root.</li>
 * </ol>
 */
final class SpanIdAssigner {
    private SpanIdAssigner() {
    }

    /**
     * @param spanIds  the OTLP span id of each span, by position
     * @param parents  position of each span's parent, -1 for a root
     * @param replaced true where an app span's own id could not be kept
     * @param cut      true where the engine named a parent that could not be linked (absent,
     *                 self, or a cycle), so the span became a root
     */
    record Assigned(long[] spanIds, int[] parents, boolean[] replaced, boolean[] cut) {
    }

    /** @param spans distinct spans in output order */
    static Assigned assign(List<TracedSpan> spans) {
        int n = spans.size();
        long[] ids = new long[n];
        boolean[] replaced = new boolean[n];
        Set<Long> used = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            TracedSpan s = spans.get(i);
            if (s.flow().signalSource() == SignalSource.OTEL) {
                long own = OtlpIds.parseSpanId(s.flow().spanId());
                if (own != OtlpIds.NONE && used.add(own)) {
                    ids[i] = own;
                } else {
                    replaced[i] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (ids[i] == OtlpIds.NONE) {
                ids[i] = derive(seedText(spans.get(i)), used);
            }
        }
        int[] parents = parents(spans);
        boolean[] cut = new boolean[n];
        for (int i = 0; i < n; i++) {
            cut[i] = parents[i] < 0 && spans.get(i).parentId() >= 0;
        }
        breakCycles(parents, cut);
        return new Assigned(ids, parents, replaced, cut);
    }

    /**
     * The text a derived id comes from: the span's first DeepFlow row id. Not its
     * {@code deepflow_span_id}, which ends with the span's position in the trace: when late app
     * spans re-open a trace, every later position shifts, and ids taken from it would change
     * between the first and the second emission of the same span.
     */
    private static String seedText(TracedSpan s) {
        return "_id:" + (s.ids().isEmpty() ? s.flow().id() : s.ids().get(0));
    }

    private static long derive(String seed, Set<Long> used) {
        for (int attempt = 0; ; attempt++) {
            long id = OtlpIds.derive(seed, attempt);
            if (id != OtlpIds.NONE && used.add(id)) {
                return id;
            }
        }
    }

    private static int[] parents(List<TracedSpan> spans) {
        int n = spans.size();
        Map<Integer, Integer> positionOfIndex = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            positionOfIndex.putIfAbsent(spans.get(i).id(), i);
        }
        Map<String, Integer> positionOfDeepflowId = null;
        int[] parents = new int[n];
        for (int i = 0; i < n; i++) {
            TracedSpan s = spans.get(i);
            Integer p = s.parentId() >= 0 ? positionOfIndex.get(s.parentId()) : null;
            String dfParent = s.deepflowParentSpanId();
            if (p == null && s.parentId() >= 0 && dfParent != null && !dfParent.isEmpty()) {
                if (positionOfDeepflowId == null) {
                    positionOfDeepflowId = new HashMap<>(n * 2);
                    for (int k = 0; k < n; k++) {
                        String df = spans.get(k).deepflowSpanId();
                        if (df != null && !df.isEmpty()) {
                            positionOfDeepflowId.putIfAbsent(df, k);
                        }
                    }
                }
                p = positionOfDeepflowId.get(dfParent);
            }
            parents[i] = p == null || p == i ? -1 : p;
        }
        return parents;
    }

    /**
     * Makes a root of the first span (in output order) of every parent cycle. The engine drops
     * cycles itself (spec §11.2); this guards results built by hand or by a future engine, since
     * a cycle makes Jaeger and Tempo lose the whole trace view.
     */
    private static void breakCycles(int[] parents, boolean[] cut) {
        int n = parents.length;
        byte[] state = new byte[n]; // 0 unvisited, 1 on the current path, 2 done
        List<Integer> path = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            path.clear();
            int cursor = start;
            while (cursor >= 0 && state[cursor] == 0) {
                state[cursor] = 1;
                path.add(cursor);
                cursor = parents[cursor];
            }
            if (cursor >= 0 && state[cursor] == 1) {
                int first = cursor;
                for (int k = path.indexOf(cursor); k < path.size(); k++) {
                    first = Math.min(first, path.get(k));
                }
                parents[first] = -1;
                cut[first] = true;
            }
            for (int p : path) {
                state[p] = 2;
            }
        }
    }
}
