package io.tracefill.topology.replay;

import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.app.PipelineMetrics;
import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code tracefill replay}: the live pipeline, unchanged, over a past range of its input topics,
 * under a fresh application id (its own consumer group, internal topics and state), so it neither
 * disturbs nor depends on the live instances. The fresh group's offsets are set to the range's
 * start before Kafka Streams starts; {@link StopAtOffsets} hides what lies beyond its end; the
 * idle flush then completes the last traces and {@link EndOfReplay} sees when all are out. Same
 * records, same settings: the traces are byte for byte those the live pipeline emitted.
 *
 * <p>At the end the replay's internal topics, consumer group and local state are deleted; the
 * output stays.
 */
public final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final long TIMEOUT_S = 30;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Duration PLAIN_PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * @param fromMs      first record timestamp replayed
     * @param toMs        first timestamp not replayed; null: up to the end offsets when the replay starts
     * @param outputTopic where the traces go; null: the configured {@code tracefill.topic.output}
     */
    public record Options(long fromMs, Long toMs, String outputTopic) {
    }

    /** What a replay did. */
    public record Result(String applicationId, String outputTopic, long offsets, long flowsIn, long tracesEmitted,
                         Duration took, boolean completed) {
    }

    private final Settings base;
    private final Options options;
    private final PrintWriter err;
    private final boolean terminal;

    /**
     * @param base     the live pipeline's settings (file and environment)
     * @param err      where progress goes
     * @param terminal whether {@code err} is a terminal (progress redrawn in place)
     */
    public Replay(Settings base, Options options, PrintWriter err, boolean terminal) {
        this.base = base;
        this.options = options;
        this.err = err;
        this.terminal = terminal;
    }

    /** The replay's application id: the live one, {@code -replay-}, and the UTC start time. */
    public static String applicationId(String live, Instant now) {
        return live + "-replay-" + ID_TIME.format(now);
    }

    /**
     * Runs the replay until every trace of the range is emitted, or until {@code stop} is counted down.
     *
     * @throws ConfigException for a bad setting, a missing input topic or an unreachable broker
     */
    public Result run(CountDownLatch stop) throws InterruptedException {
        StreamSettings live = StreamSettings.read(base);
        if (live.idleFlushMs() == 0) {
            throw new ConfigException(StreamSettings.IDLE_FLUSH_MS + " is 0, so the last traces of a replay would never "
                    + "be flushed; set it > 0");
        }
        String appId = applicationId(live.applicationId(), Instant.now());
        long started = System.nanoTime();
        ReplayPlan plan;
        try (Admin admin = admin(live)) {
            plan = plan(admin, live);
            String output = options.outputTopic() != null ? options.outputTopic() : live.outputTopic();
            err.printf("tracefill replay: %d records of %s and %s from %s to %s, as application %s (fresh consumer "
                            + "group, internal topics and state; deleted at the end); traces go to %s%n",
                    plan.total(), live.deepflowTopic(), live.otlpTopic(), Instant.ofEpochMilli(options.fromMs()),
                    options.toMs() == null ? "the end offsets now" : Instant.ofEpochMilli(options.toMs()).toString(),
                    appId, output);
            err.flush();
            if (plan.total() == 0) {
                err.println("tracefill replay: nothing to replay in that range");
                err.flush();
                return new Result(appId, output, 0, 0, 0, Duration.ZERO, true);
            }
            setStartOffsets(admin, appId, plan);
            StreamSettings settings = StreamSettings.read(base.withOverrides(overrides(live, appId, plan)));
            Pipeline pipeline = Pipeline.start(settings);
            Result result;
            try {
                result = follow(admin, pipeline, settings, plan, stop, started);
            } finally {
                // leave the group now, so that it can be deleted (Kafka Streams stays a member until its
                // session times out otherwise, expecting to come back)
                pipeline.streams().close(CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
                pipeline.close();
                cleanUp(admin, pipeline, settings, live);
            }
            err.printf("tracefill replay: %s in %d s: %d records, %d flows in, %d traces emitted to %s%n",
                    result.completed() ? "done" : "stopped before the end", result.took().toSeconds(),
                    result.offsets(), result.flowsIn(), result.tracesEmitted(), result.outputTopic());
            err.flush();
            return result;
        }
    }

    private Map<String, String> overrides(StreamSettings live, String appId, ReplayPlan plan) {
        Map<String, String> o = new HashMap<>();
        o.put(StreamSettings.APPLICATION_ID, appId);
        if (options.outputTopic() != null) {
            o.put(StreamSettings.OUTPUT_TOPIC, options.outputTopic());
        }
        // a replay next to a live instance must not take its HTTP port
        o.put(StreamSettings.HTTP_PORT, "0");
        String interceptors = live.kafkaOverrides().get(StopAtOffsets.INTERCEPTOR_CLASSES);
        o.put(StreamSettings.KAFKA_PREFIX + StopAtOffsets.INTERCEPTOR_CLASSES, StopAtOffsets.class.getName()
                + (interceptors == null || interceptors.isBlank() ? "" : "," + interceptors));
        o.put(StreamSettings.KAFKA_PREFIX + StopAtOffsets.STOP_OFFSETS, plan.stopOffsetsText());
        return o;
    }

    private Result follow(Admin admin, Pipeline pipeline, StreamSettings s, ReplayPlan plan, CountDownLatch stop,
                          long started) throws InterruptedException {
        List<TopicPartition> internal = internalPartitions(admin, s);
        int inputPartitions = plan.ranges().size();
        ReplayProgress progress = new ReplayProgress(plan.total());
        EndOfReplay end = new EndOfReplay();
        long nextPrint = System.nanoTime();
        boolean inputDoneSaid = false;
        PipelineMetrics m = PipelineMetrics.of(pipeline.streams());
        while (true) {
            if (stop.await(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                return result(s, plan.total(), plan.done(committed(admin, s.applicationId())), m, started, false);
            }
            KafkaStreams.State state = pipeline.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the pipeline stopped (" + state + "); see the log above");
            }
            m = PipelineMetrics.of(pipeline.streams());
            Map<TopicPartition, Long> committed = committed(admin, s.applicationId());
            long done = plan.done(committed);
            boolean inputsDone = plan.finished(committed);
            var idle = m.tasksWith("input-idle", 1);
            boolean inputsIdle = idle.tasks() >= inputPartitions && idle.matching() == idle.tasks();
            var reading = new EndOfReplay.Reading(inputsDone, inputsIdle, endOffsets(admin, internal), committed,
                    m.sum("traces-emitted-total"), m.sum("probes-answered-total"),
                    m.sum("stream-thread-metrics", "poll-total"));
            long now = System.nanoTime();
            if (end.reached(reading)) {
                clearLine();
                return result(s, plan.total(), done, m, started, true);
            }
            if (inputsDone && !inputDoneSaid) {
                inputDoneSaid = true;
                clearLine();
                err.printf("tracefill replay: input read; flushing the last traces once every input partition is "
                        + "idle (%s = %d ms) ...%n", StreamSettings.IDLE_FLUSH_MS, s.idleFlushMs());
                err.flush();
            }
            String line = progress.line(now, done, m.sum("flows-in-total"), (long) m.sum("traces-emitted-total"));
            if (terminal) {
                err.print("\r\033[K" + "tracefill replay: " + line);
                err.flush();
            } else if (now - nextPrint >= 0) {
                nextPrint = now + PLAIN_PROGRESS_EVERY.toNanos();
                err.println("tracefill replay: " + line);
                err.flush();
            }
        }
    }

    private void clearLine() {
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private static Result result(StreamSettings s, long total, long done, PipelineMetrics m, long started,
                                 boolean completed) {
        return new Result(s.applicationId(), s.outputTopic(), done, (long) m.sum("flows-in-total"),
                (long) m.sum("traces-emitted-total"), Duration.ofNanos(System.nanoTime() - started), completed);
    }

    private static Admin admin(StreamSettings s) {
        Map<String, Object> c = new HashMap<>();
        // the user's client settings (security, ...) apply to our admin client too
        s.kafkaOverrides().forEach((k, v) -> {
            String key = k.startsWith("admin.") ? k.substring("admin.".length()) : k;
            if (AdminClientConfig.configNames().contains(key)) {
                c.put(key, v);
            }
        });
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(c);
    }

    private ReplayPlan plan(Admin admin, StreamSettings s) throws InterruptedException {
        List<TopicDescription> topics = new ArrayList<>();
        for (var t : List.of(Map.entry(s.deepflowTopic(), StreamSettings.DEEPFLOW_TOPIC),
                Map.entry(s.otlpTopic(), StreamSettings.OTLP_TOPIC))) {
            try {
                topics.add(admin.describeTopics(List.of(t.getKey())).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
                        .get(t.getKey()));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new ConfigException("input topic " + t.getKey() + " does not exist (" + t.getValue() + ")");
                }
                throw new ConfigException("cannot describe topic " + t.getKey() + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw unreachable(s);
            }
        }
        try {
            return ReplayPlan.of(admin, topics, options.fromMs(), options.toMs());
        } catch (ExecutionException e) {
            throw new ConfigException("cannot look up the offsets of the replayed range: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unreachable(s);
        }
    }

    /** Commits the range's start offsets for the fresh group, where Kafka Streams will begin. */
    private static void setStartOffsets(Admin admin, String group, ReplayPlan plan) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        plan.startOffsets().forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
        try {
            admin.alterConsumerGroupOffsets(group, offsets).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("cannot set the start offsets of consumer group " + group + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws InterruptedException {
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .forEach((tp, o) -> {
                        if (o != null) {
                            out.put(tp, o.offset());
                        }
                    });
            return out;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cannot read the committed offsets of {}: {}", group, e.toString());
            return Map.of();
        }
    }

    private static List<TopicPartition> internalPartitions(Admin admin, StreamSettings s) throws InterruptedException {
        try {
            List<TopicPartition> out = new ArrayList<>();
            for (TopicDescription d : admin.describeTopics(List.of(s.indexTopic(), s.assemblyTopic())).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition())));
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the replay's internal topics: " + e, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cannot read the end offsets of the internal topics: {}", e.toString());
            return Map.of(new TopicPartition("unknown", 0), Long.MAX_VALUE); // not drained, as far as we know
        }
    }

    /**
     * Deletes what only the replay used: its internal topics and changelogs (all named
     * {@code <application.id>-...}), its consumer group and its local state. Failures are logged,
     * not fatal: the traces are out.
     */
    private void cleanUp(Admin admin, Pipeline pipeline, StreamSettings s, StreamSettings live) {
        try {
            List<String> mine = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(s.applicationId() + "-"))
                    .filter(t -> !List.of(s.outputTopic(), s.deadLetterTopic(), s.apiJsonTopic(), live.outputTopic(),
                            live.deepflowTopic(), live.otlpTopic()).contains(t))
                    .toList();
            admin.deleteTopics(mine).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            admin.deleteConsumerGroups(List.of(s.applicationId())).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warn("could not delete the topics and group of replay {}: {}", s.applicationId(), e.toString());
        }
        Path state = Path.of(s.stateDir(), s.applicationId());
        try {
            pipeline.streams().cleanUp();
            if (Files.exists(state)) {
                // cleanUp leaves the application's directory, and Kafka Streams' process file in it
                try (Stream<Path> tree = Files.walk(state)) {
                    for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete the state of replay {} in {}: {}", s.applicationId(), state, e.toString());
        }
    }

    private static ConfigException unreachable(StreamSettings s) {
        return new ConfigException("no answer from Kafka at " + s.bootstrapServers() + " within " + TIMEOUT_S + " s");
    }
}
