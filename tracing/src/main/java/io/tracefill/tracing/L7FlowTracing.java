package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.search.FlowSearch;
import io.tracefill.tracing.search.SearchRequest;
import io.tracefill.tracing.search.SearchResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** DeepFlow's L7FlowTracing: search from an entry row, then merge, sort and output (spec §4–§11). */
public final class L7FlowTracing {
    private final FlowIndex index;
    private final TracingConfig config;

    public L7FlowTracing(FlowIndex index, TracingConfig config) {
        this.index = index;
        this.config = config;
    }

    public TracingResult trace(TraceRequest request) {
        TracingConfig cfg = request.apply(config);
        String entryId = request.id();
        if (entryId == null || entryId.isEmpty()) {
            if (request.traceId() == null || request.traceId().isEmpty()) {
                return TracingResult.NOT_FOUND;
            }
            Optional<Flow> first = index.findFirstByTraceId(request.traceId(), request.window());
            if (first.isEmpty()) {
                return TracingResult.NOT_FOUND;
            }
            entryId = first.get().id();
        }
        Optional<Flow> entry = index.findById(entryId);
        if (entry.isEmpty() || request.otelOnly() && entry.get().signalSource() != SignalSource.OTEL) {
            return TracingResult.NOT_FOUND;
        }
        SearchResult found = new FlowSearch(index, cfg).search(
                new SearchRequest(entry.get(), request.traceId(), List.of(), request.window(), request.otelOnly()));
        List<String> notes = new ArrayList<>();
        SearchNotes.add(found, cfg, notes);
        return TraceBuilder.build(found.flows(), List.of(), entryId, cfg, notes);
    }
}
