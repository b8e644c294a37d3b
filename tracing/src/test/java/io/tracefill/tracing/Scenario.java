package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;

import java.util.List;

/** Runs the engine on test rows. */
public final class Scenario {
    private Scenario() {
    }

    /**
     * Stages 3–5 on exactly these rows, the first row being the entry (pruning root): how spec
     * §15's sort-stage scenarios are stated.
     */
    public static TraceView build(TracingConfig config, Flow... flows) {
        return new TraceView(TraceBuilder.build(List.of(flows), List.of(), flows[0].id(), config, List.of()));
    }

    public static TraceView build(Flow... flows) {
        return build(TracingConfig.defaults(), flows);
    }

    /** Stages 3–5 on exactly these rows, with an explicit entry (pruning root). */
    public static TraceView buildFrom(String entryId, TracingConfig config, Flow... flows) {
        return new TraceView(TraceBuilder.build(List.of(flows), List.of(), entryId, config, List.of()));
    }

    public static TraceView buildFrom(String entryId, Flow... flows) {
        return buildFrom(entryId, TracingConfig.defaults(), flows);
    }

    /** The whole L7FlowTracing (search included) from {@code entryId} over these rows. */
    public static TraceView trace(TracingConfig config, String entryId, Flow... flows) {
        InMemoryFlowIndex index = new InMemoryFlowIndex(List.of(flows));
        return new TraceView(new L7FlowTracing(index, config).trace(TraceRequest.forId(entryId)));
    }

    public static TraceView trace(String entryId, Flow... flows) {
        return trace(TracingConfig.defaults(), entryId, flows);
    }

    /** The whole L7FlowTracing over any index (e.g. a {@link RecordingFlowIndex}) for a request. */
    public static TraceView trace(TracingConfig config, FlowIndex index, TraceRequest request) {
        return new TraceView(new L7FlowTracing(index, config).trace(request));
    }

    /** A request from an entry {@code _id} with a {@code [time_start, time_end]} window in seconds. */
    public static TraceRequest request(String entryId, TimeWindow window) {
        return new TraceRequest(entryId, null, window, null, null, null, false);
    }

    /** The same, with {@code max_iteration} set on the request. */
    public static TraceRequest request(String entryId, TimeWindow window, int maxIteration) {
        return new TraceRequest(entryId, null, window, maxIteration, null, null, false);
    }
}
