package io.tracefill.serdes.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 * Jackson checks the structure of multi-byte sequences but accepts some of these, and it guesses
 * UTF-16/32 from zero bytes at the start; validating first closes both holes. NUL bytes are
 * refused too: JSON text cannot contain a raw one, and without them the encoding guess cannot
 * trigger.
 *
 * <p>Public for the other decoders of this module (OTLP/JSON), not an API of its own.
 */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private Utf8() {
    }

    /** Position of the first byte that is not strict UTF-8 or is NUL, or -1 when all are fine. */
    public static int firstInvalid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            // ASCII fast path, eight bytes at a time: most of a DeepFlow row is ASCII
            if (end - i >= 8) {
                long w = (long) LONGS.get(b, i);
                if ((w & HIGH_BITS) == 0 && ((w - LOW_BITS) & ~w & HIGH_BITS) == 0) {
                    i += 8;
                    continue;
                }
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c == 0) {
                    return i;
                }
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end, c);
            if (n < 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /** Length of the valid multi-byte sequence starting at {@code i} (lead byte {@code c}), or -1. */
    static int sequenceLength(byte[] b, int i, int end, int c) {
        if (c >= 0xc2 && c <= 0xdf) {
            return i + 1 < end && cont(b[i + 1]) ? 2 : -1;
        }
        if (c >= 0xe0 && c <= 0xef) {
            if (i + 2 >= end) {
                return -1;
            }
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xe0 ? 0xa0 : 0x80;   // 0xe0: shorter forms are overlong
            int hi = c == 0xed ? 0x9f : 0xbf;   // 0xed: above are UTF-16 surrogates
            return c1 >= lo && c1 <= hi && cont(b[i + 2]) ? 3 : -1;
        }
        if (c >= 0xf0 && c <= 0xf4) {
            if (i + 3 >= end) {
                return -1;
            }
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xf0 ? 0x90 : 0x80;   // overlong
            int hi = c == 0xf4 ? 0x8f : 0xbf;   // beyond U+10FFFF
            return c1 >= lo && c1 <= hi && cont(b[i + 2]) && cont(b[i + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }

    /** Position of the first unpaired UTF-16 surrogate in {@code s}, or -1. */
    public static int firstUnpairedSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (!Character.isSurrogate(ch)) {
                continue;
            }
            if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
