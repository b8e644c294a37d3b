package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.model.Flow;

import java.util.List;
import java.util.Set;

/**
 * What the assembly store keeps per trace id (or seed key, {@code SeedRule}).
 *
 * @param appSpans         the trace's app spans (at most the configured bound), in arrival order;
 *                         for a seed, its one entry row
 * @param phase            where the trace is; EMITTED also stands for a dropped seed: finished,
 *                         remembered until {@code closeAtUs}
 * @param closeAtUs        event time at which the trace is expanded (OPEN) or forgotten (EMITTED)
 * @param round            queries answered so far in the current expansion
 * @param awaitedKeys      answers the current query waits for (EXPANDING); those received are
 *                         the round's partial answers in the answers store
 * @param held             app spans that arrived during an expansion, added once it is emitted
 * @param emittedSpanIds   OTLP span ids already emitted for this trace (hex), so a re-emission
 *                         after late app spans carries only new spans
 * @param cutSpans         app spans refused by the per-trace bound
 * @param cutKeys          probed keys whose flows the index had cut (counted when their round completes)
 * @param emissions        how many times the trace was emitted
 */
public record TraceState(List<Flow> appSpans, Phase phase, long closeAtUs, int round, int awaitedKeys,
                         List<Flow> held, Set<String> emittedSpanIds, int cutSpans, int cutKeys,
                         int emissions) {

    public enum Phase { OPEN, EXPANDING, EMITTED }

    public TraceState {
        appSpans = List.copyOf(appSpans);
        held = List.copyOf(held);
        emittedSpanIds = Set.copyOf(emittedSpanIds);
    }

    public static TraceState open(Flow first, long closeAtUs) {
        return new TraceState(List.of(first), Phase.OPEN, closeAtUs, 0, 0, List.of(), Set.of(), 0, 0, 0);
    }

    public TraceState withAppSpans(List<Flow> spans, long closeAt) {
        return new TraceState(spans, phase, closeAt, round, awaitedKeys, held, emittedSpanIds,
                cutSpans, cutKeys, emissions);
    }

    public TraceState withCutSpans(int cut) {
        return new TraceState(appSpans, phase, closeAtUs, round, awaitedKeys, held, emittedSpanIds, cut,
                cutKeys, emissions);
    }

    public TraceState withHeld(List<Flow> h) {
        return new TraceState(appSpans, phase, closeAtUs, round, awaitedKeys, h, emittedSpanIds,
                cutSpans, cutKeys, emissions);
    }

    public TraceState expanding(int roundNo, int awaited, int cutKeyCount) {
        return new TraceState(appSpans, Phase.EXPANDING, closeAtUs, roundNo, awaited, held, emittedSpanIds,
                cutSpans, cutKeyCount, emissions);
    }

    public TraceState emitted(Set<String> spanIds, long forgetAtUs) {
        return new TraceState(appSpans, Phase.EMITTED, forgetAtUs, 0, 0, held, spanIds, cutSpans, cutKeys,
                emissions + 1);
    }

    /** A seed that finished without being emitted, remembered until {@code forgetAtUs}. */
    public TraceState dropped(long forgetAtUs) {
        return new TraceState(appSpans, Phase.EMITTED, forgetAtUs, 0, 0, held, emittedSpanIds, cutSpans, cutKeys,
                emissions);
    }

    /** Back to OPEN with more app spans (late ones): a new expansion, remembering what was emitted. */
    public TraceState reopened(List<Flow> spans, long closeAt) {
        return new TraceState(spans, Phase.OPEN, closeAt, 0, 0, List.of(), emittedSpanIds, cutSpans, 0,
                emissions);
    }
}
