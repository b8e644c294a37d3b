package io.tracefill.tracing;

/**
 * An L7FlowTracing request (spec §4.1, §12): trace from an entry row.
 *
 * @param id                entry {@code _id}; if null, the first row of {@code traceId} in the window is the entry
 * @param traceId           Tempo-style entry trace id, also the only initially allowed trace id; may be null
 * @param window            {@code [time_start, time_end]} in seconds on the rows' end time
 * @param maxIteration      overrides the configuration when not null
 * @param networkDelayUs    overrides the configuration when not null
 * @param hostClockOffsetUs overrides the configuration when not null
 * @param otelOnly          DeepFlow's {@code signal_sources: ['otel']}: app spans only, one round
 */
public record TraceRequest(String id, String traceId, TimeWindow window, Integer maxIteration, Long networkDelayUs,
                           Long hostClockOffsetUs, boolean otelOnly) {

    public TraceRequest {
        window = window == null ? TimeWindow.ALL : window;
    }

    public static TraceRequest forId(String id) {
        return new TraceRequest(id, null, TimeWindow.ALL, null, null, null, false);
    }

    TracingConfig apply(TracingConfig config) {
        TracingConfig c = config;
        if (maxIteration != null) {
            c = c.withMaxIteration(maxIteration);
        }
        if (networkDelayUs != null) {
            c = c.withNetworkDelayUs(networkDelayUs);
        }
        if (hostClockOffsetUs != null) {
            c = c.withHostClockOffsetUs(hostClockOffsetUs);
        }
        return c;
    }
}
