package io.tracefill.serdes.json;

import io.tracefill.serdes.model.Flow;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one DeepFlow {@code l7_flow_log} row from a JSON object, in either form DeepFlow writes:
 * <ul>
 *   <li>the querier's row ({@code tap_side}, {@code vtap_id}, {@code start_time_us},
 *       {@code auto_instance_id_0}, {@code ip_0}, {@code Enum(tap_side)} …), as deepflow-app reads it;</li>
 *   <li>the Kafka exporter's JSON ({@code observation_point}, {@code agent}/{@code agent_id},
 *       {@code start_time} in µs, {@code end_point}, {@code trace_id_2}, {@code ip4_0}, resources by
 *       name, enums as display names such as {@code "Server Process"} or as raw codes, empty fields
 *       left out).</li>
 * </ul>
 * The form is recognised per record, key by key. Required: {@code _id} (unsigned 64-bit, as a
 * number or decimal text; kept as text) and both times (integers in µs, not negative, not after
 * the year 2300, end not before start). Unsigned 64-bit columns ({@code flow_id},
 * {@code syscall_trace_id_*}, {@code request_id}) keep their bits in a long. Agents and resources
 * known only by name get ids from {@link DerivedIds}. Unknown keys are ignored.
 *
 * <p>This is the stream's hot path, so it does not go through a general JSON library: a strict
 * scanner ({@code JsonCursor}) reads the bytes once and matches keys without making Strings.
 * Anything wrong, from bad bytes to a wrong type, ends in a {@link DecodeException}; nothing else
 * is thrown. Instances are immutable and thread-safe.
 */
public final class FlowRowDecoder {
    private final DecodeLimits limits;

    /** A decoder with {@link DecodeLimits#DEFAULTS}. */
    public FlowRowDecoder() {
        this(DecodeLimits.DEFAULTS);
    }

    public FlowRowDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** Decodes a row from JSON text. Byte offsets in error messages count its UTF-8 encoding. */
    public Flow decode(String json) throws DecodeException {
        if (json == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (json.length() > limits.maxDocumentBytes()) {
            throw tooLong(json.length(), "characters");
        }
        int bad = Utf8.firstUnpairedSurrogate(json);
        if (bad >= 0) {
            throw new DecodeException(null, "unpaired UTF-16 surrogate at index " + bad + " (not valid Unicode text)");
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return read(utf8, 0, utf8.length);
    }

    /** Decodes a row from strict UTF-8 bytes (a Kafka record value). */
    public Flow decode(byte[] utf8) throws DecodeException {
        return decode(utf8, 0, utf8 == null ? 0 : utf8.length);
    }

    /** Decodes a row from {@code length} strict UTF-8 bytes starting at {@code offset}. */
    public Flow decode(byte[] utf8, int offset, int length) throws DecodeException {
        if (utf8 == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (offset < 0 || length < 0 || offset > utf8.length - length) {
            throw new DecodeException(null, "offset " + offset + " and length " + length
                    + " lie outside the " + utf8.length + "-byte input");
        }
        if (length > limits.maxDocumentBytes()) {
            throw tooLong(length, "bytes");
        }
        // UTF-8 is checked by the scanner: outside strings only ASCII is valid JSON anyway
        return read(utf8, offset, length);
    }

    private Flow read(byte[] utf8, int offset, int length) throws DecodeException {
        try {
            RowFields r = new RowFields();
            RowReader.read(new JsonCursor(utf8, offset, length, limits), r);
            return FlowAssembler.assemble(r);
        } catch (RuntimeException e) {
            // a bug of ours, not of the input; still a DecodeException, so a stream never stops on it
            throw new DecodeException(null, "internal decoder error (please report): " + e, e);
        }
    }

    private DecodeException tooLong(int length, String unit) {
        return new DecodeException(null, "input is " + length + " " + unit + "; at most " + limits.maxDocumentBytes()
                + " are accepted");
    }
}
