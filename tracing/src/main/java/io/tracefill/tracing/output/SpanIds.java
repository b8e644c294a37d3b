package io.tracefill.tracing.output;

import java.nio.charset.StandardCharsets;

/**
 * DeepFlow draws a random 64-bit id for an eBPF span without a usable span id. We derive it from
 * the span's first {@code _id} instead, so the same input always gives the same output (a
 * documented divergence). The text keeps DeepFlow's form: Python's {@code hex()}, {@code 0x…}
 * without padding.
 */
public final class SpanIds {
    private SpanIds() {
    }

    public static String derived(String flowId) {
        return "0x" + Long.toHexString(hash64(flowId));
    }

    /** FNV-1a over UTF-8, then a SplitMix64 finaliser so short ids spread over all 64 bits. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
