package io.tracefill.topology.demo;

import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.app.PipelineMetrics;
import io.tracefill.topology.app.RecentRate;
import io.tracefill.topology.broker.DataDirectory;
import io.tracefill.topology.broker.EmbeddedBroker;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code tracefill demo}: everything in one JVM. A Kafka broker ({@link EmbeddedBroker}), the two
 * input topics, the workload generator sending live traffic ({@link LiveTraffic}), the pipeline
 * ({@link Pipeline}), a status line on stderr and, every few seconds, one completed trace from the
 * output topic drawn on stdout ({@link TraceTree}). Stops after the duration or when asked (Ctrl-C),
 * closing traffic, reader, pipeline and broker in that order and deleting all data.
 */
public final class Demo {
    /**
     * Partitions of each input topic. One: on a two-core machine that also runs the broker and the
     * traffic, 3 partitions (12 tasks, each committed every 100 ms) showed the first traces 10 to 20 s
     * later; the pipeline's behaviour on several partitions is what the broker tests check.
     */
    static final int PARTITIONS = 1;
    static final String APPLICATION_ID = "tracefill-demo";
    /** The generated traffic's disorder is under 1.5 s, so a shorter grace than the default 5 s shows traces sooner. */
    static final long GRACE_MS = 2_000;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);
    private static final Duration PLAIN_STATUS_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAW_EVERY = Duration.ofSeconds(5);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    private static final int MAX_SPANS_DRAWN = 40;
    /** The workload's longest duration; "until Ctrl-C" in practice. */
    private static final Duration UNBOUNDED = Duration.ofDays(366);

    /**
     * @param duration       how long the traffic runs (null: until stopped)
     * @param rate           user requests per second
     * @param httpPort       {@code tracefill.http.port} for the pipeline (0: none)
     * @param kafkaPort      the broker's client port
     * @param controllerPort the broker's KRaft controller port
     */
    public record Options(Duration duration, double rate, long seed, int httpPort, int kafkaPort, int controllerPort) {
    }

    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    /**
     * @param out      where the traces are drawn
     * @param err      where progress goes
     * @param terminal whether {@code err} is a terminal (the status line is then redrawn in place)
     */
    public Demo(Options options, PrintWriter out, PrintWriter err, boolean terminal) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Runs until the duration has passed or {@code stop} is counted down, then stops everything.
     *
     * @throws io.tracefill.topology.broker.BrokerStartException when the broker cannot start (e.g. a port is taken)
     */
    public void run(CountDownLatch stop) throws InterruptedException {
        err.printf("tracefill demo: starting a Kafka broker in this JVM on 127.0.0.1:%d (data in a temporary "
                + "directory, deleted on exit) ...%n", options.kafkaPort());
        err.flush();
        EmbeddedBroker broker = EmbeddedBroker.start(options.kafkaPort(), options.controllerPort());
        try {
            runOn(broker, stop);
        } finally {
            broker.close();
        }
    }

    private void runOn(EmbeddedBroker broker, CountDownLatch stop) throws InterruptedException {
        DataDirectory state = DataDirectory.create("tracefill-demo-state-");
        broker.closeFirst(state::delete); // closed after everything registered below, as the last client
        StreamSettings settings = settings(broker.bootstrapServers(), state.path().toString());
        createInputTopics(settings);
        Pipeline pipeline = Pipeline.start(settings);
        broker.closeFirst(pipeline);
        TraceSampler sampler = TraceSampler.start(settings.bootstrapServers(), settings.outputTopic());
        broker.closeFirst(sampler);
        err.printf("tracefill demo: Kafka ready in %.1f s; starting the pipeline ...%n",
                broker.startupTime().toMillis() / 1000.0);
        err.flush();
        // traffic starts once the pipeline runs, so the first traces show a few seconds after it
        if (!awaitRunning(pipeline, stop)) {
            return;
        }
        WorkloadSpec spec = WorkloadSpec.of(options.seed(), options.rate(),
                options.duration() == null ? UNBOUNDED : options.duration(), System.currentTimeMillis() * 1000);
        LiveTraffic traffic = LiveTraffic.start(spec, settings.bootstrapServers(),
                new TopicNames(settings.otlpTopic(), settings.deepflowTopic()));
        broker.closeFirst(traffic);
        intro(settings);

        Watched watched = watch(settings, pipeline, sampler, traffic, stop);

        clearStatus();
        err.println("tracefill demo: stopping (traffic, pipeline, broker) ...");
        err.flush();
        broker.close();
        StatusLine last = watched.last();
        err.printf("tracefill demo: ran %d s: %d requests, %d flows in, %d traces emitted (%d still open), "
                        + "%d drawn; all data deleted%n", watched.ran().toSeconds(), last.requests(), last.flowsIn(),
                last.tracesEmitted(), last.tracesOpen(), watched.drawn());
        err.flush();
    }

    private void intro(StreamSettings settings) {
        err.printf("tracefill demo: pipeline running; sending %s requests/s of a web shop's traffic (seed %d) "
                        + "to %s and %s; the pipeline writes completed traces to %s%s%n",
                number(options.rate()), options.seed(), settings.otlpTopic(), settings.deepflowTopic(),
                settings.outputTopic(),
                options.duration() == null ? "; Ctrl-C stops" : "; stops after " + options.duration().toSeconds() + " s");
        if (settings.httpPort() > 0) {
            err.printf("tracefill demo: HTTP API on %s (DeepFlow's querier paths, /trace/{trace_id})%n",
                    httpBase(settings));
        }
        err.flush();
    }

    /** How the run went: its length, the last status, how many traces were drawn. */
    private record Watched(Duration ran, StatusLine last, long drawn) {
    }

    /** Status line and drawn traces until the duration has passed, {@code stop} is counted down or traffic fails. */
    private Watched watch(StreamSettings settings, Pipeline pipeline, TraceSampler sampler, LiveTraffic traffic,
                          CountDownLatch stop) throws InterruptedException {
        // the lag shown is the consumer's on every topic it reads: the expansion loop's too
        Set<String> topics = Set.of(settings.otlpTopic(), settings.deepflowTopic(), settings.indexTopic(),
                settings.assemblyTopic());
        RecentRate flowRate = new RecentRate(RATE_WINDOW);
        long started = System.nanoTime();
        StatusLine last = StatusLine.read(Duration.ZERO, 0, PipelineMetrics.of(pipeline.streams()), topics, flowRate);
        long drawn = 0;
        long nextStatus = started;
        long nextDraw = started + DRAW_EVERY.toNanos();
        long end = options.duration() == null ? Long.MAX_VALUE : started + options.duration().toNanos();
        for (long now = started; now - end < 0 && stop.getCount() > 0; now = System.nanoTime()) {
            if (pipeline.streams().state().isRunningOrRebalancing()) {
                last = StatusLine.read(Duration.ofNanos(now - started), traffic.requests(),
                        PipelineMetrics.of(pipeline.streams()), topics, flowRate);
            }
            if (now - nextDraw >= 0) {
                nextDraw = now + DRAW_EVERY.toNanos();
                var tree = sampler.next();
                if (tree.isPresent()) {
                    draw(tree.get(), settings);
                    drawn++;
                }
            }
            if (now - nextStatus >= 0) {
                nextStatus = now + (terminal ? STATUS_EVERY : PLAIN_STATUS_EVERY).toNanos();
                status(last);
            }
            if (traffic.failure() != null) {
                clearStatus();
                err.println("tracefill demo: the traffic generator stopped: " + traffic.failure().getMessage());
                break;
            }
            long sleepMs = TimeUnit.NANOSECONDS.toMillis(Math.min(Math.min(nextStatus, nextDraw), end) - System.nanoTime());
            stop.await(Math.max(1, Math.min(sleepMs, 1000)), TimeUnit.MILLISECONDS);
        }
        return new Watched(Duration.ofNanos(System.nanoTime() - started), last, drawn);
    }

    /** Waits until the pipeline has joined its group and runs; false when stopped or failed first. */
    private static boolean awaitRunning(Pipeline pipeline, CountDownLatch stop) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!pipeline.running()) {
            var state = pipeline.streams().state();
            if (state == KafkaStreams.State.ERROR || state.hasCompletedShutdown()) {
                throw new IllegalStateException("the pipeline failed to start (" + state + "); see the log above");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the pipeline did not start within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            if (stop.await(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return true;
    }

    private StreamSettings settings(String bootstrapServers, String stateDir) {
        Properties p = new Properties();
        p.setProperty(StreamSettings.APPLICATION_ID, APPLICATION_ID);
        p.setProperty(StreamSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        p.setProperty(StreamSettings.STATE_DIR, stateDir);
        p.setProperty(StreamSettings.GRACE_MS, Long.toString(GRACE_MS));
        p.setProperty(StreamSettings.HTTP_PORT, Integer.toString(options.httpPort()));
        return StreamSettings.read(Settings.of(p, Map.of()));
    }

    private static void createInputTopics(StreamSettings s) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(s.otlpTopic(), PARTITIONS, (short) 1),
                    new NewTopic(s.deepflowTopic(), PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the demo's topics: " + e.getMessage(), e);
        }
    }

    private void draw(TraceTree tree, StreamSettings settings) {
        clearStatus();
        out.println();
        tree.lines(MAX_SPANS_DRAWN).forEach(out::println);
        if (settings.httpPort() > 0) {
            out.println("  " + httpBase(settings) + "trace/" + tree.traceId());
        }
        out.flush();
    }

    private void status(StatusLine line) {
        if (terminal) {
            err.print("\r\033[K" + line.text());
        } else {
            err.println("tracefill demo: " + line.text());
        }
        err.flush();
    }

    /** Takes the status line off the screen before other output; nothing to do on a non-terminal. */
    private void clearStatus() {
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private static String httpBase(StreamSettings s) {
        return "http://127.0.0.1:" + s.httpPort() + "/";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
