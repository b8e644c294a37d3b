package io.tracefill.serdes.binary;

import java.util.Arrays;

/**
 * A growable byte buffer with the primitives of the binary format: minimal LEB128 varints,
 * zig-zag for signed values, length-prefixed strict UTF-8 strings. Not thread-safe; the codecs
 * keep one per thread and reset it for each record.
 */
final class ByteSink {
    /** A buffer that grew past this while writing one huge record is dropped afterwards, not kept. */
    static final int RETAINED_CAPACITY = 64 << 10;

    private byte[] buf;
    private int pos;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        pos = 0;
    }

    int size() {
        return pos;
    }

    int capacity() {
        return buf.length;
    }

    /** The backing array; valid up to {@link #size()} until the next write. */
    byte[] bytes() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** A signed 32-bit value, zig-zag encoded so small negatives stay short. */
    void writeInt(int v) {
        writeUnsigned(((v << 1) ^ (v >> 31)) & 0xffff_ffffL);
    }

    /** A signed 64-bit value, zig-zag encoded. */
    void writeLong(long v) {
        writeUnsigned((v << 1) ^ (v >> 63));
    }

    /** The 64 bits of {@code v} read as an unsigned number: 1 byte below 128, 10 for the top bit set. */
    void writeUnsigned(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /**
     * Byte length (varint) then the UTF-8 bytes. ASCII, which is nearly all of a flow's text, is
     * written in one pass straight into the buffer; only other text is measured first.
     *
     * <p>An unpaired UTF-16 surrogate has no UTF-8 form; it is written as the 3-byte sequence of its
     * code unit (as WTF-8 does) rather than replaced, as {@code String.getBytes} would, so that
     * every Java string round-trips and encoding a flow never fails on its text.
     */
    void writeString(String s, String field) {
        int n = s.length();
        ensure(5 + 3L * n);
        int start = pos + unsignedSize(n);
        int p = start;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            buf[p++] = (byte) c;
        }
        if (i == n) {
            putLengthAt(pos, n);
            pos = p;
            return;
        }
        int len = utf8Length(s, i, field);
        int bodyStart = pos + unsignedSize(len);
        if (bodyStart != start) {
            System.arraycopy(buf, start, buf, bodyStart, i);
        }
        p = bodyStart + i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[p++] = (byte) c;
            } else if (c < 0x800) {
                buf[p++] = (byte) (0xc0 | c >> 6);
                buf[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[p++] = (byte) (0xf0 | cp >> 18);
                buf[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                buf[p++] = (byte) (0xe0 | c >> 12);
                buf[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        putLengthAt(pos, len);
        pos = p;
    }

    /** UTF-8 byte length of {@code s}, whose first {@code asciiPrefix} chars are ASCII. */
    private static int utf8Length(String s, int asciiPrefix, String field) {
        long len = asciiPrefix;
        int n = s.length();
        for (int i = asciiPrefix; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 4;
                i++;
            } else {
                len += 3; // including an unpaired surrogate
            }
        }
        if (len > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(field + ": " + len + " bytes of UTF-8 is too long for one record");
        }
        return (int) len;
    }

    /** Writes {@code v} as the varint the caller reserved {@code unsignedSize(v)} bytes for at {@code at}. */
    private void putLengthAt(int at, int v) {
        while ((v & ~0x7f) != 0) {
            buf[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[at] = (byte) v;
    }

    static int unsignedSize(int v) {
        // 1 byte per started group of 7 significant bits, at least one
        return (31 - Integer.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }

    private void ensure(long extra) {
        long need = pos + extra;
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("record of more than 2 GiB cannot be encoded");
            }
            buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(2L * buf.length, Integer.MAX_VALUE - 16)));
        }
    }
}
