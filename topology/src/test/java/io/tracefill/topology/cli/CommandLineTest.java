package io.tracefill.topology.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String FLOWS = EXAMPLES.resolve("frontend-orders.jsonl").toString();
    private static final String REQUEST = EXAMPLES.resolve("completion-request.json").toString();
    private static final String CLIENT_PROCESS_ID = "7378753814532194405";

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    /** span_id-or-_id → (parent deepflow id, reason) of each output span, keyed by its first _id. */
    private static Map<String, JsonNode> byFirstId(JsonNode envelope) {
        Map<String, JsonNode> out = new HashMap<>();
        envelope.get("DATA").get("tracing").forEach(s -> out.put(s.get("_ids").get(0).asText(), s));
        return out;
    }

    @Test
    void completeHangsDeepFlowSpansUnderTheCallersClientSpan() throws Exception {
        CliRun run = CliRun.of("complete", "--flows", FLOWS, "--request", REQUEST);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode envelope = json(run.out());
        assertThat(envelope.get("OPT_STATUS").asText()).isEqualTo("SUCCESS");
        assertThat(envelope.get("TYPE").asText()).isEqualTo("tracing-completion-by-external-app-spans");
        Map<String, JsonNode> spans = byFirstId(envelope);
        assertThat(spans).hasSize(8); // 2 app spans + 6 DeepFlow rows; the health check is not related
        JsonNode cp = spans.get(CLIENT_PROCESS_ID);
        assertThat(cp.get("deepflow_parent_span_id").asText()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(cp.get("set_parent_info").asText()).isEqualTo("net_span mounted due to same span_id");
        JsonNode mysqlClient = spans.get("7378753814532194409");
        assertThat(mysqlClient.get("set_parent_info").asText())
                .isEqualTo("c-p sys-span mounted due to syscall_trace_id matched to s-p root");
        assertThat(mysqlClient.get("deepflow_parent_span_id").asText()).isEqualTo("a1b2c3d4e5f60718.s-p.5");
        assertThat(envelope.get("DATA").has("services")).isFalse();
    }

    @Test
    void traceFromTheClientProcessFindsTheWholeCall() throws Exception {
        CliRun run = CliRun.of("trace", "--flows", FLOWS, "--id", CLIENT_PROCESS_ID);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode envelope = json(run.out());
        assertThat(envelope.get("TYPE").asText()).isEqualTo("Flow_Log_L7_Tracing");
        assertThat(byFirstId(envelope)).hasSize(6).doesNotContainKey("7378753814532194411");
        assertThat(envelope.get("DATA").get("services")).isNotEmpty();
    }

    @Test
    void maxIterationOneStopsAfterTheFirstHop() throws Exception {
        CliRun run = CliRun.of("trace", "--flows", FLOWS, "--id", CLIENT_PROCESS_ID, "--max-iteration", "1",
                "--tracing-source", "tcp_seq");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(byFirstId(json(run.out()))).containsOnlyKeys(CLIENT_PROCESS_ID, "7378753814532194406",
                "7378753814532194407", "7378753814532194408");
    }

    @Test
    void aBadLineIsReportedWithFileAndLineNumber(@TempDir Path dir) throws Exception {
        Path flows = dir.resolve("flows.jsonl");
        Files.writeString(flows, Files.readAllLines(Path.of(FLOWS)).get(0) + "\n\n{\"_id\": 5, \"tap_side\": \"c-p\"\n");

        CliRun run = CliRun.of("trace", "--flows", flows.toString(), "--id", CLIENT_PROCESS_ID);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tracefill: " + flows + ":3: ").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void invalidUtf8IsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path flows = dir.resolve("flows.jsonl");
        byte[] first = (Files.readAllLines(Path.of(FLOWS)).get(0) + "\n").getBytes();
        byte[] bad = {'{', '"', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] all = new byte[first.length + bad.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(bad, 0, all, first.length, bad.length);
        Files.write(flows, all);

        CliRun run = CliRun.of("trace", "--flows", flows.toString(), "--id", CLIENT_PROCESS_ID);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tracefill: " + flows + ":2: ").contains("UTF-8").hasLineCount(1);
    }

    @Test
    void anUnknownEntryIdIsABadInput() {
        CliRun run = CliRun.of("trace", "--flows", FLOWS, "--id", "42");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("tracefill: " + FLOWS + ": no flow with _id 42\n");
    }

    @Test
    void aBadRequestNamesTheField(@TempDir Path dir) throws Exception {
        Path request = dir.resolve("req.json");
        Files.writeString(request, "{\"app_spans\": [{\"trace_id\": \"t\", \"span_id\": \"s\", \"parent_span_id\": \"\","
                + " \"span_kind\": 9, \"start_time_us\": 1, \"end_time_us\": 2}]}");

        CliRun run = CliRun.of("complete", "--flows", FLOWS, "--request", request.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tracefill: " + request + ": app_spans[0].span_kind").hasLineCount(1);
    }

    @Test
    void missingFilesAndBadOptionsAreOneLine() {
        assertThat(CliRun.of("trace", "--flows", "/nope.jsonl", "--id", "1").err())
                .isEqualTo("tracefill: /nope.jsonl: no such file\n");
        CliRun badSource = CliRun.of("trace", "--flows", FLOWS, "--id", CLIENT_PROCESS_ID, "--tracing-source", "magic");
        assertThat(badSource.exitCode()).isEqualTo(2);
        assertThat(badSource.err()).startsWith("tracefill: --tracing-source: unknown tracing source 'magic'");
        CliRun negative = CliRun.of("trace", "--flows", FLOWS, "--id", CLIENT_PROCESS_ID, "--network-delay-us", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).isEqualTo("tracefill: --network-delay-us must be >= 0, got -1\n");
        assertThat(CliRun.of("trace", "--flows", FLOWS).exitCode()).isEqualTo(2); // --id missing
    }

    @Test
    void runReportsABadConfigurationInOneLine(@TempDir Path dir) throws Exception {
        assertThat(CliRun.of("run", "--config", "/nope.properties").err())
                .isEqualTo("tracefill: /nope.properties: no such file\n");
        Path bad = dir.resolve("bad.properties");
        java.nio.file.Files.writeString(bad, "tracefill.output.format=zipkin\n");
        CliRun run = CliRun.of("run", "--config", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("tracefill: tracefill.output.format: expected one of otlp_proto, otlp_json, "
                + "api_json, got 'zipkin'\n");
        java.nio.file.Files.writeString(bad, "tracefill.grace.ms=soon\n");
        assertThat(CliRun.of("run", "--config", bad.toString()).err())
                .isEqualTo("tracefill: tracefill.grace.ms: expected an integer, got 'soon'\n");
    }

    @Test
    void replayChecksItsArgumentsInOneLine() {
        CliRun missing = CliRun.of("replay");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("tracefill: Missing required option: '--from=TIME' "
                + "(see tracefill replay --help)\n");

        CliRun badTime = CliRun.of("replay", "--from", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).isEqualTo("tracefill: --from: expected an ISO-8601 time such as "
                + "2024-06-10T06:13:20Z or ms or µs since the epoch, got 'yesterday'\n");

        CliRun backwards = CliRun.of("replay", "--from", "2024-06-10T06:13:20Z", "--to", "1717999200000");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).isEqualTo("tracefill: --to (2024-06-10T06:00:00Z) must be after --from "
                + "(2024-06-10T06:13:20Z)\n");

        CliRun noConfig = CliRun.of("replay", "--config", "/nope.properties", "--from", "1718000000000000");
        assertThat(noConfig.exitCode()).isEqualTo(2);
        assertThat(noConfig.err()).isEqualTo("tracefill: /nope.properties: no such file\n");

        CliRun badTopic = CliRun.of("replay", "--from", "1718000000000", "--output-topic", "a b");
        assertThat(badTopic.err()).isEqualTo("tracefill: --output-topic: not a Kafka topic name: 'a b'\n");
        assertThat(CliRun.of("replay", "--from", "0", "--what").err()).hasLineCount(1).contains("--what");
    }

    @Test
    void demoChecksItsOptionsBeforeStartingAnything() throws Exception {
        assertThat(CliRun.of("demo", "--rate", "0").err()).isEqualTo("tracefill: --rate must be > 0 and <= 10000, got 0\n");
        assertThat(CliRun.of("demo", "--duration", "soon").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("demo", "--kafka-port", "70000").err())
                .isEqualTo("tracefill: --kafka-port must be between 0 and 65535, got 70000\n");
        assertThat(CliRun.of("demo", "--kafka-port", "19092", "--controller-port", "19092").err())
                .isEqualTo("tracefill: --kafka-port and --controller-port must differ, both are 19092\n");
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun busy = CliRun.of("demo", "--kafka-port", Integer.toString(taken.getLocalPort()), "--controller-port", "0");
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.err()).endsWith("tracefill: port " + taken.getLocalPort() + " on 127.0.0.1 (for Kafka "
                    + "clients) is in use: stop whatever listens there or choose another port\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "trace", "complete", "run", "demo", "replay", "generate"})
    void everyCommandHasHelp(String command) {
        CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: tracefill" + (command.isEmpty() ? "" : " " + command));
    }
}
