package io.tracefill.serdes.otlp;

import io.tracefill.serdes.json.DecodeException;

/**
 * A cursor over protobuf wire format in a byte range, for the outer levels of an OTLP record
 * (which messages stand where), so that each span and resource can be parsed on its own. Every
 * malformation (truncation, an over-long varint, a length past the end, field number 0, wire
 * types 6 and 7, unbalanced groups) is a {@link DecodeException} naming where it happened.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    private final byte[] b;
    private final int base;
    private final int end;
    private final String where;
    private final int maxDepth;
    private int pos;

    /**
     * @param base  where the record starts in {@code b} (error messages count bytes from there)
     * @param where the path of the message being read, for error messages (null: the record)
     */
    WireReader(byte[] b, int from, int to, int base, String where, int maxDepth) {
        this.b = b;
        this.pos = from;
        this.end = to;
        this.base = base;
        this.where = where;
        this.maxDepth = maxDepth;
    }

    boolean more() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    int tag() throws DecodeException {
        long t = varint();
        if (t >>> 32 != 0 || (t >>> 3) == 0) {
            throw malformed("invalid field tag " + t);
        }
        int wire = (int) t & 7;
        if (wire > FIXED32) {
            throw malformed("invalid wire type " + wire);
        }
        return (int) t;
    }

    /** The length of a length-delimited field, checked against what is left. */
    int length() throws DecodeException {
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw malformed("a length of " + Long.toUnsignedString(n) + " runs past the end (" + (end - pos)
                    + " bytes left)");
        }
        return (int) n;
    }

    /** Moves past {@code n} bytes already checked by {@link #length()}. */
    void advance(int n) {
        pos += n;
    }

    /** Skips the value of a field with this tag (an unknown field, or a known one of another wire type). */
    void skip(int tag) throws DecodeException {
        skip(tag, 0);
    }

    private void skip(int tag, int depth) throws DecodeException {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> bytes(8);
            case LEN -> advance(length());
            case FIXED32 -> bytes(4);
            case START_GROUP -> {
                if (depth >= maxDepth) {
                    throw malformed("groups nested deeper than " + maxDepth);
                }
                int endTag = (tag & ~7) | END_GROUP;
                while (true) {
                    if (!more()) {
                        throw malformed("a group is not closed");
                    }
                    int t = tag();
                    if (t == endTag) {
                        break;
                    }
                    skip(t, depth + 1);
                }
            }
            default -> throw malformed("an end-group tag without its start");
        }
    }

    private void bytes(int n) throws DecodeException {
        if (end - pos < n) {
            throw malformed("truncated: a " + n + "-byte field runs past the end");
        }
        pos += n;
    }

    private long varint() throws DecodeException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed("truncated: a varint runs past the end");
            }
            byte x = b[pos++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw malformed("a varint longer than 10 bytes");
    }

    DecodeException malformed(String what) {
        return new DecodeException(where, "not valid OTLP protobuf (" + what + ", at byte " + (pos - base) + ")");
    }
}
