package io.tracefill.topology.cli;

import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.Settings;
import io.tracefill.workload.FileSink;
import io.tracefill.workload.KafkaSink;
import io.tracefill.workload.OtlpEncoding;
import io.tracefill.workload.RecordSink;
import io.tracefill.workload.Topic;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates realistic traffic in the pipeline's input formats: users' requests to an online shop "
                + "on Kubernetes (ingress, Java/Go/Python services, MySQL, Redis, DNS) as OTLP app spans, the way the "
                + "OpenTelemetry Collector's Kafka exporter writes them, and DeepFlow eBPF and network rows, the way "
                + "DeepFlow's Kafka exporter writes them; plus unrelated background traffic.",
                "The same --seed, --rate, --duration and --start-time always give the same records, byte for byte. "
                        + "Progress and a summary go to stderr; bad values end with one line and exit status 2."})
final class GenerateCommand implements Callable<Integer> {
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    @Option(names = "--out", required = true, paramLabel = "topics|FILE",
            description = "'topics' sends to Kafka; anything else is a file of JSON lines (one record each: topic, "
                    + "timestamp, key, value); '-' is standard output.")
    String out;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10",
            description = "Requests (traces) per second, on average. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "60s",
            description = "How long requests arrive: 90s, 5m, 2h, 500ms, ISO-8601 (PT1M) or seconds. "
                    + "Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Names the data set. Default: ${DEFAULT-VALUE}.")
    String seed;

    @Option(names = "--start-time", paramLabel = "ISO|µs",
            description = "Event time of the start: 2024-06-10T06:13:20Z or µs since the epoch. "
                    + "Default: now minus the duration (all event times lie in the past).")
    String startTime;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers, with --out topics. Default: bootstrap.servers, localhost:9092.")
    String bootstrapServers;

    @Option(names = "--otlp-topic", paramLabel = "T",
            description = "Topic of the app spans. Default: tracefill.topic.otlp, otlp_spans.")
    String otlpTopic;

    @Option(names = "--deepflow-topic", paramLabel = "T",
            description = "Topic of the DeepFlow rows. Default: tracefill.topic.deepflow, "
                    + "deepflow.flow_log.l7_flow_log.")
    String deepflowTopic;

    @Option(names = "--otlp-encoding", paramLabel = "otlp_proto|otlp_json",
            description = "Encoding of the app spans. Default: tracefill.topic.otlp.encoding, otlp_proto.")
    String otlpEncoding;

    @Option(names = "--background", paramLabel = "SCALE", defaultValue = "1",
            description = "Unrelated traffic (probes, scrapes, a batch job): 1 = a small cluster's usual amount, "
                    + "0 = none. Default: ${DEFAULT-VALUE}.")
    String background;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with the pipeline's keys (docs/configuration.md); environment variables "
                    + "TRACEFILL_* override it, flags override both.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = settings();
        WorkloadSpec workload = workloadSpec(settings);
        TopicNames topics = topicNames(settings);
        boolean toKafka = out.equals("topics");
        if (!toKafka && bootstrapServers != null) {
            throw new CliException("--bootstrap-servers applies to --out topics only");
        }
        String servers = bootstrapServers != null ? bootstrapServers
                : settings.get("bootstrap.servers").orElse("localhost:9092");
        String target = toKafka ? "Kafka at " + servers : out.equals("-") ? "standard output" : out;
        PrintWriter err = spec.commandLine().getErr();
        RecordSink sink = toKafka ? kafkaSink(servers, topics) : fileSink(topics);
        err.printf("tracefill generate: seed %d, %s traces/s for %s from %s (%d µs) to %s%n", workload.seed(), rate,
                workload.duration(), GenerateValues.instant(workload.startTimeUs()), workload.startTimeUs(), target);
        err.flush();
        AtomicLong traces = new AtomicLong();
        long[] perTopic = new long[Topic.values().length];
        try (sink) {
            long lastProgress = System.nanoTime();
            Workload records = Workload.generate(workload, t -> traces.incrementAndGet());
            while (records.hasNext()) {
                WireRecord r = records.next();
                sink.write(r);
                perTopic[r.topic().ordinal()]++;
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                    lastProgress = System.nanoTime();
                    err.printf("tracefill generate: %d records, %d traces, event time %s%n",
                            perTopic[0] + perTopic[1], traces.get(), Instant.ofEpochMilli(r.timestampMs()));
                    err.flush();
                }
            }
        } catch (KafkaException | UncheckedIOException e) {
            // not a bad value but a failure on the way out: exit status 1, still one line
            err.println("tracefill: cannot write to " + target + ": " + e.getMessage());
            err.flush();
            return TracefillCommand.EXIT_FAILURE;
        }
        err.printf("tracefill generate: wrote %d records to %s: %d OTLP (%s) to %s, %d DeepFlow rows to %s; "
                        + "%d traces%n",
                perTopic[0] + perTopic[1], target, perTopic[Topic.OTLP.ordinal()], workload.otlpEncoding().word(),
                topics.otlp(), perTopic[Topic.DEEPFLOW.ordinal()], topics.deepflow(), traces.get());
        err.flush();
        return 0;
    }

    private static RecordSink kafkaSink(String servers, TopicNames topics) {
        try {
            return new KafkaSink(servers, topics);
        } catch (KafkaException e) {
            throw new CliException("--bootstrap-servers: " + e.getMessage()); // e.g. not host:port
        }
    }

    private RecordSink fileSink(TopicNames topics) {
        try {
            return out.equals("-") ? new FileSink(unclosed(System.out), topics) : new FileSink(Path.of(out), topics);
        } catch (NoSuchFileException e) {
            throw new CliException(out + ": cannot create the file: no such directory");
        } catch (AccessDeniedException e) {
            throw new CliException(out + ": cannot create the file: permission denied");
        } catch (IOException | InvalidPathException e) {
            throw new CliException(out + ": cannot create the file: " + e.getMessage());
        }
    }

    /** Standard output outlives the command: closing the sink only flushes it. */
    private static OutputStream unclosed(OutputStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private Settings settings() {
        try {
            return Settings.load(config, System.getenv());
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
    }

    private WorkloadSpec workloadSpec(Settings settings) {
        double r = positive("--rate", rate);
        Duration d = GenerateValues.duration(duration);
        long start = startTime == null ? defaultStart(d) : GenerateValues.startTimeUs(startTime);
        long s;
        try {
            s = Long.parseLong(seed.strip());
        } catch (NumberFormatException e) {
            throw new CliException("--seed: expected an integer, got '" + seed + "'");
        }
        double b = GenerateValues.number("--background", background);
        String encoding = otlpEncoding != null ? otlpEncoding
                : settings.get("tracefill.topic.otlp.encoding").orElse("otlp_proto");
        try {
            return WorkloadSpec.of(s, r, d, start).withOtlpEncoding(OtlpEncoding.of(encoding)).withBackgroundScale(b);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static double positive(String option, String value) {
        double v = GenerateValues.number(option, value);
        if (!(v > 0)) {
            throw new CliException(option + " must be > 0, got " + value);
        }
        return v;
    }

    /** Now minus the duration, to the second: the traffic of the last D, so no event lies in the future. */
    private static long defaultStart(Duration d) {
        long nowS = Instant.now().getEpochSecond();
        return (nowS - d.toSeconds()) * 1_000_000L;
    }

    private TopicNames topicNames(Settings settings) {
        String o = otlpTopic != null ? otlpTopic
                : settings.get("tracefill.topic.otlp").orElse(TopicNames.DEFAULTS.otlp());
        String d = deepflowTopic != null ? deepflowTopic
                : settings.get("tracefill.topic.deepflow").orElse(TopicNames.DEFAULTS.deepflow());
        try {
            return new TopicNames(o.strip(), d.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException("--otlp-topic/--deepflow-topic: " + e.getMessage());
        }
    }
}
