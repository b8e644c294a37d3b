package io.tracefill.tracing.sort;

import io.tracefill.tracing.merge.SpanRecord;
import io.tracefill.tracing.relation.RelationMap;

import java.util.List;
import java.util.Map;

/**
 * The result of stage 4: every record linked to its parent, the sets in output order, the
 * relation map and the clock corrections.
 *
 * @param records             merged records by index
 * @param processSpanSets     in the reference's order (app-span instances first)
 * @param networkSpanSets     in creation order
 * @param instanceToAgent     instance name → agent, from eBPF and Packet spans (maps OTel spans to agents)
 */
public record SortedTrace(
        List<SpanRecord> records,
        List<ProcessSpanSet> processSpanSets,
        List<NetworkSpanSet> networkSpanSets,
        RelationMap related,
        Map<Long, Long> hostClockCorrection,
        Map<String, Long> instanceToAgent) {
}
