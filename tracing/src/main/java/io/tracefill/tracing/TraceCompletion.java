package io.tracefill.tracing;

import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;

import java.util.List;

/**
 * DeepFlow's Trace Completion API (spec §12): finds the DeepFlow rows around a set of external
 * application spans and returns them, with the spans, as one tree.
 */
public final class TraceCompletion {
    private final FlowIndex index;
    private final TracingConfig config;

    public TraceCompletion(FlowIndex index, TracingConfig config) {
        this.index = index;
        this.config = config;
    }

    /** The API's request: six-field app spans, turned into rows as DeepFlow does. */
    public TracingResult complete(CompletionRequest request) {
        if (request.appSpans().isEmpty()) {
            throw new IllegalArgumentException("app_spans must hold at least one span");
        }
        return complete(AppSpanRows.toRows(request.appSpans()), request.maxIteration(), request.networkDelayUs());
    }

    /**
     * Completion for app spans that are already rows (e.g. decoded from OTLP, with all their
     * fields), in the order that decides the entry.
     */
    public TracingResult complete(List<Flow> appSpanRows, Integer maxIteration, Long networkDelayUs) {
        CompletionRun run = new CompletionRun(appSpanRows, configFor(config, maxIteration, networkDelayUs));
        while (run.awaiting().isPresent()) {
            run.answer(index.answer(run.awaiting().get()));
        }
        return run.result();
    }

    /** DeepFlow's request model: max_iteration defaults to 30, network_delay_us to the configured value. */
    public static TracingConfig configFor(TracingConfig config, Integer maxIteration, Long networkDelayUs) {
        TracingConfig cfg = config.withMaxIteration(maxIteration == null
                ? CompletionRequest.DEFAULT_MAX_ITERATION : maxIteration);
        return networkDelayUs == null ? cfg : cfg.withNetworkDelayUs(networkDelayUs);
    }
}
