package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;

/**
 * A query window on DeepFlow's {@code time} column: whole seconds, both ends inclusive, where a
 * row's {@code time} is its end time rounded down to the second.
 */
public record TimeWindow(long startS, long endS) {

    public static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);

    /** The {@code time} column of a row. */
    public static long timeOf(Flow flow) {
        return Math.floorDiv(flow.endTimeUs(), 1_000_000L);
    }

    public boolean contains(Flow flow) {
        long t = timeOf(flow);
        return t >= startS && t <= endS;
    }

    public TimeWindow widen(long seconds) {
        if (this.equals(ALL) || seconds == 0) {
            return this;
        }
        return new TimeWindow(startS - seconds, endS + seconds);
    }

    public TimeWindow cover(long s, long e) {
        return new TimeWindow(Math.min(startS, s), Math.max(endS, e));
    }
}
