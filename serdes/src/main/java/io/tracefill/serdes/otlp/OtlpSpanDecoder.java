package io.tracefill.serdes.otlp;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;

import java.util.List;

/**
 * Decodes a record of the OTLP spans topic ({@code otlp_spans}) into {@code l7_flow_log} rows,
 * one per span, filled the way DeepFlow's ingester fills an OTel row: {@code signal_source} 4,
 * {@code type} 2 (session), span kind → {@code tap_side}, lowercase hex ids, µs times, HTTP, RPC,
 * DB and messaging attributes → L7 columns, status → response columns, every attribute kept as
 * text (see {@code docs/otlp-input.md} for the whole table and the divergences).
 *
 * <p>Two encodings, as the OpenTelemetry Collector's Kafka exporter writes them:
 * {@code otlp_proto} (a serialized {@code TracesData}, byte for byte an
 * {@code ExportTraceServiceRequest}) and {@code otlp_json} (OTLP/JSON: hex ids, 64-bit integers as
 * strings, enums as integers; snake_case keys are accepted too). A record may hold any number of
 * resources, scopes and spans, up to {@link OtlpLimits#maxSpansPerRecord()}.
 *
 * <p>Each row gets a deterministic {@code _id} ({@link OtlpRowIds}), and the instance named by the
 * resource's {@code k8s.pod.name} (or node, or host) with the id DeepFlow's exporter rows of the
 * same pod get, on the side its tap_side reads.
 *
 * <p>Errors: the {@code *Batch} methods return the rows of the good spans together with each
 * rejected span and its reason ({@link DecodedBatch}); the others return the rows only when every
 * span is good. A record that cannot be read at all (not OTLP, broken framing or JSON syntax, too
 * large, too many spans) is a {@link DecodeException}. Nothing else is thrown, whatever the input.
 * Instances are immutable and thread-safe.
 */
public final class OtlpSpanDecoder {
    private final OtlpLimits limits;
    private final ProtoBatchReader proto;
    private final JsonBatchReader json;

    /** A decoder with {@link OtlpLimits#DEFAULTS}. */
    public OtlpSpanDecoder() {
        this(OtlpLimits.DEFAULTS);
    }

    /** A decoder with these bounds. */
    public OtlpSpanDecoder(OtlpLimits limits) {
        this.limits = limits;
        SpanMapper mapper = new SpanMapper(limits.decode().maxStringLength());
        this.proto = new ProtoBatchReader(limits, mapper);
        this.json = new JsonBatchReader(limits, mapper);
    }

    /** The bounds this decoder enforces. */
    public OtlpLimits limits() {
        return limits;
    }

    /** Rows of an {@code otlp_proto} record; a DecodeException if any span is rejected. */
    public List<Flow> decodeProto(byte[] record) throws DecodeException {
        return decodeProtoBatch(record).flowsOrThrow();
    }

    /** Rows of an {@code otlp_json} record (strict UTF-8); a DecodeException if any span is rejected. */
    public List<Flow> decodeJson(byte[] utf8) throws DecodeException {
        return decodeJsonBatch(utf8).flowsOrThrow();
    }

    /** Rows of OTLP/JSON text; a DecodeException if any span is rejected. */
    public List<Flow> decodeJson(String json) throws DecodeException {
        return decodeJsonBatch(json).flowsOrThrow();
    }

    /** Rows and rejected spans of an {@code otlp_proto} record. */
    public DecodedBatch decodeProtoBatch(byte[] record) throws DecodeException {
        return decodeProtoBatch(record, 0, record == null ? 0 : record.length);
    }

    /** Rows and rejected spans of the {@code otlp_proto} record in {@code b[offset, offset + length)}. */
    public DecodedBatch decodeProtoBatch(byte[] b, int offset, int length) throws DecodeException {
        checkRange(b, offset, length);
        try {
            return proto.read(b, offset, length);
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    /** Rows and rejected spans of an {@code otlp_json} record (strict UTF-8). */
    public DecodedBatch decodeJsonBatch(byte[] utf8) throws DecodeException {
        checkRange(utf8, 0, utf8 == null ? 0 : utf8.length);
        try {
            return json.read(utf8, 0, utf8.length);
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    /** Rows and rejected spans of OTLP/JSON text. */
    public DecodedBatch decodeJsonBatch(String text) throws DecodeException {
        if (text == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (text.length() > limits.decode().maxDocumentBytes()) {
            throw tooLarge(text.length(), "characters");
        }
        try {
            return json.read(text);
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    private void checkRange(byte[] b, int offset, int length) throws DecodeException {
        if (b == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (offset < 0 || length < 0 || offset > b.length - length) {
            throw new DecodeException(null, "offset " + offset + " and length " + length + " lie outside the "
                    + b.length + "-byte input");
        }
        if (length > limits.decode().maxDocumentBytes()) {
            throw tooLarge(length, "bytes");
        }
    }

    private DecodeException tooLarge(int size, String unit) {
        return new DecodeException(null, "the record is " + size + " " + unit + "; at most "
                + limits.decode().maxDocumentBytes() + " are accepted");
    }

    /** A bug of ours, not of the input; still a DecodeException, so a stream never stops on it. */
    private static DecodeException internal(RuntimeException e) {
        return new DecodeException(null, "internal decoder error (please report): " + e, e);
    }
}
