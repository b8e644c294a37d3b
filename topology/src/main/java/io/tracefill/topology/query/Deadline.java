package io.tracefill.topology.query;

import java.time.Duration;

/** When one API call must have finished; checked between lookups, and bounds every peer call. */
public record Deadline(long atNanos, long budgetMs) {

    public static Deadline in(long ms) {
        return new Deadline(System.nanoTime() + ms * 1_000_000L, ms);
    }

    /** Time left, at least 1 ms, for a timeout; {@link StateUnavailableException} when none is left. */
    public Duration remaining() {
        long left = atNanos - System.nanoTime();
        if (left <= 0) {
            throw new StateUnavailableException("the call took longer than its " + budgetMs + " ms budget "
                    + "(tracefill.http.timeout-ms), waiting for state or for another instance; retry, or ask for less "
                    + "(fewer app spans, a lower max_iteration)");
        }
        return Duration.ofNanos(Math.max(left, 1_000_000L));
    }

    public void check() {
        remaining();
    }
}
