package io.tracefill.serdes.json;

import io.tracefill.serdes.model.Flow;

import java.io.IOException;

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
 * <p>Anything wrong, from bad bytes to a wrong type, ends in a {@link DecodeException}; nothing
 * else is thrown. Instances are immutable and thread-safe.
 */
public final class FlowRowDecoder {
    private final JsonInput input;

    /** A decoder with {@link DecodeLimits#DEFAULTS}. */
    public FlowRowDecoder() {
        this(DecodeLimits.DEFAULTS);
    }

    public FlowRowDecoder(DecodeLimits limits) {
        this.input = new JsonInput(limits);
    }

    /** Decodes a row from JSON text. */
    public Flow decode(String json) throws DecodeException {
        return input.parse(json, FlowRowDecoder::read);
    }

    /** Decodes a row from strict UTF-8 bytes (a Kafka record value). */
    public Flow decode(byte[] utf8) throws DecodeException {
        return decode(utf8, 0, utf8 == null ? 0 : utf8.length);
    }

    /** Decodes a row from {@code length} strict UTF-8 bytes starting at {@code offset}. */
    public Flow decode(byte[] utf8, int offset, int length) throws DecodeException {
        return input.parse(utf8, offset, length, FlowRowDecoder::read);
    }

    private static Flow read(com.fasterxml.jackson.core.JsonParser p) throws IOException, DecodeException {
        RowFields r = new RowFields();
        RowReader.readObject(p, r);
        return FlowAssembler.assemble(r);
    }
}
