package io.tracefill.topology.stream;

import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.testkit.EmbeddedKafka;
import io.tracefill.topology.testkit.TopicReader;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.workload.Topic;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API of two pipeline instances on a real broker, three partitions: every call gives
 * the same answer whichever instance is asked, equal to the offline engine over the same rows
 * (completion, L7FlowTracing) or to what the stream emitted ({@code GET /v1/traces/{id}}).
 */
class HttpApiBrokerTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path state;

    private StreamSettings settings(int httpPort, String instance) {
        return StreamFixture.settings(Map.of(
                StreamSettings.APPLICATION_ID, "tf-api",
                StreamSettings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                StreamSettings.STATE_DIR, state.resolve(instance).toString(),
                StreamSettings.DEEPFLOW_TOPIC, "df-api",
                StreamSettings.OTLP_TOPIC, "otlp-api",
                StreamSettings.OUTPUT_TOPIC, "out-api",
                StreamSettings.API_JSON_TOPIC, "json-api",
                StreamSettings.GRACE_MS, "5000",
                // on a loaded machine a partition can starve for a second; it must not count as idle
                // then, or a trace closes early and is emitted again after GET was compared
                StreamSettings.IDLE_FLUSH_MS, "5000",
                StreamSettings.HTTP_PORT, Integer.toString(httpPort)));
    }

    @Test
    @DisplayName("two instances answer 503 while rebalancing, then completion, tracing and trace lookups identically, as the offline engine and the stream")
    void bothInstancesAnswerLikeTheOfflineEngineAndTheStream() throws Exception {
        for (String t : List.of("df-api", "otlp-api", "out-api", "json-api")) {
            KAFKA.createTopic(t, 3, Map.of("retention.ms", "-1"));
        }
        List<WireRecord> records = new ArrayList<>();
        Workload.generate(WorkloadSpec.of(11, 8, Duration.ofSeconds(5), WorkloadSpec.DEFAULT_START_US), t -> { })
                .forEachRemaining(records::add);
        produce(records);
        List<byte[]> deepflow = records.stream().filter(r -> r.topic() == Topic.DEEPFLOW).map(WireRecord::value).toList();
        List<byte[]> otlp = records.stream().filter(r -> r.topic() == Topic.OTLP).map(WireRecord::value).toList();
        Map<String, List<Flow>> appSpans = StreamFixture.appSpansByTrace(otlp);
        InMemoryFlowIndex offlineIndex = new InMemoryFlowIndex(StreamFixture.deepflowRows(deepflow));

        int[] ports = freePorts();
        StreamSettings a = settings(ports[0], "a");
        String someTrace = appSpans.keySet().iterator().next();
        try (Pipeline first = Pipeline.start(a); Pipeline second = Pipeline.start(settings(ports[1], "b"))) {
            // the second instance has just joined: partitions are being assigned, no state may be read yet
            assertThat(second.streams().state()).isEqualTo(KafkaStreams.State.REBALANCING);
            List<HttpResponse<String>> early = List.of(
                    post(base(ports[1]), "v1/stats/querier/tracing-completion-by-external-app-spans",
                            completionRequest(appSpans.get(someTrace))),
                    get(base(ports[1]), "v1/traces/" + someTrace),
                    get(base(ports[1]), "health"));
            assertThat(second.streams().state()).isEqualTo(KafkaStreams.State.REBALANCING);
            for (HttpResponse<String> r : early) {
                assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(503);
            }
            assertThat(early.get(0).body()).startsWith("{\"OPT_STATUS\":\"SERVICE_UNAVAILABLE\",\"DESCRIPTION\":"
                    + "\"the stream is REBALANCING, not RUNNING").contains("retry");
            assertThat(early.get(2).body()).isEqualTo("{\"state\":\"REBALANCING\"}");

            Map<String, String> emitted = readApiJson(appSpans.size());
            List<URI> instances = List.of(base(ports[0]), base(ports[1]));
            awaitHealthy(instances);
            assertThat(first.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertBothHoldIndexPartitions(first, second);

            List<String> sample = sample(new TreeSet<>(appSpans.keySet()), 8);
            for (String traceId : sample) {
                String request = completionRequest(appSpans.get(traceId));
                String offline = new String(new TracingResponseEncoder(ResponseType.TRACING_COMPLETION, false).encode(
                        new TraceCompletion(offlineIndex, a.tracing()).complete(new CompletionRequestDecoder()
                                .decode(request))), StandardCharsets.UTF_8);
                for (URI instance : instances) {
                    HttpResponse<String> r = post(instance, "v1/stats/querier/tracing-completion-by-external-app-spans",
                            request);
                    assertThat(r.statusCode()).as("%s %s: %s", instance, traceId, r.body()).isEqualTo(200);
                    assertThat(r.body()).as("completion of %s at %s", traceId, instance).isEqualTo(offline);
                }
                assertThat(offline).as("the completion found DeepFlow's spans of %s", traceId).contains("\"c-p\"");

                for (URI instance : instances) {
                    HttpResponse<String> r = get(instance, "v1/traces/" + traceId);
                    assertThat(r.statusCode()).as("%s %s", instance, traceId).isEqualTo(200);
                    assertThat(r.body()).as("last emission of %s at %s", traceId, instance).isEqualTo(emitted.get(traceId));
                }
            }

            for (String traceId : sample.subList(0, 4)) {
                Flow entry = entryFlow(offlineIndex, traceId);
                long atS = TimeWindow.timeOf(entry);
                String request = "{\"DATABASE\":\"flow_log\",\"TABLE\":\"l7_flow_log\",\"_id\":\"" + entry.id()
                        + "\",\"TIME_START\":" + (atS - 30) + ",\"TIME_END\":" + (atS + 30) + "}";
                String offline = new String(new TracingResponseEncoder(ResponseType.L7_FLOW_TRACING, false).encode(
                        new L7FlowTracing(offlineIndex, a.tracing()).trace(new TraceRequest(entry.id(), null,
                                new TimeWindow(atS - 30, atS + 30), null, null, null, false))),
                        StandardCharsets.UTF_8);
                for (URI instance : instances) {
                    HttpResponse<String> r = post(instance, "v1/stats/querier/L7FlowTracing", request);
                    assertThat(r.statusCode()).as("%s %s", instance, entry.id()).isEqualTo(200);
                    assertThat(r.body()).as("tracing from %s at %s", entry.id(), instance).isEqualTo(offline);
                }
                assertThat(offline).contains("\"trace_id\":\"" + traceId + "\"");
            }

            for (URI instance : instances) {
                HttpResponse<String> unknown = get(instance, "v1/traces/00000000000000000000000000000000");
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.body()).contains("RESOURCE_NOT_FOUND");

                HttpResponse<String> health = get(instance, "health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).isEqualTo("{\"state\":\"RUNNING\"}");

                HttpResponse<String> metrics = get(instance, "metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("# TYPE tracefill_traces_emitted_total counter",
                        "# TYPE tracefill_flows_in_total counter", "kafka_stream_thread_process_total{",
                        "tracefill_stream_state{state=\"RUNNING\"} 1");
            }
        }
    }

    /** Each instance runs index tasks, so some keys are read locally and some asked of the other instance. */
    private static void assertBothHoldIndexPartitions(Pipeline first, Pipeline second) {
        Map<String, Set<Integer>> byHost = new HashMap<>();
        for (var m : first.streams().streamsMetadataForStore(StoreNames.INDEX_FLOWS)) {
            for (var tp : m.topicPartitions()) {
                if (tp.topic().equals(first.settings().indexTopic())) {
                    byHost.computeIfAbsent(m.hostInfo().toString(), h -> new HashSet<>()).add(tp.partition());
                }
            }
        }
        assertThat(byHost).as("index partitions by instance").hasSize(2);
        Set<Integer> all = new HashSet<>();
        byHost.values().forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
    }

    /** An eBPF client-side flow of the trace: the tracing from it reaches the rest of the request. */
    private static Flow entryFlow(InMemoryFlowIndex index, String traceId) {
        return index.flows().stream()
                .filter(f -> f.traceIds().contains(traceId) && f.tapSide().equals(TapSide.CLIENT_PROCESS))
                .min(io.tracefill.tracing.FlowOrder.BY_START_THEN_ID)
                .orElseThrow(() -> new AssertionError("no c-p flow carries trace " + traceId));
    }

    /** The request a tracing tool would send: every app span of the trace, with the six fields the API takes. */
    private static String completionRequest(List<Flow> spans) {
        StringBuilder b = new StringBuilder("{\"app_spans\":[");
        for (int i = 0; i < spans.size(); i++) {
            Flow s = spans.get(i);
            int kind = switch (s.tapSide()) {
                case TapSide.SERVER_APP -> 2;
                case TapSide.CLIENT_APP -> 3;
                default -> 1;
            };
            b.append(i == 0 ? "" : ",").append("{\"trace_id\":\"").append(s.traceId()).append("\",\"span_id\":\"")
                    .append(s.spanId()).append("\",\"parent_span_id\":\"").append(s.parentSpanId())
                    .append("\",\"span_kind\":").append(kind).append(",\"start_time_us\":").append(s.startTimeUs())
                    .append(",\"end_time_us\":").append(s.endTimeUs()).append('}');
        }
        return b.append("]}").toString();
    }

    private static List<String> sample(TreeSet<String> ids, int n) {
        List<String> all = new ArrayList<>(ids);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n && i < all.size(); i++) {
            out.add(all.get(i * all.size() / n));
        }
        return out;
    }

    private static void produce(List<WireRecord> records) {
        Map<String, Object> p = new HashMap<>(KAFKA.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<byte[], byte[]>(p)) {
            for (WireRecord r : records) {
                producer.send(new ProducerRecord<>(r.topic() == Topic.OTLP ? "otlp-api" : "df-api", null,
                        r.timestampMs(), r.key(), r.value()));
            }
            producer.flush();
        }
    }

    /** The API JSON the stream emitted, the last record per trace id, once {@code traces} ids have one. */
    private static Map<String, String> readApiJson(int traces) {
        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(KAFKA.bootstrapServers()).readUntil(
                "json-api", rs -> rs.stream().map(ConsumerRecord::key).distinct().count() >= traces, DEADLINE);
        Map<String, String> latest = new LinkedHashMap<>();
        read.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private static void awaitHealthy(List<URI> instances) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        for (URI instance : instances) {
            while (get(instance, "health").statusCode() != 200) {
                assertThat(System.nanoTime()).as("%s healthy in time", instance).isLessThan(end);
                Thread.onSpinWait();
            }
        }
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket x = new ServerSocket(0); ServerSocket y = new ServerSocket(0)) {
            return new int[] {x.getLocalPort(), y.getLocalPort()};
        }
    }

    private static URI base(int port) {
        return URI.create("http://localhost:" + port + "/");
    }

    private static HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
