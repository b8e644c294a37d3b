package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a list of flows (the flows stored under one correlation key, or found for
 * one trace), built on {@link FlowBinaryCodec}:
 * <pre>
 *  byte      list format version = 1
 *  uvarint   count
 *  count × ( uvarint length, then length bytes: one flow exactly as FlowBinaryCodec writes it,
 *            with its own version byte )
 * </pre>
 * The length prefix bounds each flow's reader, so a corrupt flow cannot read into the next one,
 * and lets a later version skip flows without decoding them. Order is kept; null elements are
 * refused. Strictness, determinism and versioning follow {@link FlowBinaryCodec}. Instances are
 * stateless and thread-safe.
 */
public final class FlowListCodec {
    /** The version byte this build writes. */
    public static final int FORMAT_VERSION = 1;
    /**
     * Size of the smallest encoded flow (all defaults: version, presence, 2 times, 22 strings, 9 ints
     * and 11 longs, a byte each); bounds a count read from corrupt bytes.
     */
    static final int MIN_FLOW_BYTES = 46;

    private static final ThreadLocal<ByteSink> ELEMENT = ThreadLocal.withInitial(() -> new ByteSink(4096));

    /** The bytes of {@code flows}. @throws IllegalArgumentException for a null element */
    public byte[] encode(List<Flow> flows) {
        ByteSink out = FlowBinaryCodec.scratch();
        ByteSink element = ELEMENT.get();
        try {
            out.writeByte(FORMAT_VERSION);
            out.writeUnsigned(flows.size());
            for (int i = 0; i < flows.size(); i++) {
                Flow f = flows.get(i);
                if (f == null) {
                    throw new IllegalArgumentException("flows[" + i + "] is null");
                }
                element.reset();
                FlowBinaryCodec.writeTo(f, element);
                out.writeUnsigned(element.size());
                out.writeBytes(element.bytes(), 0, element.size());
            }
            return out.toByteArray();
        } finally {
            FlowBinaryCodec.release(out);
            if (element.capacity() > ByteSink.RETAINED_CAPACITY) {
                ELEMENT.remove();
            }
        }
    }

    /**
     * The list of flows already encoded one by one with {@link FlowBinaryCodec}, without decoding
     * them: the same bytes {@link #encode} writes for the decoded flows.
     */
    public byte[] encodeEncoded(List<byte[]> encodedFlows) {
        ByteSink out = FlowBinaryCodec.scratch();
        try {
            out.writeByte(FORMAT_VERSION);
            out.writeUnsigned(encodedFlows.size());
            for (byte[] f : encodedFlows) {
                out.writeUnsigned(f.length);
                out.writeBytes(f, 0, f.length);
            }
            return out.toByteArray();
        } finally {
            FlowBinaryCodec.release(out);
        }
    }

    /** Decodes a list that fills all of {@code bytes}; the list is unmodifiable. */
    public List<Flow> decode(byte[] bytes) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(null, "no input (null)");
        }
        ByteSource in = new ByteSource(bytes, 0, bytes.length);
        try {
            int version = in.readByte("formatVersion");
            if (version != FORMAT_VERSION) {
                throw new DecodeException("formatVersion", "list format version " + version
                        + " is not known (this build reads " + FORMAT_VERSION + ")");
            }
            int n = in.readCount("count", 1 + MIN_FLOW_BYTES);
            List<Flow> flows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String field = "flows[" + i + "]";
                int length = in.readCount(field, 1);
                int at = in.position();
                ByteSource one = new ByteSource(bytes, at, length);
                Flow f;
                try {
                    f = FlowFormat.read(one);
                } catch (DecodeException e) {
                    throw new DecodeException(field + (e.field() == null ? "" : "." + e.field()),
                            e.reason() + " (flow at offset " + at + ")", e);
                }
                if (one.remaining() != 0) {
                    throw new DecodeException(field, one.remaining() + " byte(s) left over inside the flow's "
                            + length + "-byte slot (flow at offset " + at + ")");
                }
                in.skip(length);
                flows.add(f);
            }
            if (in.remaining() != 0) {
                throw in.corrupt(null, in.remaining() + " byte(s) left over after " + n + " flows");
            }
            return List.copyOf(flows);
        } catch (RuntimeException e) {
            throw new DecodeException(null, "internal decoder error (please report): " + e, e);
        }
    }
}
