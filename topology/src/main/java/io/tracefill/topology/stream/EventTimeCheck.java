package io.tracefill.topology.stream;

import io.tracefill.serdes.model.Flow;

import java.util.Optional;

/**
 * Refuses flows whose times no trace decision can use: before 2000 or from 2100 on (a unit
 * mistake or a broken clock), or ending before they start. Such a flow would move watermarks by
 * decades or sit in no window; it goes to the dead-letter topic instead. Fixed bounds, not the
 * wall clock, so a replay of old topics decides the same.
 */
public final class EventTimeCheck {
    /** 2000-01-01T00:00:00Z in µs. */
    public static final long MIN_US = 946_684_800_000_000L;
    /** 2100-01-01T00:00:00Z in µs. */
    public static final long MAX_US = 4_102_444_800_000_000L;

    private EventTimeCheck() {
    }

    /** The fault as a dead-letter reason (field, reason), or empty when the times are usable. */
    public static Optional<String[]> fault(Flow f) {
        if (f.startTimeUs() < MIN_US || f.startTimeUs() >= MAX_US) {
            return Optional.of(new String[] {"start_time", "start time " + f.startTimeUs()
                    + " µs is outside the years 2000-2099"});
        }
        if (f.endTimeUs() < MIN_US || f.endTimeUs() >= MAX_US) {
            return Optional.of(new String[] {"end_time", "end time " + f.endTimeUs()
                    + " µs is outside the years 2000-2099"});
        }
        if (f.endTimeUs() < f.startTimeUs()) {
            return Optional.of(new String[] {"end_time", "end time " + f.endTimeUs() + " µs is before start time "
                    + f.startTimeUs() + " µs"});
        }
        return Optional.empty();
    }
}
