package io.tracefill.bench.stream;

import io.tracefill.state.BoundedMemoryRocksDbConfig;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The stream benchmark of BENCHMARKS.md ("Stream"): a real KRaft broker in a child JVM, the input
 * topics filled with a generated workload first, then
 * <ol>
 *   <li>a plain consumer reads both input topics end to end (the yardstick, best of two runs);</li>
 *   <li>the pipeline starts in this JVM with a fresh application id and runs until every generated
 *       trace is on the output topic ({@code read_committed}).</li>
 * </ol>
 * Reports flows per second (DeepFlow rows plus app spans) until the last trace is out, the ratio to
 * the raw consume rate, the pipeline's peak resident memory (the peak is reset after loading, so
 * it is the pipeline's alone) and the RocksDB memory Kafka Streams reports.
 */
public final class StreamBenchmark {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private StreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
            return;
        }
        Path out = o.out().resolve(STAMP.format(Instant.now()));
        Files.createDirectories(out);
        StreamReport report = run(o, out);
        Files.writeString(out.resolve("report.txt"), report.fullText());
        Files.writeString(out.resolve("report.json"), report.json());
        System.out.println(report.fullText());
        System.out.println("report: " + out);
        System.exit(report.complete() ? 0 : 1);
    }

    static StreamReport run(BenchOptions o, Path out) throws Exception {
        TopicNames topics = TopicNames.DEFAULTS;
        String output = StreamSettings.DEFAULT_OUTPUT_TOPIC;
        try (BrokerProcess broker = BrokerProcess.start(o.brokerHeap(), out.resolve("broker.log"))) {
            String bootstrap = broker.bootstrapServers();
            System.err.println("broker " + bootstrap + " (pid " + broker.pid() + ")");
            createTopics(bootstrap, o.partitions(), List.of(topics.otlp(), topics.deepflow(), output));

            long nowUs = System.currentTimeMillis() * 1000;
            WorkloadSpec spec = WorkloadSpec.of(o.seed(), o.rate(), o.duration(), nowUs - o.duration().toNanos() / 1000);
            System.err.println("loading " + spec);
            InputLoad load = InputLoad.produce(bootstrap, topics, spec);
            System.err.printf("loaded %,d records (%,d flows, %,d traces) in %.1f s%n", load.records(), load.flows(),
                    load.traceIds().size(), load.seconds());

            RawConsume raw = RawConsume.readAll(bootstrap, List.of(topics.otlp(), topics.deepflow()));
            RawConsume second = RawConsume.readAll(bootstrap, List.of(topics.otlp(), topics.deepflow()));
            if (second.seconds() < raw.seconds()) {
                raw = second;
            }
            if (raw.records() != load.records()) {
                throw new IllegalStateException("raw consumer read " + raw.records() + " records, loaded " + load.records());
            }
            System.err.printf("raw consume: %,d records in %.2f s%n", raw.records(), raw.seconds());

            System.gc();
            ProcessMemory memory = ProcessMemory.self();
            boolean peakReset = memory.resetPeak();
            StreamSettings settings = settings(o, bootstrap, out);
            try (OutputWatcher watcher = new OutputWatcher(bootstrap, output, load.traceIds())) {
                PipelineRun run = PipelineRun.measure(settings, load, watcher, o.timeout());
                return new StreamReport(o, load, raw, run, memory.peakResidentBytes(), peakReset,
                        Runtime.getRuntime().maxMemory(), settings.rocksDbMemoryBytes(), broker.pid());
            }
        }
    }

    private static StreamSettings settings(BenchOptions o, String bootstrap, Path out) {
        Properties p = new Properties();
        p.setProperty(StreamSettings.APPLICATION_ID, "tracefill-bench-" + System.currentTimeMillis());
        p.setProperty(StreamSettings.BOOTSTRAP_SERVERS, bootstrap);
        p.setProperty(StreamSettings.STATE_DIR, out.resolve("state").toString());
        p.setProperty(StreamSettings.IDLE_FLUSH_MS, String.valueOf(o.idleFlushMs()));
        p.setProperty(StreamSettings.HTTP_PORT, "0");
        p.setProperty(StreamSettings.KAFKA_PREFIX + "num.stream.threads", String.valueOf(o.threads()));
        o.kafka().forEach((k, v) -> p.setProperty(StreamSettings.KAFKA_PREFIX + k, v));
        p.setProperty(BoundedMemoryRocksDbConfig.TOTAL_BYTES, String.valueOf(BoundedMemoryRocksDbConfig.DEFAULT_TOTAL_BYTES));
        return StreamSettings.read(Settings.of(p, Map.of()));
    }

    private static void createTopics(String bootstrap, int partitions, List<String> names)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // no time-based deletion: the broker must keep every record for both readers
            admin.createTopics(names.stream()
                    .map(n -> new NewTopic(n, partitions, (short) 1).configs(Map.of("retention.ms", "-1")))
                    .toList()).all().get();
        }
    }
}
