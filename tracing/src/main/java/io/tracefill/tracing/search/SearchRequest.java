package io.tracefill.tracing.search;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.TimeWindow;

import java.util.List;

/**
 * Where a search starts (spec §4.1).
 *
 * @param entry          the entry row
 * @param requestTraceId the request's trace id (Tempo-style entry), or null: the entry row's ids are used
 * @param extraAllowed   trace ids also allowed and queried from the start (completion with multiple trace ids)
 * @param window         {@code [time_start, time_end]} in seconds
 * @param otelOnly       {@code signal_sources == ['otel']}: only OTel rows, one round
 */
public record SearchRequest(Flow entry, String requestTraceId, List<String> extraAllowed, TimeWindow window,
                            boolean otelOnly) {
    public SearchRequest {
        extraAllowed = List.copyOf(extraAllowed);
    }
}
