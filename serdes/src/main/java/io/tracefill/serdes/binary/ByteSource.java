package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitives {@link ByteSink} writes, strictly: every read is bounds-checked, varints
 * must be minimal and fit their type, lengths and counts must fit the bytes that are left, and
 * strings must be strict UTF-8. So a buffer is accepted only if it is exactly what the encoder
 * would write, and anything else ends in a {@link DecodeException} naming the field and the
 * byte offset, never in an unchecked exception or an allocation sized by a corrupt count.
 */
final class ByteSource {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] b;
    private final int start;
    private final int end;
    private int pos;

    ByteSource(byte[] b, int offset, int length) {
        this.b = b;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    int remaining() {
        return end - pos;
    }

    /** Index of the next byte in the underlying array. */
    int position() {
        return pos;
    }

    /** Moves past {@code n} bytes the caller has checked are there. */
    void skip(int n) {
        pos += n;
    }

    /** Offset of the next byte, counted from the start of this record. */
    int offset() {
        return pos - start;
    }

    int readByte(String field) throws DecodeException {
        if (pos >= end) {
            throw truncated(field, 1);
        }
        return b[pos++] & 0xff;
    }

    /** A minimal varint of up to 64 bits. */
    long readUnsigned(String field) throws DecodeException {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw truncated(field, 1);
            }
            int x = b[pos++];
            if (shift == 63 && (x & 0xfe) != 0) {
                throw corrupt(field, at, "varint longer than 64 bits");
            }
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                if (x == 0 && shift > 0) {
                    throw corrupt(field, at, "varint with a redundant zero byte (not the encoder's output)");
                }
                return v;
            }
        }
        throw corrupt(field, at, "varint longer than 10 bytes");
    }

    /** A zig-zag signed 32-bit value. */
    int readInt(String field) throws DecodeException {
        int at = pos;
        long z = readUnsigned(field);
        if ((z & ~0xffff_ffffL) != 0) {
            throw corrupt(field, at, "value " + Long.toUnsignedString(z) + " does not fit 32 bits");
        }
        int u = (int) z;
        return (u >>> 1) ^ -(u & 1);
    }

    /** A zig-zag signed 64-bit value. */
    long readLong(String field) throws DecodeException {
        long z = readUnsigned(field);
        return (z >>> 1) ^ -(z & 1);
    }

    /**
     * A count of items that each take at least {@code minBytesEach} bytes: bounded by what is left,
     * so a corrupt count fails here instead of sizing an allocation.
     */
    int readCount(String field, int minBytesEach) throws DecodeException {
        int at = pos;
        long n = readUnsigned(field);
        if (n < 0 || n > remaining() / minBytesEach) { // n < 0: above 2^63 as unsigned
            throw corrupt(field, at, "count " + Long.toUnsignedString(n) + " cannot fit the " + remaining()
                    + " bytes that follow");
        }
        return (int) n;
    }

    /** A byte length, then a string of that length in strict UTF-8 (or its WTF-8 extension, see {@link #scan}). */
    String readString(String field) throws DecodeException {
        int len = readCount(field, 1);
        if (len == 0) {
            return "";
        }
        int from = pos;
        int status = scan(b, from, len);
        if (status >= 0) {
            throw corrupt(field, status, "not strict UTF-8");
        }
        pos += len;
        return status == VALID_UTF8 ? new String(b, from, len, StandardCharsets.UTF_8) : decodeWtf8(b, from, len);
    }

    /** {@link #scan}: strict UTF-8. */
    static final int VALID_UTF8 = -1;
    /** {@link #scan}: valid, with unpaired surrogates in their 3-byte form. */
    static final int VALID_WTF8 = -2;

    /**
     * Checks that {@code b[off, off+len)} is what {@link ByteSink#writeString} writes: strict UTF-8
     * (RFC 3629: no overlong forms, nothing above U+10FFFF; NUL is valid text), except that an
     * unpaired surrogate may appear in its 3-byte form, as in WTF-8; a high one directly followed by
     * a low one (CESU-8's form of a pair) is refused, because the writer writes a pair as 4 bytes.
     *
     * @return {@link #VALID_UTF8}, {@link #VALID_WTF8}, or the index of the first bad byte
     */
    private static int scan(byte[] b, int off, int len) {
        int status = VALID_UTF8;
        int i = off;
        int end = off + len;
        boolean afterHighSurrogate = false;
        while (i < end) {
            if (end - i >= 8 && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8; // eight ASCII bytes at once: nearly all of a flow's text is ASCII
                afterHighSurrogate = false;
                continue;
            }
            int c = b[i] & 0xff;
            int n;
            if (c < 0x80) {
                n = 1;
            } else if (c >= 0xc2 && c <= 0xdf) {
                n = i + 1 < end && cont(b[i + 1]) ? 2 : -1;
            } else if (c >= 0xe0 && c <= 0xef) {
                int lo = c == 0xe0 ? 0xa0 : 0x80; // shorter forms are overlong
                n = i + 2 < end && in(b[i + 1], lo, 0xbf) && cont(b[i + 2]) ? 3 : -1;
                if (n > 0 && c == 0xed && (b[i + 1] & 0xff) >= 0xa0) { // a surrogate: 0xa0-0xaf high, 0xb0-0xbf low
                    boolean high = (b[i + 1] & 0xff) < 0xb0;
                    if (!high && afterHighSurrogate) {
                        return i; // a pair in CESU-8 form
                    }
                    status = VALID_WTF8;
                    afterHighSurrogate = high;
                    i += 3;
                    continue;
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                int lo = c == 0xf0 ? 0x90 : 0x80; // overlong
                int hi = c == 0xf4 ? 0x8f : 0xbf; // beyond U+10FFFF
                n = i + 3 < end && in(b[i + 1], lo, hi) && cont(b[i + 2]) && cont(b[i + 3]) ? 4 : -1;
            } else {
                n = -1;
            }
            if (n < 0) {
                return i;
            }
            afterHighSurrogate = false;
            i += n;
        }
        return status;
    }

    /** Decodes what {@link #scan} found valid with surrogates in 3-byte form (rare: a slow path). */
    private static String decodeWtf8(byte[] b, int off, int len) {
        char[] out = new char[len];
        int n = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out[n++] = (char) c;
                i++;
            } else if (c < 0xe0) {
                out[n++] = (char) ((c & 0x1f) << 6 | b[i + 1] & 0x3f);
                i += 2;
            } else if (c < 0xf0) {
                out[n++] = (char) ((c & 0x0f) << 12 | (b[i + 1] & 0x3f) << 6 | b[i + 2] & 0x3f);
                i += 3;
            } else {
                int cp = (c & 0x07) << 18 | (b[i + 1] & 0x3f) << 12 | (b[i + 2] & 0x3f) << 6 | b[i + 3] & 0x3f;
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return new String(out, 0, n);
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }

    private static boolean in(byte x, int lo, int hi) {
        int v = x & 0xff;
        return v >= lo && v <= hi;
    }

    DecodeException truncated(String field, int needed) {
        return new DecodeException(field, "truncated: needs " + needed + " more byte(s) at offset " + offset()
                + " of a " + (end - start) + "-byte record");
    }

    DecodeException corrupt(String field, int absolutePos, String what) {
        return new DecodeException(field, what + " at offset " + (absolutePos - start));
    }

    /** A failure at the current position. */
    DecodeException corrupt(String field, String what) {
        return corrupt(field, pos, what);
    }
}
