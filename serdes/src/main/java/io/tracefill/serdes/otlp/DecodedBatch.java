package io.tracefill.serdes.otlp;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;

import java.util.List;

/**
 * What one OTLP record decoded to: a row for each good span, in the record's order, and each
 * span that could not become a row with the reason. One bad span does not cost the others.
 *
 * @param flows    the rows, one per accepted span
 * @param rejected the spans left out, in the record's order
 */
public record DecodedBatch(List<Flow> flows, List<SpanError> rejected) {
    public DecodedBatch {
        flows = List.copyOf(flows);
        rejected = List.copyOf(rejected);
    }

    /** Spans the record held: accepted plus rejected. */
    public int spanCount() {
        return flows.size() + rejected.size();
    }

    /** True when every span became a row. */
    public boolean isComplete() {
        return rejected.isEmpty();
    }

    /**
     * The rows, when every span became one.
     *
     * @throws DecodeException the first rejected span's fault, naming its field
     */
    public List<Flow> flowsOrThrow() throws DecodeException {
        if (!rejected.isEmpty()) {
            throw rejected.get(0).toException();
        }
        return flows;
    }
}
