package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of one synthetic request, and the traffic around it.
 *
 * @param traceId     the OTel trace id the frontend started
 * @param entryId     {@code _id} of the frontend's s-app span: where a user opens the trace
 * @param rows        every row the default configuration links into this trace: what the search
 *                    should find and the tree should hold
 * @param offPathRows rows of this request that share no key with it unless {@code dns} is in
 *                    {@code tracing_source} (the Packet rows of DNS lookups)
 * @param noise       unrelated rows of the same cluster at the same time (probes, other traces' calls)
 */
public record SyntheticTrace(String traceId, String entryId, List<Flow> rows, List<Flow> offPathRows,
                             List<Flow> noise) {

    public SyntheticTrace {
        rows = List.copyOf(rows);
        offPathRows = List.copyOf(offPathRows);
        noise = List.copyOf(noise);
    }

    /** The entry row. */
    public Flow entry() {
        return rows.stream().filter(f -> f.id().equals(entryId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("entry " + entryId + " is not among the rows"));
    }

    /** Everything generated for this request: what an index of the cluster's traffic would hold. */
    public List<Flow> allRows() {
        List<Flow> all = new ArrayList<>(rows.size() + offPathRows.size() + noise.size());
        all.addAll(rows);
        all.addAll(offPathRows);
        all.addAll(noise);
        return all;
    }
}
