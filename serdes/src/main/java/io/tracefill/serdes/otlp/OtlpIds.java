package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;

/**
 * Trace and span ids as OTLP wants them (16 and 8 bytes, never all zero), their lowercase hex
 * text, and the stable hash tracefill derives ids from where a span has none of its own.
 *
 * <p>The hash is FNV-1a over the UTF-8 bytes of a text, then SplitMix64's finaliser, so short
 * and similar texts ({@code "…s-p.3"}, {@code "…s-p.4"}) spread over all 64 bits. It never changes
 * between runs, JVMs or versions: replays and restarts derive the same ids (DESIGN §3).
 */
final class OtlpIds {
    /** An id that is not there: no span id is ever 0 (OTLP treats all-zero ids as invalid). */
    static final long NONE = 0L;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private OtlpIds() {
    }

    /**
     * A span id written as 16 hex digits (either case), as OTel SDKs and DeepFlow's OTel ingest
     * store it; {@link #NONE} when the text is anything else or all zeros.
     */
    static long parseSpanId(String text) {
        if (text == null || text.length() != 16) {
            return NONE;
        }
        return parseHex64(text, 0);
    }

    /**
     * A trace id from the text a row carries, as 16 bytes, or null when the text is no usable id.
     * Accepted: 32 hex digits (either case, with or without the dashes of a UUID), and 16 hex
     * digits (a 64-bit id, e.g. from B3 or Jaeger headers), which are left-padded with zeros the
     * way W3C trace context and Jaeger pad them. An all-zero id is not usable.
     */
    static byte[] parseTraceId(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() == 36 && t.charAt(8) == '-' && t.charAt(13) == '-' && t.charAt(18) == '-' && t.charAt(23) == '-') {
            t = t.substring(0, 8) + t.substring(9, 13) + t.substring(14, 18) + t.substring(19, 23) + t.substring(24);
        }
        long hi;
        long lo;
        if (t.length() == 32) {
            if (!isHex(t)) {
                return null;
            }
            hi = parseHex64(t, 0);
            lo = parseHex64(t, 16);
            // parseHex64 reads all-zero halves as NONE; that is fine, only both zero is refused
        } else if (t.length() == 16) {
            if (!isHex(t)) {
                return null;
            }
            hi = 0;
            lo = parseHex64(t, 0);
        } else {
            return null;
        }
        if (hi == 0 && lo == 0) {
            return null;
        }
        return traceIdBytes(hi, lo);
    }

    /** 16 hex digits at {@code from}, or {@link #NONE} if any is not a hex digit. */
    private static long parseHex64(String s, int from) {
        long v = 0;
        for (int i = from; i < from + 16; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return NONE;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] traceIdBytes(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    /** The 8 bytes of a span id, big-endian (the order its hex text reads in). */
    static ByteString spanIdBytes(long id) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id >>> (56 - 8 * i));
        }
        return ByteString.copyFrom(b);
    }

    /** Lowercase hex of any bytes: the OTLP/JSON form of ids and the Collector's Kafka key. */
    static String hex(ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xff;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(out);
    }

    static String hex(long id) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (id & 0xf)];
            id >>>= 4;
        }
        return new String(out);
    }

    /**
     * The {@code attempt}-th derived id of a text; attempt 0 is the plain hash, later attempts
     * (after a collision) re-mix it with a counter, so the sequence is fixed for each text.
     */
    static long derive(String text, int attempt) {
        long h = hash(text);
        if (attempt > 0) {
            h = mix(h + GOLDEN * attempt);
        }
        return h;
    }

    /** FNV-1a over UTF-8, finished by SplitMix64's mixer. */
    static long hash(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    static long mix(long h) {
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
