package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects one record's rows and rejected spans for either reader, counts spans against the
 * bound, and words each rejection with its full path.
 */
final class BatchBuilder {
    private final int maxSpans;
    private final SpanMapper mapper;
    private final List<Flow> flows = new ArrayList<>();
    private final List<SpanError> rejected = new ArrayList<>(0);
    private int spans;

    BatchBuilder(OtlpLimits limits, SpanMapper mapper) {
        this.maxSpans = limits.maxSpansPerRecord();
        this.mapper = mapper;
    }

    /** Counts one more span, before it is read, so an oversized record stops early. */
    void count(int r, int s, int i) throws DecodeException {
        if (++spans > maxSpans) {
            throw new DecodeException(spanPath(r, s, i), "the record holds more than " + maxSpans
                    + " spans; at most " + maxSpans + " are accepted in one record");
        }
    }

    /**
     * Maps a span, or rejects it when it or its resource is at fault.
     *
     * @param resourceFault the fault of the span's resource, or null
     */
    void map(int r, int s, int i, Span span, ResourceContext rc, SpanFault resourceFault) {
        if (resourceFault != null) {
            rejected.add(new SpanError(spanPath(r, s, i), hexId(span.getTraceId(), 16), hexId(span.getSpanId(), 8),
                    join("resourceSpans[" + r + "].resource", resourceFault.field),
                    "the span's resource is invalid: " + resourceFault.reason));
            return;
        }
        try {
            flows.add(mapper.map(span, rc));
        } catch (SpanFault f) {
            reject(r, s, i, hexId(span.getTraceId(), 16), hexId(span.getSpanId(), 8), f.field, f.reason);
        } catch (RuntimeException e) {
            // a bug of ours, not of the input: lose this span, not the record or the stream
            reject(r, s, i, "", "", "", "internal decoder error (please report): " + e);
        }
    }

    /** Rejects a span; {@code field} is relative to the span ("" for the span itself). */
    void reject(int r, int s, int i, String traceId, String spanId, String field, String reason) {
        String path = spanPath(r, s, i);
        rejected.add(new SpanError(path, traceId, spanId, join(path, field), reason));
    }

    DecodedBatch build() {
        return new DecodedBatch(flows, rejected);
    }

    static String spanPath(int r, int s, int i) {
        return "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
    }

    private static String join(String path, String field) {
        return field == null || field.isEmpty() ? path : path + "." + field;
    }

    private static String hexId(ByteString id, int size) {
        return id.size() == size ? Hex.of(id) : "";
    }
}
