package io.tracefill.topology.replay;

import io.tracefill.topology.app.RecentRate;

import java.time.Duration;
import java.util.Locale;

/**
 * The replay's progress as one line: share of the planned offsets consumed, flows per second and
 * the time left at the rate of the last ten seconds.
 */
final class ReplayProgress {
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final long total;
    private final RecentRate offsets = new RecentRate(WINDOW);
    private final RecentRate flows = new RecentRate(WINDOW);

    ReplayProgress(long total) {
        this.total = total;
    }

    /**
     * @param done    offsets consumed so far
     * @param flowsIn flows read so far
     * @param emitted traces emitted so far
     */
    String line(long nowNanos, long done, double flowsIn, long emitted) {
        double offsetsPerS = offsets.update(nowNanos, done);
        double flowsPerS = flows.update(nowNanos, flowsIn);
        double percent = total == 0 ? 100 : 100.0 * done / total;
        return String.format(Locale.ROOT, "%5.1f%% of %d records | %.0f flows/s | %d traces emitted | ETA %s",
                percent, total, flowsPerS, emitted, eta(done, offsetsPerS));
    }

    private String eta(long done, double offsetsPerS) {
        if (done >= total) {
            return "0:00";
        }
        if (!(offsetsPerS > 0)) {
            return "?";
        }
        long s = (long) Math.ceil((total - done) / offsetsPerS);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
