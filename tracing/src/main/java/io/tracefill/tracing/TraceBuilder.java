package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.merge.FlowMerger;
import io.tracefill.tracing.merge.SpanRecord;
import io.tracefill.tracing.output.TraceAssembler;
import io.tracefill.tracing.sort.SortedTrace;
import io.tracefill.tracing.sort.SpanSorter;

import java.util.ArrayList;
import java.util.List;

/**
 * Stages 3–5 of DeepFlow's tracing as one pure function of a trace's rows (spec §17): merge,
 * sort, output. The search (stage 1) decides which rows; this decides the tree.
 */
public final class TraceBuilder {
    private TraceBuilder() {
    }

    /**
     * @param stored   rows found in storage
     * @param external application spans supplied by the caller (may be empty)
     * @param entryId  {@code _id} of the row whose tree survives pruning
     * @param notes    notes gathered before this stage (copied into the result)
     */
    public static TracingResult build(List<Flow> stored, List<Flow> external, String entryId, TracingConfig config,
                                      List<String> notes) {
        List<SpanRecord> records = FlowMerger.merge(stored, external);
        if (records.isEmpty()) {
            return TracingResult.NOT_FOUND;
        }
        List<String> allNotes = new ArrayList<>(notes);
        SortedTrace sorted = SpanSorter.sort(records, config, allNotes);
        return TraceAssembler.assemble(sorted, entryId, config.hostClockOffsetUs(), allNotes);
    }
}
