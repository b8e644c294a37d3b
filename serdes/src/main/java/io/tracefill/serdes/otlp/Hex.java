package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;

/** Lowercase hex of OTLP id bytes, and the strict reverse for OTLP/JSON ids. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lowercase hex of the bytes, as DeepFlow stores OTel ids ({@code hex.EncodeToString}). */
    static String of(ByteString b) {
        int n = b.size();
        char[] out = new char[n * 2];
        for (int i = 0; i < n; i++) {
            int v = b.byteAt(i) & 0xff;
            out[2 * i] = DIGITS[v >>> 4];
            out[2 * i + 1] = DIGITS[v & 0xf];
        }
        return new String(out);
    }

    /**
     * The bytes of exactly {@code 2 * bytes} hex digits (either case), or null when {@code s} is
     * not that.
     */
    static byte[] parse(String s, int bytes) {
        if (s.length() != 2 * bytes) {
            return null;
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int hi = digit(s.charAt(2 * i));
            int lo = digit(s.charAt(2 * i + 1));
            if ((hi | lo) < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean allZero(ByteString b) {
        for (int i = 0; i < b.size(); i++) {
            if (b.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
