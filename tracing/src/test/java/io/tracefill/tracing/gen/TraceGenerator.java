package io.tracefill.tracing.gen;

import java.util.SplittableRandom;

/**
 * Deterministic synthetic DeepFlow traces: the same seed and shape give the same rows, byte for
 * byte, on any JVM.
 *
 * <pre>
 * SyntheticTrace t = TraceGenerator.generate(42, TraceShape.ofSize(100));
 * TraceBuilder.build(t.rows(), List.of(), t.entryId(), TracingConfig.defaults(), List.of());
 * </pre>
 *
 * One generator is one cluster: successive {@link #next()} calls are further requests through
 * the same pods, starting {@link #DEFAULT_GAP_US} apart, with ids unique across all of them.
 */
public final class TraceGenerator {
    /** 2023-11-14T22:13:20Z, in µs: any fixed instant will do. */
    public static final long DEFAULT_START_US = 1_700_000_000_000_000L;
    /** Requests enter the cluster this often (1000 per second). */
    public static final long DEFAULT_GAP_US = 1_000;

    private final TraceShape shape;
    private final SplittableRandom rng;
    private final Cluster cluster;
    private final TraceWriter writer;
    private long nextStartUs = DEFAULT_START_US;

    public TraceGenerator(long seed, TraceShape shape) {
        this.shape = shape;
        this.rng = new SplittableRandom(seed);
        this.cluster = new Cluster(shape, rng);
        this.writer = new TraceWriter(shape, cluster, new IdSource(rng), rng);
    }

    /** One request with its surroundings, from a fresh generator. */
    public static SyntheticTrace generate(long seed, TraceShape shape) {
        return new TraceGenerator(seed, shape).next();
    }

    /** The next request, entering the cluster {@link #DEFAULT_GAP_US} after the previous one. */
    public SyntheticTrace next() {
        SyntheticTrace t = next(nextStartUs);
        nextStartUs += DEFAULT_GAP_US;
        return t;
    }

    /** A request entering the cluster at {@code startUs} (µs since the epoch). */
    public SyntheticTrace next(long startUs) {
        return writer.write(new TracePlanner(shape, cluster, rng).plan(), startUs);
    }

    public TraceShape shape() {
        return shape;
    }
}
