package io.tracefill.serdes.model;

/**
 * An L7FlowTracing request ({@code POST /v1/stats/querier/L7FlowTracing}, spec §3, §4.1): trace
 * from an entry row, found by {@code _id} or, Tempo-style, as the first row of a trace id.
 *
 * @param id                entry {@code _id}, or null when {@code traceId} names the entry
 * @param traceId           Tempo-style entry trace id, also the only initially allowed trace id; may be null
 * @param timeStartS        {@code TIME_START}: window start, seconds on the rows' end time
 * @param timeEndS          {@code TIME_END}: window end, seconds, inclusive
 * @param maxIteration      search rounds; null means the configured value (0 means 1)
 * @param networkDelayUs    overrides the configured tolerance when not null
 * @param hostClockOffsetUs overrides the configured offset when not null
 * @param otelOnly          {@code signal_sources: ["otel"]}: app spans only, one round
 */
public record L7TracingRequest(String id, String traceId, long timeStartS, long timeEndS, Integer maxIteration,
                               Long networkDelayUs, Long hostClockOffsetUs, boolean otelOnly) {
}
