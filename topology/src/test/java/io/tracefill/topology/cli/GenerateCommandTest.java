package io.tracefill.topology.cli;

import io.tracefill.workload.FileSink;
import io.tracefill.workload.OtlpEncoding;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {
    /** 2024-06-10T06:13:20Z */
    private static final long START_US = 1_718_000_000_000_000L;

    @Test
    void writesTheWorkloadOfItsSeedRateDurationAndStartTimeToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("traffic.jsonl");

        CliRun run = CliRun.of("generate", "--out", file.toString(), "--rate", "5", "--duration", "3s", "--seed", "9",
                "--start-time", "2024-06-10T06:13:20Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<WireRecord> expected = Workload.generate(WorkloadSpec.of(9, 5, Duration.ofSeconds(3), START_US)).stream()
                .toList();
        assertThat(FileSink.readAll(file, TopicNames.DEFAULTS)).isEqualTo(expected);
        assertThat(run.err()).startsWith("tracefill generate: seed 9, 5 traces/s for PT3S from 2024-06-10T06:13:20Z "
                + "(1718000000000000 µs) to " + file + "\n");
        assertThat(run.err()).containsPattern("wrote " + expected.size() + " records to " + file.toString()
                .replace("\\", "\\\\") + ": \\d+ OTLP \\(otlp_proto\\) to otlp_spans, \\d+ DeepFlow rows to "
                + "deepflow.flow_log.l7_flow_log; \\d+ traces\n$");
    }

    @Test
    void theSameArgumentsGiveTheSameBytes(@TempDir Path dir) throws Exception {
        String[] args = {"generate", "--rate", "20", "--duration", "2s", "--seed", "3", "--start-time",
                "1718000000000000", "--otlp-encoding", "otlp_json", "--out"};
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");

        CliRun.of(concat(args, a.toString()));
        CliRun.of(concat(args, b.toString()));

        assertThat(Files.readAllBytes(a)).isNotEmpty().isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void topicNamesAndEncodingComeFromTheConfigurationUnlessFlagsSayOtherwise(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tracefill.properties");
        Files.writeString(config, "tracefill.topic.otlp=apps\ntracefill.topic.deepflow=flows\n"
                + "tracefill.topic.otlp.encoding=otlp_json\n");
        Path file = dir.resolve("traffic.jsonl");

        CliRun run = CliRun.of("generate", "--out", file.toString(), "--duration", "2s", "--start-time",
                "1718000000000000", "--config", config.toString(), "--deepflow-topic", "rows");

        assertThat(run.exitCode()).as(run.err()).isZero();
        TopicNames names = new TopicNames("apps", "rows");
        List<WireRecord> expected = Workload.generate(WorkloadSpec.of(1, 10, Duration.ofSeconds(2), START_US)
                .withOtlpEncoding(OtlpEncoding.OTLP_JSON)).stream().toList();
        assertThat(FileSink.readAll(file, names)).isEqualTo(expected);
        assertThat(run.err()).contains("OTLP (otlp_json) to apps", "DeepFlow rows to rows");
    }

    @Test
    void withoutAStartTimeTheTrafficEndsAboutNow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("traffic.jsonl");
        long before = System.currentTimeMillis();

        CliRun run = CliRun.of("generate", "--out", file.toString(), "--duration", "2s", "--background", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<WireRecord> records = FileSink.readAll(file, TopicNames.DEFAULTS);
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.timestampMs())
                .isBetween(before - 4_000, System.currentTimeMillis() + 3_000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--rate|0|--rate must be > 0, got 0",
            "--rate|fast|--rate: expected a number, got 'fast'",
            "--duration|5x|--duration: expected e.g. 90s, 5m, 2h, 500ms or PT1M, got '5x'",
            "--duration|0s|--duration must be > 0, got '0s'",
            "--seed|x|--seed: expected an integer, got 'x'",
            "--start-time|yesterday|--start-time: expected an ISO-8601 time such as 2024-06-10T06:13:20Z or µs since "
                    + "the epoch, got 'yesterday'",
            "--start-time|1000|the start time must lie between 2000-01-01 and 2200-01-01, got 1000 µs",
            "--otlp-encoding|avro|unknown OTLP encoding 'avro': expected otlp_proto or otlp_json",
            "--otlp-topic|deepflow.flow_log.l7_flow_log|--otlp-topic/--deepflow-topic: the OTLP and DeepFlow topics "
                    + "must differ, both are 'deepflow.flow_log.l7_flow_log'",
            "--bootstrap-servers|kafka:9092|--bootstrap-servers applies to --out topics only",
            "--background|-1|the background scale must be >= 0 and <= 1000, got -1.0"})
    void aBadValueIsOneLineAndExitStatus2(String option, String value, String message, @TempDir Path dir) {
        CliRun run = CliRun.of("generate", "--out", dir.resolve("x.jsonl").toString(), option, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("tracefill: " + message + "\n");
        assertThat(dir.resolve("x.jsonl")).doesNotExist();
    }

    @Test
    void anUnwritableFileIsOneLine(@TempDir Path dir) {
        String file = dir.resolve("no-such-dir").resolve("x.jsonl").toString();

        CliRun run = CliRun.of("generate", "--out", file, "--duration", "1s", "--start-time", "1718000000000000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("tracefill: " + file + ": cannot create the file: no such directory\n");
    }

    @Test
    void bootstrapServersThatAreNoAddressAreABadValue() {
        CliRun run = CliRun.of("generate", "--out", "topics", "--bootstrap-servers", "no-port", "--duration", "1s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tracefill: --bootstrap-servers: ").hasLineCount(1);
    }

    @Test
    void hasHelp() {
        CliRun run = CliRun.of("generate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: tracefill generate").contains("--out=topics|FILE", "--rate=N",
                "--duration=D", "--seed=S", "--bootstrap-servers=HOST:PORT", "--otlp-topic=T", "--deepflow-topic=T",
                "--otlp-encoding=otlp_proto|otlp_json", "--start-time=ISO|µs");
    }

    private static String[] concat(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
