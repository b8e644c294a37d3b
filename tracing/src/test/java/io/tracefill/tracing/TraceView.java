package io.tracefill.tracing;

import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Reads a {@link TracingResult} by the test ids ({@code _id}s) of its rows. */
public final class TraceView {
    private final TracingResult result;

    public TraceView(TracingResult result) {
        this.result = result;
    }

    public TracingResult result() {
        return result;
    }

    public List<TracedSpan> spans() {
        return result.tracing();
    }

    /** The span whose {@code _ids} contain {@code id}. */
    public TracedSpan span(String id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no output span holds _id " + id
                + "; output: " + ids()));
    }

    public Optional<TracedSpan> find(String id) {
        return result.tracing().stream().filter(s -> s.ids().contains(id)).findFirst();
    }

    public boolean kept(String id) {
        return find(id).isPresent();
    }

    /** First {@code _id} of the parent span, or null for a root. */
    public String parentOf(String id) {
        TracedSpan s = span(id);
        if (s.parentId() < 0) {
            return null;
        }
        return result.tracing().stream().filter(p -> p.id() == s.parentId()).findFirst()
                .map(p -> p.ids().get(0)).orElse(null);
    }

    public String reason(String id) {
        return span(id).setParentInfo();
    }

    public long selftime(String id) {
        return span(id).selftime();
    }

    /** First {@code _id} of every root span (no parent), in output order. */
    public List<String> roots() {
        List<String> out = new ArrayList<>();
        for (TracedSpan s : result.tracing()) {
            if (s.parentId() < 0) {
                out.add(s.ids().get(0));
            }
        }
        return out;
    }

    public List<String> notes() {
        return result.notes();
    }

    /** First {@code _id} of every output span, in output order. */
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        for (TracedSpan s : result.tracing()) {
            out.add(s.ids().get(0));
        }
        return out;
    }

    /** {@code deepflow_span_id} of the span holding {@code id}. */
    public String deepflowSpanId(String id) {
        return span(id).deepflowSpanId();
    }

    /** {@code deepflow_parent_span_id} of the span holding {@code id} ("" for a root). */
    public String deepflowParentSpanId(String id) {
        return span(id).deepflowParentSpanId();
    }

    public long renderStart(String id) {
        return span(id).renderStartTimeUs();
    }

    public long renderEnd(String id) {
        return span(id).renderEndTimeUs();
    }

    /** Output id ({@code _index}) of the span holding {@code id}. */
    public int index(String id) {
        return span(id).id();
    }
}
