package io.tracefill.topology.stream;

import io.tracefill.topology.stream.message.StreamMessage.Tick;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-time progress of one consuming partition, from the ticks of every input partition that
 * feeds it. The watermark is the slowest active input's progress minus the grace (the disorder
 * tolerated inside one input partition), so a lagging input holds decisions back instead of
 * letting them be made without its data. An input that reported itself idle stops holding back;
 * when every input is idle the watermark moves {@code idleAdvanceUs} past the newest event seen,
 * far enough to close every trace and answer every probe already waiting.
 *
 * <p>The watermark never goes back. Pure logic; the processors persist the ticks in a store.
 */
public final class Watermarks {
    private final Map<String, Tick> sources = new TreeMap<>();
    private final long graceUs;
    private final long idleAdvanceUs;
    private final int expectedSources;
    private long current = Long.MIN_VALUE;

    /**
     * @param expectedSources input partitions that feed this consumer: until each has reported
     *                        once, nothing is decided (a partition not heard from yet may hold
     *                        the oldest data)
     */
    public Watermarks(long graceUs, long idleAdvanceUs, int expectedSources) {
        this.graceUs = graceUs;
        this.idleAdvanceUs = idleAdvanceUs;
        this.expectedSources = expectedSources;
    }

    /** Restores persisted ticks (after a restart or a rebalance). */
    public void restore(Collection<Tick> ticks) {
        ticks.forEach(this::update);
    }

    /**
     * Takes a tick into account.
     *
     * @return the tick as it should be persisted for its source (progress never goes back)
     */
    public Tick update(Tick tick) {
        Tick old = sources.get(tick.source());
        long max = old == null ? tick.maxEventTimeUs() : Math.max(old.maxEventTimeUs(), tick.maxEventTimeUs());
        // an idle tick after new data is stale if the source reported newer progress since
        boolean idle = tick.idle() && (old == null || tick.maxEventTimeUs() >= old.maxEventTimeUs());
        Tick merged = new Tick(tick.source(), max, idle);
        sources.put(tick.source(), merged);
        current = Math.max(current, compute());
        return merged;
    }

    /** Event time (µs) up to which every input has delivered, grace included; MIN_VALUE before any tick. */
    public long current() {
        return current;
    }

    private long compute() {
        if (sources.size() < expectedSources) {
            return Long.MIN_VALUE;
        }
        long slowestActive = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (Tick t : sources.values()) {
            if (t.maxEventTimeUs() != Long.MIN_VALUE) {
                newest = Math.max(newest, t.maxEventTimeUs());
            }
            if (!t.idle()) {
                slowestActive = Math.min(slowestActive, t.maxEventTimeUs());
            }
        }
        if (slowestActive != Long.MAX_VALUE) {
            return saturatedAdd(slowestActive, -graceUs);
        }
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : saturatedAdd(newest, idleAdvanceUs);
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
