package io.tracefill.workload;

import java.util.List;

/**
 * What was generated for one user request: the intended trace, for tests and for checking the
 * pipeline's output.
 *
 * @param traceId        the W3C trace id the frontend started (lowercase hex)
 * @param route          the request's route at the frontend, e.g. {@code GET /api/products/{id}}
 * @param startTimeUs    true time the request reached the edge, µs
 * @param endTimeUs      true time its response left the edge, µs
 * @param appSpans       OTel spans of the trace, in the OTLP records
 * @param deepflowRowIds {@code _id}s of every DeepFlow row of this request, in the order written
 * @param dnsRowIds      those of them that share no key with the rest except a DNS request id (the DNS
 *                       server's rows): found only with {@code dns} in {@code tracing_source}
 * @param failed         whether the request failed (a payment error surfacing as a 5xx)
 */
public record TraceTruth(String traceId, String route, long startTimeUs, long endTimeUs, int appSpans,
                         List<String> deepflowRowIds, List<String> dnsRowIds, boolean failed) {

    public TraceTruth {
        deepflowRowIds = List.copyOf(deepflowRowIds);
        dnsRowIds = List.copyOf(dnsRowIds);
    }

    /** How many DeepFlow rows the request produced. */
    public int deepflowRows() {
        return deepflowRowIds.size();
    }
}
