package io.tracefill.topology.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The per-second rate of a growing total (flows read, offsets consumed) over the last few
 * seconds, from readings the caller takes. Kafka's own {@code -rate} metrics average over a 30 s
 * window that starts empty, so they read far too low in a run's first half minute.
 */
public final class RecentRate {
    private record Reading(long nanos, double total) {
    }

    private final long windowNanos;
    private final Deque<Reading> readings = new ArrayDeque<>();

    public RecentRate(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Adds a reading and returns the rate per second since the oldest one in the window (0 at first). */
    public double update(long nanos, double total) {
        readings.addLast(new Reading(nanos, total));
        while (readings.size() > 2 && nanos - readings.peekFirst().nanos() > windowNanos) {
            readings.removeFirst();
        }
        Reading oldest = readings.peekFirst();
        return nanos == oldest.nanos() ? 0 : (total - oldest.total()) * 1e9 / (nanos - oldest.nanos());
    }
}
