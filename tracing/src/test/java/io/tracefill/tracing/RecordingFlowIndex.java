package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FlowIndex} that answers from another index and remembers every query it was asked,
 * with the {@code _id}s it answered, so tests can state which queries the search issued.
 */
public final class RecordingFlowIndex implements FlowIndex {

    /** One association query (spec §4.3 b) and the rows it returned. */
    public record AssociationCall(AssociationQuery query, TimeWindow window, int limit, List<String> resultIds) {
    }

    /** One trace-id query (spec §4.3 a) and the rows it returned. */
    public record TraceIdCall(List<String> traceIds, TimeWindow window, boolean otelOnly, int limit,
                              List<String> resultIds) {
    }

    private final FlowIndex delegate;
    private final List<Object> calls = new ArrayList<>();

    public RecordingFlowIndex(FlowIndex delegate) {
        this.delegate = delegate;
    }

    public static RecordingFlowIndex over(Flow... flows) {
        return new RecordingFlowIndex(new InMemoryFlowIndex(List.of(flows)));
    }

    @Override
    public Optional<Flow> findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<Flow> findFirstByTraceId(String traceId, TimeWindow window) {
        return delegate.findFirstByTraceId(traceId, window);
    }

    @Override
    public List<Flow> findByTraceIds(Collection<String> traceIds, TimeWindow window, boolean otelOnly, int limit) {
        List<Flow> rows = delegate.findByTraceIds(traceIds, window, otelOnly, limit);
        calls.add(new TraceIdCall(traceIds.stream().sorted().toList(), window, otelOnly, limit, ids(rows)));
        return rows;
    }

    @Override
    public List<Flow> findAssociated(AssociationQuery query, TimeWindow window, int limit) {
        List<Flow> rows = delegate.findAssociated(query, window, limit);
        calls.add(new AssociationCall(query, window, limit, ids(rows)));
        return rows;
    }

    /** Every trace-id and association query, in the order asked. */
    public List<Object> calls() {
        return List.copyOf(calls);
    }

    public List<AssociationCall> associationCalls() {
        return calls.stream().filter(AssociationCall.class::isInstance).map(AssociationCall.class::cast).toList();
    }

    public List<TraceIdCall> traceIdCalls() {
        return calls.stream().filter(TraceIdCall.class::isInstance).map(TraceIdCall.class::cast).toList();
    }

    private static List<String> ids(List<Flow> rows) {
        return rows.stream().map(Flow::id).toList();
    }
}
