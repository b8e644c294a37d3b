package io.tracefill.topology.stream;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.FlowOrder;

import java.util.List;
import java.util.Set;

/**
 * Seeding of DeepFlow-only traces ({@code tracefill.seed.deepflow-only}, docs/stream.md): which
 * DeepFlow rows start a trace of their own, under which key, and whether the trace is emitted.
 *
 * <p>A <b>candidate</b> is an eBPF or Packet row with no trace id, observed at one of the
 * configured tap sides (default {@code s-p}). Its trace is DeepFlow's L7FlowTracing from it. The
 * trace is emitted only when no app span covers it and no other candidate does it first, judged
 * on the rows its search found:
 * <ol>
 *   <li>a row found carries a trace id: dropped ({@link Verdict#TRACED}) — the app trace of that
 *       id is completed from the app spans and covers these rows;</li>
 *   <li>another candidate among the rows found comes before the entry in {@link FlowOrder}:
 *       dropped ({@link Verdict#NOT_FIRST}) — that candidate's own trace is the one emitted, so a
 *       request seen by several candidates (split request/response rows, a job's calls to two
 *       databases) is emitted once;</li>
 *   <li>else emitted ({@link Verdict#EMIT}).</li>
 * </ol>
 * The first rule is also checked after each query ({@link #traced}): rows found stay found, so a
 * seed that meets a trace id can stop there (in an instrumented cluster most candidates meet one
 * within a round or two). The second waits for the whole search: an earlier candidate met early
 * may belong to an app trace that only later rows reveal. The rows found (before pruning) depend
 * only on the index, never on arrival order or partitioning, and so does the verdict.
 *
 * @param tapSides observation points whose trace-id-less rows are candidates
 */
public record SeedRule(Set<String> tapSides) {
    /**
     * Assembly key of a seed: {@code seed:<_id>}. App traces are keyed by their hex trace id,
     * which holds no colon, so the two never collide.
     */
    public static final String KEY_PREFIX = "seed:";

    public enum Verdict { EMIT, TRACED, NOT_FIRST }

    public SeedRule {
        tapSides = Set.copyOf(tapSides);
    }

    public boolean isCandidate(Flow f) {
        return (f.signalSource() == SignalSource.EBPF || f.signalSource() == SignalSource.PACKET)
                && f.traceIds().isEmpty() && tapSides.contains(f.tapSide());
    }

    public static String keyOf(Flow entry) {
        return KEY_PREFIX + entry.id();
    }

    public static boolean isSeedKey(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    /** Whether a row found so far carries a trace id: the seed is covered by an app trace, whatever comes next. */
    public boolean traced(List<Flow> found) {
        for (Flow f : found) {
            if (!f.traceIds().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** @param found the rows the finished search from {@code entry} found, the entry among them */
    public Verdict verdict(Flow entry, List<Flow> found) {
        if (traced(found)) {
            return Verdict.TRACED;
        }
        for (Flow f : found) {
            if (!f.id().equals(entry.id()) && isCandidate(f) && FlowOrder.BY_START_THEN_ID.compare(f, entry) < 0) {
                return Verdict.NOT_FIRST;
            }
        }
        return Verdict.EMIT;
    }
}
