package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TracedSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one trace id of a completed trace, and where it came from.
 *
 * <ol>
 *   <li>{@link Source#APP}: the trace id of the application (OTel) spans. When they disagree
 *       (several traces joined by DeepFlow's relations), the id carried by the most app spans
 *       wins, ties going to the smallest id; the others are listed in {@link #others()}.</li>
 *   <li>{@link Source#HEADER}: with no usable app trace id, the same rule over the trace ids
 *       DeepFlow read from request headers of eBPF and Packet spans.</li>
 *   <li>{@link Source#DERIVED}: with none at all (a DeepFlow-only trace), 16 bytes hashed from
 *       the first {@code _id} of the earliest-starting root span (ties: first in output order).</li>
 * </ol>
 * Only ids of 32 hex digits (or a UUID, or 16 hex digits left-padded) count; other texts (e.g.
 * SkyWalking segment ids) stay in each span's {@code df.span.native.trace_id}. The choice
 * depends on the set of spans, not their order, except for the derived id's tie-break.
 *
 * @param id     the 16-byte trace id
 * @param source which rule chose it
 * @param others the other usable trace ids of the deciding class, lowercase hex, sorted
 */
record TraceIdChoice(ByteString id, Source source, List<String> others) {

    /** Which rule chose the trace id; its text is the attribute value. */
    enum Source {
        APP("app"), HEADER("header"), DERIVED("derived");

        final String text;

        Source(String text) {
            this.text = text;
        }
    }

    String hex() {
        return OtlpIds.hex(id);
    }

    /** @param spans distinct spans in output order, at least one */
    static TraceIdChoice choose(List<TracedSpan> spans) {
        TraceIdChoice app = byVotes(spans, true);
        if (app != null) {
            return app;
        }
        TraceIdChoice header = byVotes(spans, false);
        if (header != null) {
            return header;
        }
        return derived(spans);
    }

    private static TraceIdChoice byVotes(List<TracedSpan> spans, boolean app) {
        // hex → votes; a TreeMap so that ties and the "others" list are in id order
        Map<String, Integer> votes = new TreeMap<>();
        for (TracedSpan s : spans) {
            Flow f = s.flow();
            if ((f.signalSource() == SignalSource.OTEL) != app || f.traceId().isEmpty()) {
                continue;
            }
            for (String raw : f.traceIds()) {
                byte[] id = OtlpIds.parseTraceId(raw);
                if (id != null) {
                    votes.merge(OtlpIds.hex(ByteString.copyFrom(id)), 1, Integer::sum);
                }
            }
        }
        if (votes.isEmpty()) {
            return null;
        }
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        List<String> others = new ArrayList<>(votes.keySet());
        others.remove(best);
        return new TraceIdChoice(ByteString.copyFrom(OtlpIds.parseTraceId(best)), app ? Source.APP : Source.HEADER,
                List.copyOf(others));
    }

    private static TraceIdChoice derived(List<TracedSpan> spans) {
        TracedSpan root = null;
        for (TracedSpan s : spans) {
            if (s.parentId() < 0 && (root == null || s.flow().startTimeUs() < root.flow().startTimeUs())) {
                root = s;
            }
        }
        if (root == null) {
            root = spans.get(0);
        }
        String seed = "trace:" + (root.ids().isEmpty() ? root.flow().id() : root.ids().get(0));
        long hi = OtlpIds.derive(seed, 0);
        long lo = OtlpIds.derive(seed, 1);
        if (hi == 0 && lo == 0) {
            lo = 1; // 2^-128: OTLP refuses the all-zero id
        }
        return new TraceIdChoice(ByteString.copyFrom(OtlpIds.traceIdBytes(hi, lo)), Source.DERIVED, List.of());
    }
}
