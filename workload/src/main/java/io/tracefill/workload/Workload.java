package io.tracefill.workload;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Realistic microservice traffic in the pipeline's two input formats, generated lazily.
 *
 * <pre>{@code
 * WorkloadSpec spec = WorkloadSpec.of(42, 100, Duration.ofMinutes(5), startUs);
 * try (RecordSink sink = new KafkaSink("localhost:9092", TopicNames.DEFAULTS)) {
 *     Workload.generate(spec).forEachRemaining(sink::write);
 * }
 * }</pre>
 *
 * <p>Users' requests arrive at the spec's rate (Poisson) at an online shop on Kubernetes: edge
 * load balancer → ingress-nginx (injects X-Request-ID) → an instrumented frontend → Redis, MySQL,
 * CoreDNS (no trace ids on those wires) and gRPC/HTTP backends in Java, Go and Python, on four
 * nodes whose DeepFlow agents' clocks are a little off; plus background traffic (probes, scrapes,
 * a batch job). Each request yields OTLP records (the app spans, as the Collector's Kafka exporter
 * writes them) and DeepFlow exporter rows (eBPF and Packet, request/response rows now and then)
 * that carry the same tcp seqs, syscall trace ids, X-Request-IDs and traceparent-derived ids, so
 * DeepFlow's algorithm links them into one trace.
 *
 * <p>Records come in the order their producers hand them to Kafka: DeepFlow rows at their agent's
 * next flush, OTLP records at the Collector's next batch. Timestamps are event times (a row's end
 * time, a batch's send time), so the stream is ordered up to a second or two of disorder, like the
 * real topics. The same spec gives the same records, byte for byte, on any JVM: all randomness
 * comes from the seed (through {@link SplittableRandom}, and {@link StrictMath} for the arrival
 * times), all times from the start time.
 *
 * <p>Records are generated as they are read. To hand them out in order about 1.5 s of them are held
 * back, so memory grows with the rate, not with the duration. Not thread-safe.
 */
public final class Workload implements Iterator<WireRecord> {
    private record Pending(long sendUs, long seq, WireRecord record) {
    }

    private final WorkloadSpec spec;
    private final Consumer<TraceTruth> onTrace;
    private final SplittableRandom arrivals;
    private final Edge edge;
    private final Background background;
    private final OtlpBatches batches;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) ->
            a.sendUs != b.sendUs ? Long.compare(a.sendUs, b.sendUs) : Long.compare(a.seq, b.seq));
    private final long endUs;
    /** Arrival time of the next request, µs, kept fractional so rounding never accumulates. */
    private double nextRequestUs;
    private long seq;

    private Workload(WorkloadSpec spec, Consumer<TraceTruth> onTrace) {
        this.spec = spec;
        this.onTrace = onTrace;
        SplittableRandom root = new SplittableRandom(spec.seed());
        // separate streams: the cluster does not change with the rate, nor arrivals with the traffic mix
        Cluster cluster = new Cluster(root.split(), spec.maxClockSkewUs());
        this.arrivals = root.split();
        Ids ids = new Ids(root.split());
        RowWriter rows = new RowWriter(ids, spec.splitShare());
        Player player = new Player(cluster, ids, rows, new OtelSpans(ids));
        this.edge = new Edge(cluster, ids, player, rows, new Shop(ids, spec.errorShare()));
        this.background = new Background(cluster, ids, player, rows, spec.backgroundScale(), spec.startTimeUs());
        this.batches = new OtlpBatches(ids, spec.otlpEncoding());
        this.endUs = spec.endTimeUs();
        this.nextRequestUs = spec.startTimeUs() + gapUs();
    }

    /** The records of {@code spec}, generated as they are read. */
    public static Workload generate(WorkloadSpec spec) {
        return new Workload(spec, t -> { });
    }

    /**
     * The records of {@code spec}; {@code onTrace} learns each request's intended trace once its
     * records are generated (before they are all read), in arrival order.
     */
    public static Workload generate(WorkloadSpec spec, Consumer<TraceTruth> onTrace) {
        return new Workload(spec, onTrace);
    }

    public WorkloadSpec spec() {
        return spec;
    }

    /** The remaining records as a sequential stream. */
    public Stream<WireRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        fill();
        return !pending.isEmpty();
    }

    @Override
    public WireRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the workload is exhausted");
        }
        return pending.poll().record;
    }

    /**
     * Generates arrivals until the earliest pending record is safe to hand out: every later
     * arrival's records reach Kafka after the arrival itself, so a record sent before the next
     * arrival can come no earlier.
     */
    private void fill() {
        while (true) {
            long request = nextRequestUs < endUs ? (long) nextRequestUs : Long.MAX_VALUE;
            long other = background.nextUs() < endUs ? background.nextUs() : Long.MAX_VALUE;
            long next = Math.min(request, other);
            if (next == Long.MAX_VALUE || !pending.isEmpty() && pending.peek().sendUs < next) {
                return;
            }
            Output out = new Output();
            if (request <= other) {
                TraceTruth truth = edge.play(out, request);
                batches.flush(out);
                onTrace.accept(truth);
                nextRequestUs += gapUs();
            } else {
                background.playNext(out);
            }
            for (Output.Timed t : out.records) {
                pending.add(new Pending(t.sendUs(), seq++, t.record()));
            }
        }
    }

    /** An exponential gap between Poisson arrivals; StrictMath so every JVM computes the same bits. */
    private double gapUs() {
        return -StrictMath.log(1.0 - arrivals.nextDouble()) * 1_000_000.0 / spec.tracesPerSecond();
    }
}
