package io.tracefill.tracing.util;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of a string that never changes between runs, JVMs or versions (unlike
 * {@code String.hashCode} mixing or seeded hashes): FNV-1a over UTF-8, then SplitMix64's
 * finaliser so short inputs spread over all 64 bits. Used where DeepFlow draws random ids.
 */
public final class StableHash {
    private StableHash() {
    }

    public static long of(String s) {
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
