package io.tracefill.tracing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every parameter of DeepFlow's tracing (spec §3), with DeepFlow's defaults.
 *
 * @param maxIteration                  search rounds; 0 is treated as 1
 * @param networkDelayUs                time tolerance of network relations, µs
 * @param hostClockOffsetUs             extra tolerance between agents, µs; also the pruning overlap
 * @param tracingSources                correlation keys the search expands on
 * @param allowMultipleTraceIds         keep flows of other trace ids found through tcp/syscall/x-request-id
 * @param spanSetConnectionStrategies   opt-in weak links (§9 steps 7–8)
 * @param iterationExpandTimeRangeS     widens trace-id queries by this many seconds each side
 * @param l7TracingLimit                at most this many rows per search query
 */
public record TracingConfig(
        int maxIteration,
        long networkDelayUs,
        long hostClockOffsetUs,
        Set<TracingSource> tracingSources,
        boolean allowMultipleTraceIds,
        Set<ConnectionStrategy> spanSetConnectionStrategies,
        long iterationExpandTimeRangeS,
        int l7TracingLimit) {

    public static final int DEFAULT_MAX_ITERATION = 30;
    public static final long DEFAULT_NETWORK_DELAY_US = 50_000;
    public static final long DEFAULT_HOST_CLOCK_OFFSET_US = 10_000;
    public static final int DEFAULT_L7_TRACING_LIMIT = 1000;

    public TracingConfig {
        if (maxIteration < 0) {
            throw new IllegalArgumentException("max_iteration must be >= 0, got " + maxIteration);
        }
        if (networkDelayUs < 0) {
            throw new IllegalArgumentException("network_delay_us must be >= 0, got " + networkDelayUs);
        }
        if (hostClockOffsetUs < 0) {
            throw new IllegalArgumentException("host_clock_offset_us must be >= 0, got " + hostClockOffsetUs);
        }
        if (iterationExpandTimeRangeS < 0) {
            throw new IllegalArgumentException("iteration_expand_time_range must be >= 0, got "
                    + iterationExpandTimeRangeS);
        }
        if (l7TracingLimit < 1) {
            throw new IllegalArgumentException("l7_tracing_limit must be >= 1, got " + l7TracingLimit);
        }
        // DeepFlow: an empty tracing_source means the default list
        tracingSources = tracingSources == null || tracingSources.isEmpty()
                ? TracingSource.defaults() : EnumSet.copyOf(tracingSources);
        spanSetConnectionStrategies = spanSetConnectionStrategies == null || spanSetConnectionStrategies.isEmpty()
                ? EnumSet.noneOf(ConnectionStrategy.class) : EnumSet.copyOf(spanSetConnectionStrategies);
    }

    public static TracingConfig defaults() {
        return new TracingConfig(DEFAULT_MAX_ITERATION, DEFAULT_NETWORK_DELAY_US, DEFAULT_HOST_CLOCK_OFFSET_US,
                TracingSource.defaults(), false, Set.of(), 0, DEFAULT_L7_TRACING_LIMIT);
    }

    public boolean uses(TracingSource source) {
        return tracingSources.contains(source);
    }

    public boolean uses(ConnectionStrategy strategy) {
        return spanSetConnectionStrategies.contains(strategy);
    }

    public TracingConfig withMaxIteration(int v) {
        return new TracingConfig(v, networkDelayUs, hostClockOffsetUs, tracingSources, allowMultipleTraceIds,
                spanSetConnectionStrategies, iterationExpandTimeRangeS, l7TracingLimit);
    }

    public TracingConfig withNetworkDelayUs(long v) {
        return new TracingConfig(maxIteration, v, hostClockOffsetUs, tracingSources, allowMultipleTraceIds,
                spanSetConnectionStrategies, iterationExpandTimeRangeS, l7TracingLimit);
    }

    public TracingConfig withHostClockOffsetUs(long v) {
        return new TracingConfig(maxIteration, networkDelayUs, v, tracingSources, allowMultipleTraceIds,
                spanSetConnectionStrategies, iterationExpandTimeRangeS, l7TracingLimit);
    }

    public TracingConfig withTracingSources(Set<TracingSource> v) {
        return new TracingConfig(maxIteration, networkDelayUs, hostClockOffsetUs, v, allowMultipleTraceIds,
                spanSetConnectionStrategies, iterationExpandTimeRangeS, l7TracingLimit);
    }

    public TracingConfig withAllowMultipleTraceIds(boolean v) {
        return new TracingConfig(maxIteration, networkDelayUs, hostClockOffsetUs, tracingSources, v,
                spanSetConnectionStrategies, iterationExpandTimeRangeS, l7TracingLimit);
    }

    public TracingConfig withSpanSetConnectionStrategies(Set<ConnectionStrategy> v) {
        return new TracingConfig(maxIteration, networkDelayUs, hostClockOffsetUs, tracingSources,
                allowMultipleTraceIds, v, iterationExpandTimeRangeS, l7TracingLimit);
    }

    public TracingConfig withIterationExpandTimeRangeS(long v) {
        return new TracingConfig(maxIteration, networkDelayUs, hostClockOffsetUs, tracingSources,
                allowMultipleTraceIds, spanSetConnectionStrategies, v, l7TracingLimit);
    }

    public TracingConfig withL7TracingLimit(int v) {
        return new TracingConfig(maxIteration, networkDelayUs, hostClockOffsetUs, tracingSources,
                allowMultipleTraceIds, spanSetConnectionStrategies, iterationExpandTimeRangeS, v);
    }

    /** {@code tolerance(a, b)} of the spec: network delay, plus the clock offset across agents. */
    public long tolerance(long vtapA, long vtapB) {
        return vtapA == vtapB ? networkDelayUs : networkDelayUs + hostClockOffsetUs;
    }
}
