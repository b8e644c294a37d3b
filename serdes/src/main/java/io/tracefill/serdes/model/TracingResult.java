package io.tracefill.serdes.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine returns for one trace: DeepFlow's {@code DATA} object.
 *
 * @param found               false when nothing was found (DeepFlow answers {@code DATA: {}})
 * @param tracing             spans in output order
 * @param services            per-service self time, longest first (L7FlowTracing only)
 * @param hostClockCorrection agent id → µs added to render times; zero entries left out
 * @param notes               what the engine did differently from the reference, or cut, for this trace
 */
public record TracingResult(
        boolean found,
        List<TracedSpan> tracing,
        List<ServiceDuration> services,
        Map<Long, Long> hostClockCorrection,
        List<String> notes) {

    public static final TracingResult NOT_FOUND = new TracingResult(false, List.of(), List.of(), Map.of(), List.of());

    public TracingResult {
        tracing = List.copyOf(tracing);
        services = List.copyOf(services);
        // insertion order is the order DeepFlow's corrector found the agents in
        hostClockCorrection = Collections.unmodifiableMap(new LinkedHashMap<>(hostClockCorrection));
        notes = List.copyOf(notes);
    }
}
