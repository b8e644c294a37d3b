package io.tracefill.serdes.model;

/**
 * An application span as the Trace Completion API takes it: the six fields of DeepFlow's
 * request model (reference/deepflow-trace-completion-api.md).
 *
 * @param spanKind OpenTelemetry span kind, 0–5
 */
public record AppSpan(String traceId, String spanId, String parentSpanId, int spanKind, long startTimeUs,
                      long endTimeUs) {
    public AppSpan {
        traceId = traceId == null ? "" : traceId;
        spanId = spanId == null ? "" : spanId;
        parentSpanId = parentSpanId == null ? "" : parentSpanId;
    }
}
