package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;

/**
 * The {@code _id} of a row made from an OTLP span. DeepFlow numbers OTel rows like its own,
 * {@code (end_second << 32) | (analyzer_id << 22) | counter}: a per-ingester counter, so a replay
 * gets different ids. tracefill needs the same id for the same span on every run, instance and
 * partition, and an id that never equals one of DeepFlow's.
 *
 * <p>The id is a 62-bit hash of the span's 16-byte trace id and 8-byte span id (three 64-bit
 * words, each folded in through SplitMix64's finaliser, which is a bijection, so two spans of one
 * trace differ before the cut to 62 bits), with the two top bits set: it lies in
 * {@code [3·2^62, 2^64)} and is written as unsigned decimal text. DeepFlow's ids are below
 * {@code 2^63} until its 32-bit second field reaches {@code 2^31} (2038-01-19) and below
 * {@code 3·2^62} until 2071; the Trace Completion API's span ids are below {@code 2^48}. So the
 * ranges are disjoint in practice, and {@link #isOtlpRowId} tells an OTel row by its id alone.
 * Unlike DeepFlow's, {@code _id >> 32} is not a time: use {@code end_time}.
 *
 * <p>Two different spans share an id with probability about {@code n²/2^63} for {@code n} spans
 * held at once (under 0.2% for 10^8).
 */
public final class OtlpRowIds {
    /** The two top bits that mark an OTLP row id. */
    private static final long MARK = 0xC000_0000_0000_0000L;

    private OtlpRowIds() {
    }

    /**
     * The row id of the span with these ids.
     *
     * @param traceId the span's 16-byte trace id
     * @param spanId  the span's 8-byte span id
     * @return unsigned decimal text
     */
    public static String of(ByteString traceId, ByteString spanId) {
        return decimal(bits(traceId, spanId));
    }

    /** Unsigned decimal text of an id of this range: always 20 digits, written without a builder. */
    private static String decimal(long v) {
        char[] out = new char[20];
        long rest = Long.divideUnsigned(v, 10);
        out[19] = (char) ('0' + (v - rest * 10));
        for (int i = 18; i >= 0; i--) {
            long q = rest / 10;
            out[i] = (char) ('0' + (rest - q * 10));
            rest = q;
        }
        return new String(out);
    }

    /** The row id's bits, as an unsigned value in a long. */
    static long bits(ByteString traceId, ByteString spanId) {
        long h = mix(word(traceId, 0) ^ 0x6f746c70_5f726f77L); // "otlp_row": a seed of our own
        h = mix(h ^ word(traceId, 8));
        h = mix(h ^ word(spanId, 0));
        return MARK | h >>> 2;
    }

    /** True when {@code id} is decimal text in this scheme's range. */
    public static boolean isOtlpRowId(String id) {
        if (id == null || id.length() != 20) {
            return false; // 3·2^62 and 2^64 − 1 both have 20 digits
        }
        try {
            return (Long.parseUnsignedLong(id) & MARK) == MARK;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long word(ByteString b, int from) {
        long w = 0;
        for (int i = from; i < from + 8 && i < b.size(); i++) {
            w = w << 8 | (b.byteAt(i) & 0xff);
        }
        return w;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
