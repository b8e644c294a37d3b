package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's traffic over a while: as many requests (with their noise) as it takes to reach
 * about {@code totalFlows} rows, and one of them, from the middle, to trace.
 *
 * @param flows  every row, in generation order
 * @param probe  the request in the middle of the run
 * @param traces how many requests were generated
 */
public record TraceCorpus(List<Flow> flows, SyntheticTrace probe, int traces) {

    public static TraceCorpus build(long seed, TraceShape shape, int totalFlows) {
        TraceGenerator generator = new TraceGenerator(seed, shape);
        List<Flow> flows = new ArrayList<>(totalFlows + totalFlows / 8);
        List<SyntheticTrace> traces = new ArrayList<>();
        do {
            SyntheticTrace t = generator.next();
            traces.add(t);
            flows.addAll(t.rows());
            flows.addAll(t.offPathRows());
            flows.addAll(t.noise());
        } while (flows.size() < totalFlows);
        return new TraceCorpus(flows, traces.get(traces.size() / 2), traces.size());
    }
}
