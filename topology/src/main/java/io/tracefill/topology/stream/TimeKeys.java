package io.tracefill.topology.stream;

/**
 * Store keys that sort by event time: a signed µs value as 16 hex digits with the sign bit
 * flipped, so RocksDB's byte order is time order, then a NUL and the rest of the key.
 */
public final class TimeKeys {
    public static final char SEP = '\0';

    private TimeKeys() {
    }

    public static String prefix(long timeUs) {
        String hex = Long.toHexString(timeUs ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }

    public static String key(long timeUs, String rest) {
        return prefix(timeUs) + SEP + rest;
    }

    /** The smallest key after every key whose time is at most {@code timeUs}. */
    public static String after(long timeUs) {
        return prefix(timeUs) + '\u0001';
    }

    public static String rest(String key) {
        return key.substring(17);
    }
}
