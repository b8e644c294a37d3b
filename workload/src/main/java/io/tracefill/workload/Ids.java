package io.tracefill.workload;

import java.util.SplittableRandom;

/**
 * Every identifier of the generated traffic, from the one seeded source. Row ids follow DeepFlow's
 * layout ({@code (end second << 32) | (analyzer << 22) | counter}); syscall trace ids and flow ids
 * use all 64 bits, as DeepFlow's unsigned columns do, so consumers meet values above
 * {@code Long.MAX_VALUE}; tcp seqs, trace ids and span ids are random like real ones.
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom rng;
    /** Row counters of the two ingesters (analyzers 1 and 2). */
    private final long[] rowCounters = new long[3];

    Ids(SplittableRandom rng) {
        this.rng = rng;
    }

    SplittableRandom rng() {
        return rng;
    }

    /** {@code _id} of a row whose {@code time} is {@code endUs / 1e6}, numbered by its ingester. */
    String rowId(long endUs, int analyzer) {
        long second = Math.floorDiv(endUs, 1_000_000L);
        long counter = rowCounters[analyzer]++ & 0x3f_ffffL;
        return Long.toUnsignedString(second << 32 | (long) (analyzer & 0x3ff) << 22 | counter);
    }

    /** A nonzero unsigned 64-bit value: syscall trace ids, flow ids. */
    long unsigned64() {
        long v;
        do {
            v = rng.nextLong();
        } while (v == 0);
        return v;
    }

    /** An initial TCP sequence number: 32 bits, never 0 (0 means "none" in DeepFlow's rows). */
    long tcpSeq() {
        return 1 + rng.nextLong(0xffff_ffffL);
    }

    /** A W3C trace id: 32 lowercase hex digits. */
    String traceId() {
        return hex(32);
    }

    /** A W3C span id: 16 lowercase hex digits. */
    String spanId() {
        return hex(16);
    }

    /** ingress-nginx's {@code $req_id}: 16 random bytes in hex. */
    String requestId() {
        return hex(32);
    }

    int dnsTransactionId() {
        return 1 + rng.nextInt(65_535);
    }

    /** An ephemeral port of Linux's default range. */
    int ephemeralPort() {
        return 32_768 + rng.nextInt(28_232);
    }

    /** {@code lo..hi} inclusive. */
    long between(long lo, long hi) {
        return lo + rng.nextLong(hi - lo + 1);
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    private String hex(int digits) {
        char[] c = new char[digits];
        for (int i = 0; i < digits; i++) {
            c[i] = HEX[rng.nextInt(16)];
        }
        return new String(c);
    }
}
