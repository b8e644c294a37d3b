package io.tracefill.tracing.gen;

import java.util.SplittableRandom;

/**
 * Every identifier a synthetic row carries, drawn from one seeded source so that a seed names
 * one data set. Row ids follow DeepFlow's layout ({@code _id >> 32} is the row's second);
 * tcp seqs and syscall ids are random like the real ones, so rare collisions between unrelated
 * flows happen here as they do in production.
 */
final class IdSource {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom rng;
    private long rowCounter;
    private long flowCounter;

    IdSource(SplittableRandom rng) {
        this.rng = rng;
    }

    /** {@code _id} of a row whose time column is {@code endUs / 1e6}. */
    String rowId(long endUs) {
        long second = Math.floorDiv(endUs, 1_000_000L);
        return Long.toString(second << 32 | (++rowCounter & 0xffff_ffffL));
    }

    /** An L4 flow id of one agent's observation. */
    long flowId() {
        return ++flowCounter;
    }

    /** A TCP sequence number of the first payload byte: 32 bits, never 0 (0 means none). */
    long tcpSeq() {
        return 1 + rng.nextLong(0xffff_ffffL);
    }

    /** An eBPF thread continuity id: unsigned 64 bits in DeepFlow; positive here. */
    long syscallTraceId() {
        return 1 + rng.nextLong(Long.MAX_VALUE - 1);
    }

    /** A per-socket syscall capture sequence; the response is the next one. */
    long capSeq() {
        return 1 + rng.nextInt(5_000_000);
    }

    /** An HTTP/2 stream id: odd, small, reused across connections. */
    long grpcStreamId() {
        return 2L * rng.nextInt(5_000) + 1;
    }

    long dnsTransactionId() {
        return 1 + rng.nextInt(65_535);
    }

    /** A W3C trace id: 32 hex digits. */
    String traceId() {
        return hex(32);
    }

    /** A W3C span id: 16 hex digits. */
    String spanId() {
        return hex(16);
    }

    /** An X-Request-ID as envoy and nginx mint them (a UUID). */
    String xRequestId() {
        String h = hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private String hex(int digits) {
        char[] c = new char[digits];
        for (int i = 0; i < digits; i++) {
            c[i] = HEX[rng.nextInt(16)];
        }
        return new String(c);
    }
}
