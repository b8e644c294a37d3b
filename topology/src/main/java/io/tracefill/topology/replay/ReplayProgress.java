package io.tracefill.topology.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The replay's progress as one line: share of the planned offsets consumed, flows per second and
 * the time left at the rate of the last ten seconds.
 */
final class ReplayProgress {
    private static final long WINDOW_NS = Duration.ofSeconds(10).toNanos();

    private record Sample(long nanos, long done) {
    }

    private final long total;
    private final Deque<Sample> samples = new ArrayDeque<>();

    ReplayProgress(long total) {
        this.total = total;
    }

    /**
     * @param done      offsets consumed so far
     * @param flowsPerS the pipeline's recent rate of flows read
     * @param emitted   traces emitted so far
     */
    String line(long nowNanos, long done, double flowsPerS, long emitted) {
        samples.addLast(new Sample(nowNanos, done));
        while (samples.size() > 2 && nowNanos - samples.peekFirst().nanos() > WINDOW_NS) {
            samples.removeFirst();
        }
        double percent = total == 0 ? 100 : 100.0 * done / total;
        return String.format(Locale.ROOT, "%5.1f%% of %d records | %.0f flows/s | %d traces emitted | ETA %s",
                percent, total, flowsPerS, emitted, eta(done));
    }

    private String eta(long done) {
        if (done >= total) {
            return "0:00";
        }
        Sample oldest = samples.peekFirst();
        Sample newest = samples.peekLast();
        if (oldest == null || newest.nanos() == oldest.nanos() || newest.done() <= oldest.done()) {
            return "?";
        }
        double perNano = (double) (newest.done() - oldest.done()) / (newest.nanos() - oldest.nanos());
        long s = (long) Math.ceil((total - done) / perNano / 1e9);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
