package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;

/**
 * The compact binary form of a {@link Flow}, for the stream's repartition topics and RocksDB
 * stores: about a third of the querier JSON's size and several times faster to read and write,
 * lossless for every value a {@code Flow} can hold, and deterministic (equal flows give equal
 * bytes, on any JVM, in any run).
 *
 * <h2>Layout, format version 1</h2>
 * Primitives: <i>uvarint</i> is an unsigned LEB128 varint of minimal length (7 bits a byte, low
 * group first, high bit = more follows; up to 10 bytes for 64 bits); <i>svarint</i> is a signed
 * value zig-zag mapped ({@code 0,-1,1,-2 → 0,1,2,3}) then written as a uvarint; <i>u64</i> is
 * the 64 bits of a {@code long} read as unsigned, as a uvarint (DeepFlow's UInt64 columns such as
 * {@code flow_id} or {@code syscall_trace_id_*} keep their bits); <i>str</i> is a uvarint byte
 * length followed by that many bytes of strict UTF-8 (see below for unpaired surrogates).
 * <pre>
 *  byte      format version = 1
 *  byte      presence bits: 0 requestId, 1 responseCode, 2 client, 3 server, 4 resourceFromVtap,
 *            5 tapSideEnum, 6 l7ProtocolEnum, 7 attributes (a field whose bit is clear is not written:
 *            null for the boxed and nullable ones, FlowSide.EMPTY for the sides, empty for the map)
 *  svarint   startTimeUs
 *  svarint   endTimeUs − startTimeUs (two's-complement wrap, so every pair round-trips)
 *  then the components of Flow in declaration order from id on (without the two times):
 *            int → svarint, long → u64, String → str, Integer → svarint, Long → u64;
 *            client, server (if present) → the 12 FlowSide components in order, same rules;
 *  attributes (if present): uvarint count ≥ 1, then count × (str key, str value), keys strictly
 *            ascending in {@link String#compareTo} order
 * </pre>
 * The authoritative field order is {@code FlowFormat}'s writer; {@code FlowBinaryCodecGoldenTest}
 * pins the bytes of a sample flow, so an accidental change fails the build.
 *
 * <h2>Strictness and determinism</h2>
 * The reader accepts exactly what the writer produces: known version, no unknown presence bit,
 * minimal varints that fit their type, lengths and counts within the buffer, strict UTF-8, a
 * present side that is not empty, a present map that is not empty with sorted unique keys, and
 * no byte left over. Hence {@code encode(decode(b))} equals {@code b} for every accepted
 * {@code b}. Anything else, including truncation, is a {@link DecodeException}; no unchecked
 * exception escapes {@link #decode}, and no allocation is sized by an unchecked count.
 *
 * <p>The decoded attribute map iterates in key order. A Java string that is not valid Unicode
 * (an unpaired surrogate, which no decoder of this module produces) is written with that
 * surrogate in its 3-byte form, as WTF-8 does, rather than replaced: every {@code Flow} encodes,
 * so the stream never stops on a serializer error, and decodes to an equal one.
 *
 * <h2>Versioning</h2>
 * A change of layout gets a new version byte. The reader of a new version must keep reading the
 * old ones for as long as old bytes can exist (repartition topics: until consumed; stores and
 * their changelogs: until retention or a reset), and the writer switches only after every
 * instance can read the new version (two-step rolling upgrade).
 *
 * <p>Instances are stateless and thread-safe; each thread reuses its own scratch buffer.
 */
public final class FlowBinaryCodec {
    /** The version byte this build writes. */
    public static final int FORMAT_VERSION = FlowFormat.VERSION;

    private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(() -> new ByteSink(4096));

    /** The bytes of {@code flow}; any flow encodes (only one beyond 2 GiB would throw). */
    public byte[] encode(Flow flow) {
        ByteSink sink = scratch();
        try {
            FlowFormat.write(flow, sink);
            return sink.toByteArray();
        } finally {
            release(sink);
        }
    }

    /** Decodes exactly one flow that fills all of {@code bytes}. */
    public Flow decode(byte[] bytes) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(null, "no input (null)");
        }
        return decode(bytes, 0, bytes.length);
    }

    /**
     * The times, id and signal source of the flow encoded in {@code length} bytes from
     * {@code offset}, without decoding the rest (so without checking it either).
     */
    public FlowHead head(byte[] bytes, int offset, int length) throws DecodeException {
        if (bytes == null || offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new DecodeException(null, "no flow at offset " + offset + ", length " + length);
        }
        try {
            return FlowFormat.readHead(new ByteSource(bytes, offset, length));
        } catch (RuntimeException e) {
            throw new DecodeException(null, "internal decoder error (please report): " + e, e);
        }
    }

    /** Decodes exactly one flow that fills {@code length} bytes from {@code offset}. */
    public Flow decode(byte[] bytes, int offset, int length) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(null, "no input (null)");
        }
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new DecodeException(null, "offset " + offset + " and length " + length + " lie outside the "
                    + bytes.length + "-byte input");
        }
        ByteSource in = new ByteSource(bytes, offset, length);
        try {
            Flow f = FlowFormat.read(in);
            if (in.remaining() != 0) {
                throw in.corrupt(null, in.remaining() + " byte(s) left over after the flow");
            }
            return f;
        } catch (RuntimeException e) {
            // a bug of ours, not of the input: still typed, so a stream never stops on it
            throw new DecodeException(null, "internal decoder error (please report): " + e, e);
        }
    }

    /** Writes {@code flow} into a sink another codec (the list codec) is filling. */
    static void writeTo(Flow flow, ByteSink sink) {
        FlowFormat.write(flow, sink);
    }

    static ByteSink scratch() {
        ByteSink sink = SCRATCH.get();
        sink.reset();
        return sink;
    }

    static void release(ByteSink sink) {
        if (sink.capacity() > ByteSink.RETAINED_CAPACITY) {
            SCRATCH.remove(); // one huge record must not pin megabytes to the thread for ever
        }
    }
}
