package io.tracefill.serdes.model;

import java.util.List;

/**
 * One span of a completed trace: a merged flow plus what the tracing engine decided about it
 * (spec §11.8). The output fields that only restate the row (protocol, times, ids …) are read
 * from {@link #flow()}.
 *
 * @param id                   position of the merged flow ({@code _index}); DeepFlow's {@code id}
 * @param ids                  the {@code _id}s merged into this span
 * @param relatedIds           {@code "<index>-<relations>-<first _id>"} for every related kept span
 * @param flow                 the merged row; {@code traceId} is the original string
 * @param parentId             index of the parent span, -1 for a root
 * @param childs               indexes of the children in link order
 * @param processId            process id of an eBPF span's process span set, else null
 * @param setParentInfo        why the span hangs where it does (the mount reason), or null for a root
 * @param deepflowSpanId       DeepFlow's span id for this span
 * @param deepflowParentSpanId the parent's {@code deepflowSpanId}, or "" for a root
 */
public record TracedSpan(
        int id,
        List<String> ids,
        List<String> relatedIds,
        Flow flow,
        long selftime,
        int parentId,
        List<Integer> childs,
        Integer processId,
        String serviceUid,
        String serviceUname,
        String setParentInfo,
        SpanServiceTags tags,
        String deepflowSpanId,
        String deepflowParentSpanId,
        long renderStartTimeUs,
        long renderEndTimeUs) {

    public TracedSpan {
        ids = List.copyOf(ids);
        relatedIds = List.copyOf(relatedIds);
        childs = List.copyOf(childs);
        tags = tags == null ? SpanServiceTags.NONE : tags;
    }

    /** {@code duration} in DeepFlow's output: the merged row's response duration. */
    public long duration() {
        return flow.responseDuration();
    }

    /** The resource side DeepFlow reports for this span: client side for {@code c*} points except {@code app}. */
    public FlowSide ownSide() {
        String ts = flow.tapSide();
        return ts.startsWith("c") && !TapSide.APP.equals(ts) ? flow.client() : flow.server();
    }
}
