package io.tracefill.serdes.json;

/**
 * Stable numeric ids for resources known only by name. DeepFlow's Kafka exporter replaces most
 * ids by names (an agent by its name, a pod by its pod name); the algorithm compares ids
 * ({@code vtap_id}, {@code auto_instance_id_*}). An id derived from the name keeps "same agent" and
 * "same instance" comparisons working within rows of that form.
 *
 * <p>The id is a 64-bit FNV-1a hash of the kind and the name, spread by a SplitMix64 finaliser,
 * and placed in {@code [2^32, 2^53)}: above every real id (DeepFlow's ids are at most 32-bit),
 * so a derived id never equals a real one, and below 2^53, so JavaScript clients read it exactly.
 * It depends on the name's bytes only: every instance, JVM and restart derives the same id.
 *
 * <p>A derived id is not the id DeepFlow holds: a row that carries the real id and a row that
 * carries only the name never compare equal.
 */
public final class DerivedIds {
    private static final long LOW_53 = (1L << 53) - 1;
    private static final long BIT_32 = 1L << 32;

    private DerivedIds() {
    }

    /** The derived id of an agent (vtap) known by name. */
    public static long agent(String name) {
        return finish(text(separator(text(SEED, "agent")), name));
    }

    /** The derived id of a subnet known by name. */
    public static long subnet(String name) {
        return finish(text(separator(text(SEED, "subnet")), name));
    }

    /**
     * The derived id of a knowledge-graph resource of a type ({@code ResourceType}) known by name.
     * Instances and services share the space, as DeepFlow's device ids do.
     */
    public static long resource(int type, String name) {
        long h = separator(text(SEED, "resource"));
        h = separator(text(h, Integer.toString(type)));
        return finish(text(h, name));
    }

    private static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    /** FNV-1a over the UTF-8 bytes of {@code s}, encoded on the fly (no byte array). */
    private static long text(long h, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            int c = s.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * PRIME;
            } else {
                if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    c = Character.toCodePoint((char) c, s.charAt(++i));
                }
                h = utf8(h, c);
            }
        }
        return h;
    }

    private static long utf8(long h, int cp) {
        if (cp < 0x800) {
            h = (h ^ (0xc0 | cp >> 6)) * PRIME;
        } else if (cp < 0x10000) {
            h = (h ^ (0xe0 | cp >> 12)) * PRIME;
            h = (h ^ (0x80 | cp >> 6 & 0x3f)) * PRIME;
        } else {
            h = (h ^ (0xf0 | cp >> 18)) * PRIME;
            h = (h ^ (0x80 | cp >> 12 & 0x3f)) * PRIME;
            h = (h ^ (0x80 | cp >> 6 & 0x3f)) * PRIME;
        }
        return (h ^ (0x80 | cp & 0x3f)) * PRIME;
    }

    /** A byte no UTF-8 text holds, between parts: ("a", "bc") and ("ab", "c") differ. */
    private static long separator(long h) {
        return (h ^ 0xff) * PRIME;
    }

    /** SplitMix64's finaliser spreads short names over all bits; then the range is fixed. */
    private static long finish(long h) {
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h & LOW_53) | BIT_32;
    }
}
