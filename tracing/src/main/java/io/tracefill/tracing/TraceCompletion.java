package io.tracefill.tracing;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.search.FlowSearch;
import io.tracefill.tracing.search.SearchRequest;
import io.tracefill.tracing.search.SearchResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    public TracingResult complete(CompletionRequest request) {
        if (request.appSpans().isEmpty()) {
            throw new IllegalArgumentException("app_spans must hold at least one span");
        }
        TracingConfig cfg = config.withMaxIteration(request.maxIteration() == null
                ? CompletionRequest.DEFAULT_MAX_ITERATION : request.maxIteration());
        if (request.networkDelayUs() != null) {
            cfg = cfg.withNetworkDelayUs(request.networkDelayUs());
        }
        List<Flow> external = AppSpanRows.toRows(request.appSpans());
        TimeWindow window = windowOf(request.appSpans());
        int entryPosition = entryAppSpan(request.appSpans());
        String entryAppId = external.get(entryPosition).id();
        String entryTraceId = request.appSpans().get(entryPosition).traceId();

        Optional<Flow> entry = entryTraceId.isEmpty() ? Optional.empty()
                : index.findFirstByTraceId(entryTraceId, window);
        List<String> notes = new ArrayList<>();
        List<Flow> stored = List.of();
        if (entry.isPresent()) {
            List<String> extraAllowed = new ArrayList<>();
            if (cfg.allowMultipleTraceIds()) {
                for (var s : request.appSpans()) {
                    extraAllowed.add(s.traceId());
                }
            }
            SearchResult found = new FlowSearch(index, cfg).search(
                    new SearchRequest(entry.get(), null, extraAllowed, window, false));
            SearchNotes.add(found, cfg, notes);
            stored = found.flows();
        } else {
            notes.add("D1: no DeepFlow row carries trace id '" + entryTraceId + "' in seconds ["
                    + window.startS() + ", " + window.endS() + "]; the app spans are returned alone "
                    + "(DeepFlow fails with HTTP 500 here)");
        }
        return TraceBuilder.build(stored, external, entryAppId, cfg, notes);
    }

    /** The first span with a trace id, else the last span. */
    static int entryAppSpan(List<AppSpan> spans) {
        for (int i = 0; i < spans.size(); i++) {
            if (!spans.get(i).traceId().isEmpty()) {
                return i;
            }
        }
        return spans.size() - 1;
    }

    /**
     * {@code [min start s − 3, max end s + 3]}. DeepFlow treats a zero start second as "not set",
     * so zero starts are skipped unless all are zero.
     */
    static TimeWindow windowOf(List<AppSpan> spans) {
        long min = 0;
        long max = 0;
        for (AppSpan s : spans) {
            long startS = s.startTimeUs() / 1_000_000L;
            long endS = s.endTimeUs() / 1_000_000L;
            min = min == 0 ? startS : Math.min(min, startS);
            max = max == 0 ? endS : Math.max(max, endS);
        }
        return new TimeWindow(min - 3, max + 3);
    }
}
