package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;

import java.util.Comparator;

/**
 * The one order in which flows are listed wherever the reference's order is undefined (a
 * database's row order, equal start times): start time, then {@code _id}. Numeric ids compare as
 * numbers and come before non-numeric ones. Every {@link FlowIndex} returns rows in this order,
 * so a search gives the same answer over any index.
 */
public final class FlowOrder {
    private FlowOrder() {
    }

    public static final Comparator<String> ID_ORDER = FlowOrder::compareIds;

    public static final Comparator<Flow> BY_START_THEN_ID =
            Comparator.comparingLong(Flow::startTimeUs).thenComparing(Flow::id, ID_ORDER);

    public static int compareIds(String a, String b) {
        boolean na = isDecimal(a);
        boolean nb = isDecimal(b);
        if (na && nb) {
            if (a.length() != b.length()) {
                return Integer.compare(a.length(), b.length());
            }
            return a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty() || s.length() > 1 && s.charAt(0) == '0') {
            return s.equals("0");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
