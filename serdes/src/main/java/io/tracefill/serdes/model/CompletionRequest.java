package io.tracefill.serdes.model;

import java.util.List;

/**
 * A Trace Completion request (spec §12).
 *
 * @param maxIteration   search rounds; DeepFlow's model defaults to 30 when null
 * @param networkDelayUs overrides the configured tolerance when not null
 */
public record CompletionRequest(List<AppSpan> appSpans, Integer maxIteration, Long networkDelayUs) {
    public static final int DEFAULT_MAX_ITERATION = 30;

    public CompletionRequest {
        appSpans = List.copyOf(appSpans);
    }
}
