package io.tracefill.topology.http;

import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.topology.config.HttpApiSettings;
import io.tracefill.topology.query.Deadline;
import io.tracefill.topology.query.StateUnavailableException;
import io.tracefill.topology.query.StateView;
import io.tracefill.tracing.FlowIndex;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TracingConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's routes over real HTTP with a real client: the engine over the example's flows (an
 * in-memory index stands in for the stream's stores), DeepFlow's envelopes for every refusal,
 * 503 with "retry" when state is unavailable or the server is busy, {@code /health}, {@code /metrics}.
 */
class ApiServerTest {
    private static final Path FLOWS = Path.of("..", "examples", "frontend-orders.jsonl");
    private static final Path REQUEST = Path.of("..", "examples", "completion-request.json");
    private static final String TRACE_ID = "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f";
    private static final byte[] EMITTED = "{\"OPT_STATUS\":\"SUCCESS\",\"DESCRIPTION\":\"\",\"DATA\":{\"tracing\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final HttpApiSettings LIMITS = new HttpApiSettings(3, 1, 64 * 1024, 20, 50, 30_000);

    private static final HttpClient client = HttpClient.newHttpClient();
    private static final TestState state = new TestState();
    private static final Metrics metrics = new Metrics();
    private static volatile KafkaStreams.State streamState = KafkaStreams.State.RUNNING;
    private static InMemoryFlowIndex index;
    private static ApiServer server;

    /** The example's flows; {@code unavailable} makes every read fail as during a rebalance. */
    private static final class TestState implements StateView {
        volatile String unavailable;
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        @Override
        public FlowIndex flowIndex(Deadline deadline) {
            failIfUnavailable();
            if (release != null) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return index;
        }

        @Override
        public Optional<byte[]> emitted(String traceId, Deadline deadline) {
            failIfUnavailable();
            return traceId.equals(TRACE_ID) ? Optional.of(EMITTED) : Optional.empty();
        }

        @Override
        public void requireRunning() {
            failIfUnavailable();
        }

        private void failIfUnavailable() {
            if (unavailable != null) {
                throw new StateUnavailableException(unavailable);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        index = new InMemoryFlowIndex(FlowFileTraces.readFlows(FLOWS));
        var sensor = metrics.sensor("flows-in");
        sensor.add(metrics.metricName("flows-in-total", "tracefill", "flows read", Map.of("task-id", "0_1")),
                new CumulativeCount());
        sensor.record();
        sensor.record();
        QuerierApi querier = new QuerierApi(state, TracingConfig.defaults(), LIMITS, 1000);
        server = ApiServer.bind(0, LIMITS.threads());
        server.serve(ApiServer.routes(querier, new StreamStatus() {
            @Override
            public KafkaStreams.State state() {
                return streamState;
            }

            @Override
            public Map<MetricName, ? extends Metric> metrics() {
                return metrics.metrics();
            }
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
    }

    @AfterEach
    void reset() {
        state.unavailable = null;
        state.release = null;
        streamState = KafkaStreams.State.RUNNING;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String span(String kind, String start, String end) {
        return "{\"trace_id\":\"" + TRACE_ID + "\",\"span_id\":\"9f8e7d6c5b4a3210\",\"parent_span_id\":\"\","
                + "\"span_kind\":" + kind + ",\"start_time_us\":" + start + ",\"end_time_us\":" + end + "}";
    }

    @Test
    void completesTheExampleExactlyAsTheOfflineEngine() throws Exception {
        byte[] request = Files.readAllBytes(REQUEST);
        byte[] offline = new TracingResponseEncoder(ResponseType.TRACING_COMPLETION, false).encode(
                new TraceCompletion(index, TracingConfig.defaults()).complete(new CompletionRequestDecoder().decode(request)));

        HttpResponse<String> r = post(TracePageHandler.COMPLETION_PATH, request);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo(new String(offline, StandardCharsets.UTF_8));
        assertThat(r.body()).contains("\"OPT_STATUS\":\"SUCCESS\"", "\"tap_side\":\"c-p\"");
    }

    @Test
    void tracesFromAnEntryIdExactlyAsTheOfflineEngine() throws Exception {
        Flow entry = index.flows().stream().filter(f -> f.tapSide().equals("c-p")).findFirst()
                .orElseThrow();
        long second = entry.endTimeUs() / 1_000_000L;
        byte[] offline = new TracingResponseEncoder(ResponseType.L7_FLOW_TRACING, false).encode(
                new L7FlowTracing(index, TracingConfig.defaults()).trace(new TraceRequest(entry.id(), null,
                        new TimeWindow(second - 10, second + 10), null, null, null, false)));

        HttpResponse<String> r = post(L7FlowTracingHandler.PATH, "{\"DATABASE\":\"flow_log\",\"TABLE\":\"l7_flow_log\","
                + "\"_id\":\"" + entry.id() + "\",\"TIME_START\":" + (second - 10) + ",\"TIME_END\":" + (second + 10) + "}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(new String(offline, StandardCharsets.UTF_8));
        assertThat(r.body()).contains("\"TYPE\":\"Flow_Log_L7_Tracing\"", "\"services\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid JSON|{\"app_spans\": [|malformed JSON",
            "not an object|[1,2]|expected a JSON object with app_spans, got array",
            "missing app_spans|{\"max_iteration\":3}|app_spans: missing: the request needs the app spans to complete",
            "empty app_spans|{\"app_spans\":[]}|app_spans: must hold at least one span",
            "span kind as text|{\"app_spans\":[SPAN_KIND_TEXT]}|app_spans[0].span_kind: expected an integer, got string",
            "time as decimal|{\"app_spans\":[SPAN_DECIMAL]}|app_spans[0].start_time_us: expected an integer, got the decimal number",
            "time in seconds|{\"app_spans\":[SPAN_SECONDS]}|app_spans[0].start_time_us: must be µs since the epoch in the years 2000-2099, got 1718000000",
            "end before start|{\"app_spans\":[SPAN_BACKWARDS]}|app_spans[0].end_time_us: is before start_time_us",
            "max_iteration too high|{\"max_iteration\":100000,\"app_spans\":[SPAN]}|max_iteration: at most 50 is accepted (tracefill.http.max-iteration), got 100000",
            "absurd network delay|{\"network_delay_us\":86400000000000,\"app_spans\":[SPAN]}|network_delay_us: at most 3600000000 µs (an hour) is accepted",
            "unknown key|{\"app_spans\":[SPAN],\"limit\":3}|limit: unknown key",
    })
    void refusesABadCompletionRequestWithDeepFlowsEnvelope(String what, String body, String description) throws Exception {
        String json = body
                .replace("SPAN_KIND_TEXT", span("\"2\"", "1718000000110000", "1718000000150000"))
                .replace("SPAN_DECIMAL", span("2", "1718000000110000.5", "1718000000150000"))
                .replace("SPAN_SECONDS", span("2", "1718000000", "1718000001"))
                .replace("SPAN_BACKWARDS", span("2", "1718000000150000", "1718000000110000"))
                .replace("SPAN", span("2", "1718000000110000", "1718000000150000"));

        HttpResponse<String> r = post(TracePageHandler.COMPLETION_PATH, json);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).startsWith("{\"OPT_STATUS\":\"INVALID_POST_DATA\",\"DESCRIPTION\":\"").contains(description)
                .endsWith("\"DATA\":{}}");
    }

    @Test
    void refusesMoreAppSpansThanTheLimit() throws Exception {
        String spans = String.join(",", java.util.Collections.nCopies(LIMITS.maxAppSpans() + 1,
                span("2", "1718000000110000", "1718000000150000")));

        HttpResponse<String> r = post(TracePageHandler.COMPLETION_PATH, "{\"app_spans\":[" + spans + "]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("INVALID_POST_DATA", "more than 20 spans; at most 20 are accepted");
    }

    @Test
    void refusesABodyOverTheSizeLimitWith413() throws Exception {
        byte[] big = new byte[LIMITS.maxRequestBytes() + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        for (String path : List.of(TracePageHandler.COMPLETION_PATH, L7FlowTracingHandler.PATH)) {
            HttpResponse<String> r = post(path, big);

            assertThat(r.statusCode()).as(path).isEqualTo(413);
            assertThat(r.body()).as(path).contains("INVALID_POST_DATA", "larger than 65536 bytes",
                    "tracefill.http.max-request-bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid JSON|{\"_id\":|malformed JSON",
            "no entry|{\"TIME_START\":1718000000,\"TIME_END\":1718000060}|_id: missing",
            "no time|{\"_id\":\"1\"}|TIME_START: missing",
            "times in ms|{\"_id\":\"1\",\"TIME_START\":1718000000000,\"TIME_END\":1718000060000}|TIME_START: must be seconds since the epoch in the years 2000-2099",
            "end before start|{\"_id\":\"1\",\"TIME_START\":1718000060,\"TIME_END\":1718000000}|TIME_START: is after TIME_END",
            "_id of the wrong type|{\"_id\":[1],\"TIME_START\":1718000000,\"TIME_END\":1718000060}|_id: expected an unsigned integer",
            "max_iteration too high|{\"_id\":\"1\",\"TIME_START\":1718000000,\"TIME_END\":1718000060,\"MAX_ITERATION\":51}|MAX_ITERATION: at most 50",
    })
    void refusesABadTracingRequestWithDeepFlowsEnvelope(String what, String body, String description) throws Exception {
        HttpResponse<String> r = post(L7FlowTracingHandler.PATH, body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"OPT_STATUS\":\"INVALID_POST_DATA\"").contains(description);
    }

    @Test
    void answersAnUnknownEntryIdWithAnEmptyResultAsDeepFlowDoes() throws Exception {
        HttpResponse<String> r = post(L7FlowTracingHandler.PATH,
                "{\"_id\":\"42\",\"TIME_START\":1718000000,\"TIME_END\":1718000060}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"OPT_STATUS\":\"SUCCESS\"", "\"DATA\":{}");
    }

    @Test
    void answers503WithRetryWhenTheStateIsUnavailable() throws Exception {
        state.unavailable = "the stream is REBALANCING, not RUNNING; retry in a few seconds";

        List<HttpResponse<String>> answers = List.of(
                post(TracePageHandler.COMPLETION_PATH, Files.readAllBytes(REQUEST)),
                post(L7FlowTracingHandler.PATH, "{\"_id\":\"1\",\"TIME_START\":1718000000,\"TIME_END\":1718000060}"),
                get("/v1/traces/" + TRACE_ID));

        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(503);
            assertThat(r.body()).as(r.uri().toString()).isEqualTo("{\"OPT_STATUS\":\"SERVICE_UNAVAILABLE\","
                    + "\"DESCRIPTION\":\"the stream is REBALANCING, not RUNNING; retry in a few seconds\",\"DATA\":{}}");
        }
    }

    @Test
    void answers503WhenAsManyCallsAsAllowedAreBeingComputed() throws Exception {
        state.entered = new CountDownLatch(1);
        state.release = new CountDownLatch(1);
        byte[] request = Files.readAllBytes(REQUEST);
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(HttpRequest.newBuilder(
                        uri(TracePageHandler.COMPLETION_PATH)).POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(state.entered.await(30, TimeUnit.SECONDS)).as("first call computing").isTrue();

        HttpResponse<String> second = post(TracePageHandler.COMPLETION_PATH, request);
        HttpResponse<String> health = get("/health");
        state.release.countDown();

        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("SERVICE_UNAVAILABLE", "busy: 1 tracing calls are being computed",
                "tracefill.http.concurrent-queries", "retry");
        assertThat(health.statusCode()).as("a thread is left for /health").isEqualTo(200);
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheLastEmittedTraceAnd404ForAnUnknownOne() throws Exception {
        HttpResponse<String> known = get("/v1/traces/" + TRACE_ID);
        HttpResponse<String> unknown = get("/v1/traces/0000");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).isEqualTo(new String(EMITTED, StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(
                "{\"OPT_STATUS\":\"RESOURCE_NOT_FOUND\",\"DESCRIPTION\":\"no trace with trace_id 0000\",\"DATA\":{}}");
    }

    @Test
    void servesTheTracePage() throws Exception {
        HttpResponse<String> r = get("/trace/" + TRACE_ID);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<script src=\"assets/trace.js\"");
    }

    @Test
    void healthIs200OnlyWhileRunning() throws Exception {
        HttpResponse<String> running = get("/health");
        streamState = KafkaStreams.State.REBALANCING;
        HttpResponse<String> rebalancing = get("/health");

        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(running.body()).isEqualTo("{\"state\":\"RUNNING\"}");
        assertThat(rebalancing.statusCode()).isEqualTo(503);
        assertThat(rebalancing.body()).isEqualTo("{\"state\":\"REBALANCING\"}");
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains(
                "# HELP tracefill_flows_in_total flows read\n"
                        + "# TYPE tracefill_flows_in_total counter\n"
                        + "tracefill_flows_in_total{task_id=\"0_1\"} 2\n",
                "# TYPE kafka_kafka_metrics_count_count gauge\nkafka_kafka_metrics_count_count 2\n",
                "tracefill_stream_state{state=\"RUNNING\"} 1\n",
                "tracefill_stream_state{state=\"REBALANCING\"} 0\n");
        for (String line : r.body().split("\n")) {
            assertThat(line).as("every line a comment or a sample")
                    .matches("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? \\S+");
        }
    }

    @ParameterizedTest
    @CsvSource({"GET, /v1/stats/querier/L7FlowTracing, POST", "POST, /health, 'GET, HEAD'", "DELETE, /metrics, 'GET, HEAD'"})
    void answers405ForOtherMethods(String method, String path, String allow) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue(allow);
    }

    @ParameterizedTest
    @CsvSource({"/healthz", "/v1/stats/querier/L7FlowTracingX", "/internal/v1/index-lookups", "/"})
    void answers404ElsewhereAndHasNoPeerEndpointsWithoutAStream(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void aTakenPortIsOneClearError() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ApiServer.bind(server.port(), 2)))
                .isInstanceOf(io.tracefill.topology.config.ConfigException.class)
                .hasMessage("port " + server.port() + " (tracefill.http.port) is in use: stop whatever listens there "
                        + "or choose another port");
    }
}
