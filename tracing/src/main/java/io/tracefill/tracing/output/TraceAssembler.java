package io.tracefill.tracing.output;

import io.tracefill.serdes.model.ServiceDuration;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.SpanServiceTags;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.merge.SpanRecord;
import io.tracefill.tracing.relation.Relation;
import io.tracefill.tracing.sort.NetworkSpanSet;
import io.tracefill.tracing.sort.ProcessSpanSet;
import io.tracefill.tracing.sort.SortedTrace;
import io.tracefill.tracing.sort.SpanKind;
import io.tracefill.tracing.sort.SpanNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 5 (spec §11): span ids, output order, pruning, related ids, self time, services,
 * render times, and the final clean-up of parent ids.
 */
public final class TraceAssembler {
    private static final int SPAN_ID_MIN_LENGTH = 16;

    private TraceAssembler() {
    }

    /**
     * @param entryId the {@code _id} whose tree is the pruning root
     * @param notes   engine notes to attach to the result
     */
    public static TracingResult assemble(SortedTrace sorted, String entryId, long hostClockOffsetUs, List<String> notes) {
        List<OutputRecord> traces = TraceOrder.order(withSpanIds(sorted));
        traces = Pruner.prune(traces, entryId, hostClockOffsetUs);
        // record index → its (last) position in the output, -1 when not output
        int[] positionOfId = new int[sorted.records().size()];
        java.util.Arrays.fill(positionOfId, -1);
        for (int i = 0; i < traces.size(); i++) {
            positionOfId[traces.get(i).id()] = i;
        }
        relatedIds(traces, sorted, positionOfId);
        for (OutputRecord t : traces) {
            subtractChildren(t, traces, positionOfId);
        }
        List<ServiceDuration> services = ServiceMerger.merge(sorted.processSpanSets(), traces, positionOfId);
        renderTimes(traces, sorted.hostClockCorrection(), sorted.instanceToAgent());
        Set<String> emittedIds = new HashSet<>();
        for (OutputRecord t : traces) {
            emittedIds.add(t.deepflowSpanId);
        }
        for (OutputRecord t : traces) {
            boolean hasParentText = t.deepflowParentSpanId == null || !t.deepflowParentSpanId.isEmpty();
            if (hasParentText && (t.deepflowParentSpanId == null || !emittedIds.contains(t.deepflowParentSpanId))) {
                t.deepflowParentSpanId = "";
                t.parentId = -1;
            }
        }
        List<TracedSpan> spans = new ArrayList<>(traces.size());
        for (OutputRecord t : traces) {
            spans.add(freeze(t));
        }
        return new TracingResult(true, spans, services, sorted.hostClockCorrection(), notes);
    }

    /** Output records, set by set, each with its DeepFlow span id (spec §11.1). */
    private static List<OutputRecord> withSpanIds(SortedTrace sorted) {
        List<OutputRecord> out = new ArrayList<>();
        Map<Integer, String> idOfIndex = new HashMap<>();
        for (ProcessSpanSet pss : sorted.processSpanSets()) {
            for (SpanNode span : pss.spans()) {
                if (span.kind() == SpanKind.SYS) {
                    String spanId = span.row().spanId();
                    // the reference counts characters (len of a Python str), not UTF-16 units
                    boolean usable = spanId.codePointCount(0, spanId.length()) >= SPAN_ID_MIN_LENGTH;
                    String sid = usable ? spanId : SpanIds.derived(span.record().ids().get(0));
                    idOfIndex.put(span.index(), sid + "." + span.tapSide() + "." + span.index());
                    out.add(new OutputRecord(span.record()));
                } else if (span.kind() == SpanKind.APP) {
                    idOfIndex.put(span.index(), span.row().spanId());
                    out.add(new OutputRecord(span.record()));
                }
            }
        }
        for (NetworkSpanSet nss : sorted.networkSpanSets()) {
            for (SpanNode span : nss.spans()) {
                if (span.kind() == SpanKind.SYS) {
                    continue;
                }
                // DeepFlow writes Python's None when the set has no span id (D17)
                String sid = nss.spanId() == null ? "None" : nss.spanId();
                idOfIndex.put(span.index(), sid + "." + span.tapSide() + "." + span.index());
                out.add(new OutputRecord(span.record()));
            }
        }
        for (OutputRecord r : out) {
            r.deepflowSpanId = idOfIndex.get(r.id());
            r.deepflowParentSpanId = r.parentId == -1 ? "" : idOfIndex.get(r.parentId);
        }
        return out;
    }

    private static void relatedIds(List<OutputRecord> traces, SortedTrace sorted, int[] positionOfId) {
        List<SpanRecord> records = sorted.records();
        var related = sorted.related();
        for (OutputRecord t : traces) {
            int n = related.size(t.id());
            List<String> ids = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                int index = related.candidate(t.id(), k);
                if (positionOfId[index] >= 0) {
                    ids.add(index + "-" + Relation.names(related.bitsAt(t.id(), k)) + "-"
                            + records.get(index).ids().get(0));
                }
            }
            t.relatedIds = ids;
        }
    }

    /**
     * Self time (spec §11.5): the span's duration minus its kept children's. A child longer than
     * what is left zeroes it; a child with no positive duration stops the subtraction (D12).
     */
    private static void subtractChildren(OutputRecord parent, List<OutputRecord> traces, int[] positionOfId) {
        long own = parent.row().endTimeUs() - parent.row().startTimeUs();
        if (own == 0) {
            return;
        }
        for (int childId : parent.childs()) {
            int position = childId < positionOfId.length ? positionOfId[childId] : -1;
            if (position < 0) {
                continue;
            }
            OutputRecord child = traces.get(position);
            long childTime = child.row().endTimeUs() - child.row().startTimeUs();
            if (childTime > 0 && childTime <= parent.selftime) {
                parent.selftime -= childTime;
            } else if (childTime > parent.selftime) {
                parent.selftime = 0;
            } else {
                return;
            }
        }
    }

    private static void renderTimes(List<OutputRecord> traces, Map<Long, Long> correction, Map<String, Long> instanceToAgent) {
        for (OutputRecord t : traces) {
            long agent = t.row().vtapId();
            if (t.row().signalSource() == SignalSource.OTEL) {
                // an OTel span may reach DeepFlow through another host's agent: use its instance's agent
                Long mapped = instanceToAgent.get(ownInstanceName(t));
                if (mapped != null) {
                    agent = mapped;
                }
            }
            long c = correction.getOrDefault(agent, 0L);
            t.renderStartTimeUs = t.row().startTimeUs() + c;
            t.renderEndTimeUs = t.row().endTimeUs() + c;
        }
    }

    private static String ownInstanceName(OutputRecord t) {
        String ts = t.row().tapSide();
        return ts.startsWith("c") && !"app".equals(ts) ? t.row().client().autoInstance() : t.row().server().autoInstance();
    }

    private static TracedSpan freeze(OutputRecord t) {
        SpanRecord r = t.record;
        SpanServiceTags tags = new SpanServiceTags(r.subnet, r.ip, r.autoService, r.autoServiceId, r.autoServiceType,
                r.processKname, r.gprocess);
        return new TracedSpan(t.id(), r.ids(), t.relatedIds, r.row(), t.selftime, t.parentId, r.childsOrEmpty(),
                r.processId, t.serviceUid, t.serviceUname, r.setParentInfo, tags, t.deepflowSpanId,
                t.deepflowParentSpanId, t.renderStartTimeUs, t.renderEndTimeUs);
    }
}
