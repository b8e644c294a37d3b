package io.tracefill.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate. The same spec always gives the same records, byte for byte: every random
 * choice comes from {@code seed}, every time from {@code startTimeUs} and the rate (never the
 * wall clock).
 *
 * @param seed             names the data set
 * @param tracesPerSecond  mean rate of user requests entering the cluster (Poisson arrivals); each is one trace
 * @param duration         requests arrive during {@code [startTimeUs, startTimeUs + duration)}; their
 *                         records (and exports) may trail a few seconds behind
 * @param startTimeUs      event time of the start, µs since the epoch (2000-01-01 to 2200-01-01)
 * @param otlpEncoding     how the OTLP topic's values are encoded
 * @param backgroundScale  unrelated traffic (health probes, metric scrapes, a batch job, DNS lookups):
 *                         1 = a small cluster's usual amount, 0 = none; independent of the request rate
 * @param maxClockSkewUs   each agent's clock is off by up to this much either way (DeepFlow's
 *                         {@code host_clock_offset_us} default tolerates 10 ms)
 * @param splitShare       share of DeepFlow observations written as a request row and a response row
 *                         (when the agent flushed them apart) instead of one session row
 * @param errorShare       share of payment calls that fail (the failure shows up through the callers)
 */
public record WorkloadSpec(long seed, double tracesPerSecond, Duration duration, long startTimeUs,
                           OtlpEncoding otlpEncoding, double backgroundScale, long maxClockSkewUs,
                           double splitShare, double errorShare) {

    /** 2023-11-14T22:13:20Z: a fixed instant, so a spec without a start time still names one data set. */
    public static final long DEFAULT_START_US = 1_700_000_000_000_000L;
    private static final long MIN_START_US = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long MAX_START_US = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    /** More would take longer to write than anyone waits for; the bound also keeps µs arithmetic far from overflow. */
    private static final Duration MAX_DURATION = Duration.ofDays(366);

    public WorkloadSpec {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(otlpEncoding, "otlpEncoding");
        if (!(tracesPerSecond > 0) || tracesPerSecond > 1_000_000 || Double.isNaN(tracesPerSecond)) {
            throw new IllegalArgumentException("the rate must be > 0 and <= 1000000 traces per second, got "
                    + tracesPerSecond);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("the duration must be > 0 and at most 366 days, got " + duration);
        }
        if (startTimeUs < MIN_START_US || startTimeUs >= MAX_START_US) {
            throw new IllegalArgumentException("the start time must lie between 2000-01-01 and 2200-01-01, got "
                    + startTimeUs + " µs");
        }
        if (!(backgroundScale >= 0) || backgroundScale > 1000) {
            throw new IllegalArgumentException("the background scale must be >= 0 and <= 1000, got " + backgroundScale);
        }
        if (maxClockSkewUs < 0 || maxClockSkewUs > 1_000_000) {
            throw new IllegalArgumentException("the clock skew must be >= 0 and <= 1000000 µs, got " + maxClockSkewUs);
        }
        requireShare("split share", splitShare);
        requireShare("error share", errorShare);
    }

    private static void requireShare(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("the " + what + " must be between 0 and 1, got " + v);
        }
    }

    /**
     * A spec with the usual amounts: OTLP protobuf, background traffic at scale 1, agent clocks up
     * to 2 ms off, 5% of observations split into request and response rows, 1% failed payments.
     */
    public static WorkloadSpec of(long seed, double tracesPerSecond, Duration duration, long startTimeUs) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, startTimeUs, OtlpEncoding.OTLP_PROTO, 1.0, 2_000,
                0.05, 0.01);
    }

    /** Seed 1, 10 traces per second for a minute from {@link #DEFAULT_START_US}. */
    public static WorkloadSpec defaults() {
        return of(1, 10, Duration.ofMinutes(1), DEFAULT_START_US);
    }

    public WorkloadSpec withSeed(long v) {
        return new WorkloadSpec(v, tracesPerSecond, duration, startTimeUs, otlpEncoding, backgroundScale,
                maxClockSkewUs, splitShare, errorShare);
    }

    public WorkloadSpec withRate(double v) {
        return new WorkloadSpec(seed, v, duration, startTimeUs, otlpEncoding, backgroundScale, maxClockSkewUs,
                splitShare, errorShare);
    }

    public WorkloadSpec withDuration(Duration v) {
        return new WorkloadSpec(seed, tracesPerSecond, v, startTimeUs, otlpEncoding, backgroundScale, maxClockSkewUs,
                splitShare, errorShare);
    }

    public WorkloadSpec withStartTimeUs(long v) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, v, otlpEncoding, backgroundScale, maxClockSkewUs,
                splitShare, errorShare);
    }

    public WorkloadSpec withOtlpEncoding(OtlpEncoding v) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, startTimeUs, v, backgroundScale, maxClockSkewUs,
                splitShare, errorShare);
    }

    public WorkloadSpec withBackgroundScale(double v) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, startTimeUs, otlpEncoding, v, maxClockSkewUs,
                splitShare, errorShare);
    }

    public WorkloadSpec withMaxClockSkewUs(long v) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, startTimeUs, otlpEncoding, backgroundScale, v,
                splitShare, errorShare);
    }

    public WorkloadSpec withSplitShare(double v) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, startTimeUs, otlpEncoding, backgroundScale,
                maxClockSkewUs, v, errorShare);
    }

    public WorkloadSpec withErrorShare(double v) {
        return new WorkloadSpec(seed, tracesPerSecond, duration, startTimeUs, otlpEncoding, backgroundScale,
                maxClockSkewUs, splitShare, v);
    }

    /** The end of the arrival window, µs. */
    public long endTimeUs() {
        return startTimeUs + duration.toNanos() / 1000;
    }
}
