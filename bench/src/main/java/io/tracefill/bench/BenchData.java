package io.tracefill.bench;

import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.gen.SyntheticTrace;

import java.util.HashSet;
import java.util.Set;

/** What every benchmark agrees on, so their figures describe the same traces. */
final class BenchData {
    /** One seed for all benchmarks: the traces in BENCHMARKS.md are reproducible from it. */
    static final long SEED = 20_240_601L;

    private BenchData() {
    }

    /**
     * Fails the setup when the engine does not produce the generated trace: a benchmark of a
     * result that lost half its spans would measure the wrong thing.
     */
    static void requireWholeTrace(TracingResult result, SyntheticTrace trace) {
        Set<String> ids = new HashSet<>();
        for (TracedSpan s : result.tracing()) {
            ids.addAll(s.ids());
        }
        if (ids.size() != trace.rows().size()) {
            throw new IllegalStateException("engine returned " + ids.size() + " of the trace's " + trace.rows().size()
                    + " rows; the benchmark input is not what it claims to be");
        }
    }
}
