package io.tracefill.tracing.relation;

/** Relation kinds as DeepFlow's bit flags, and their names in {@code related_ids} (spec §4.5). */
public final class Relation {
    public static final int TCP_SEQ = 1;
    public static final int X_REQUEST_ID = 1 << 1;
    public static final int SYSCALL = 1 << 2;
    public static final int SPAN_ID = 1 << 3;
    public static final int DNS_REQUEST_ID = 1 << 4;

    private static final String[] NAMES = {"network", "xrequestid", "syscall", "app", "request_id"};

    private Relation() {
    }

    public static boolean has(int bits, int kind) {
        return (bits & kind) == kind;
    }

    private static final String[] JOINED = new String[1 << NAMES.length];

    static {
        for (int bits = 0; bits < JOINED.length; bits++) {
            JOINED[bits] = join(bits);
        }
    }

    /** {@code "network,app"} for 9: the names of the set bits, comma-joined, in bit order. */
    public static String names(int bits) {
        return bits >= 0 && bits < JOINED.length ? JOINED[bits] : join(bits);
    }

    private static String join(int bits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(NAMES[i]);
            }
        }
        return sb.toString();
    }
}
