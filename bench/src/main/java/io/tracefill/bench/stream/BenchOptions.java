package io.tracefill.bench.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stream benchmark's parameters; {@code --name value} or {@code --name=value}.
 *
 * @param seed         workload seed
 * @param rate         requests (traces) per second of event time
 * @param duration     event time the workload spans
 * @param partitions   partitions of each input topic (and so of the internal topics)
 * @param threads      Kafka Streams threads of the pipeline
 * @param brokerHeap   heap of the child broker JVM
 * @param idleFlushMs  the pipeline's {@code tracefill.idle.flush.ms}: how long the input must be quiet
 *                     before the last traces are released
 * @param timeout      give up when not every trace is emitted by then
 * @param out          where the report goes
 * @param kafka        further Kafka Streams settings of the pipeline ({@code --kafka key=value}, repeatable)
 */
record BenchOptions(long seed, double rate, Duration duration, int partitions, int threads, String brokerHeap,
                    long idleFlushMs, Duration timeout, Path out, Map<String, String> kafka) {

    private static final Set<String> NAMES = Set.of("seed", "rate", "duration-s", "partitions", "threads",
            "broker-heap", "idle-flush-ms", "timeout-s", "out", "kafka");

    static BenchOptions parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + usage());
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
            }
            if (name.equals("kafka")) {
                int kv = value.indexOf('=');
                if (kv <= 0) {
                    throw new IllegalArgumentException("--kafka expects key=value, got '" + value + "'");
                }
                kafka.put(value.substring(0, kv), value.substring(kv + 1));
            } else {
                v.put(name, value);
            }
        }
        return new BenchOptions(
                Long.parseLong(v.getOrDefault("seed", "1")),
                Double.parseDouble(v.getOrDefault("rate", "200")),
                Duration.ofSeconds(Long.parseLong(v.getOrDefault("duration-s", "120"))),
                Integer.parseInt(v.getOrDefault("partitions", "3")),
                Integer.parseInt(v.getOrDefault("threads", "2")),
                v.getOrDefault("broker-heap", "1g"),
                Long.parseLong(v.getOrDefault("idle-flush-ms", "10000")),
                Duration.ofSeconds(Long.parseLong(v.getOrDefault("timeout-s", "1800"))),
                Path.of(v.getOrDefault("out", "bench/results/stream")),
                Map.copyOf(kafka));
    }

    static String usage() {
        return """
                usage: java -cp bench/target/benchmarks.jar io.tracefill.bench.stream.StreamBenchmark [options]
                  --seed N            workload seed (1)
                  --rate N            requests per second of event time (200)
                  --duration-s N      event time the workload spans, seconds (120)
                  --partitions N      partitions per input topic (3)
                  --threads N         Kafka Streams threads (2)
                  --broker-heap SIZE  heap of the child broker JVM (1g)
                  --idle-flush-ms N   tracefill.idle.flush.ms of the pipeline (10000)
                  --timeout-s N       fail when not every trace is out by then (1800)
                  --out DIR           report directory (bench/results/stream)
                  --kafka KEY=VALUE   a Kafka Streams setting of the pipeline, e.g. commit.interval.ms=500 (repeatable)""";
    }
}
