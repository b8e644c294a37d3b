package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's traffic over a while: as many requests (with their noise) as it takes to reach
 * about {@code totalFlows} rows, and one of them to trace.
 *
 * <p>The probe is the first request. The generator is sequential, so with one seed and shape
 * every corpus starts with the same requests: corpora of different sizes hold the very same
 * probe, and only what surrounds it grows.
 *
 * @param flows  every row, in generation order
 * @param probe  the first request
 * @param traces how many requests were generated
 */
public record TraceCorpus(List<Flow> flows, SyntheticTrace probe, int traces) {

    public static TraceCorpus build(long seed, TraceShape shape, int totalFlows) {
        TraceGenerator generator = new TraceGenerator(seed, shape);
        List<Flow> flows = new ArrayList<>(totalFlows + totalFlows / 8);
        SyntheticTrace probe = null;
        int traces = 0;
        do {
            SyntheticTrace t = generator.next();
            if (probe == null) {
                probe = t;
            }
            traces++;
            flows.addAll(t.allRows());
        } while (flows.size() < totalFlows);
        return new TraceCorpus(flows, probe, traces);
    }
}
