package io.tracefill.topology.demo;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.serdes.otlp.OtlpTraceEncoder;
import io.tracefill.topology.http.FlowFileTraces;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TracingConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal drawing of a completed trace, from the OTLP the pipeline writes. */
class TraceTreeTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    /** The bundled example completed by the engine and encoded as the pipeline emits it. */
    private static TracesData example() throws Exception {
        var flows = FlowFileTraces.readFlows(EXAMPLES.resolve("frontend-orders.jsonl"));
        var request = new CompletionRequestDecoder().decode(Files.readAllBytes(EXAMPLES.resolve("completion-request.json")));
        TracingResult result = new TraceCompletion(new InMemoryFlowIndex(flows), TracingConfig.defaults()).complete(request);
        return new OtlpTraceEncoder().encode(result);
    }

    @Test
    void drawsEachSpanUnderItsParentWithKindPointServiceProtocolResourceDurationAndMountReason() throws Exception {
        List<String> lines = TraceTree.of(example()).lines(100);

        assertThat(lines).containsExactly(
                "trace 5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f  request  8 spans (A 2, S 4, N 2)  40.00 ms",
                "A s-app unknown service | request | 40.00 ms",
                "`-A c-app unknown service | request | 20.00 ms | app_span mounted due to parent_span_id",
                "  `-S c-p frontend (node) | HTTP POST /api/v1/orders | 15.00 ms | net_span mounted due to same span_id",
                "    `-N c network: agent 1817380628442492 c | HTTP POST /api/v1/orders | 14.80 ms"
                        + " | trace mounted due to tcp_seq",
                "      `-N s network: agent 2273437009077210 s | HTTP POST /api/v1/orders | 12.60 ms"
                        + " | trace mounted due to tcp_seq",
                "        `-S s-p orders (java) | HTTP POST /api/v1/orders | 12.33 ms | trace mounted due to tcp_seq",
                "          `-S c-p orders (java) | MySQL COM_QUERY SELECT * FROM orders WHERE id = ? | 3.00 ms"
                        + " | c-p sys-span mounted due to syscall_trace_id matched to s-p root",
                "            `-S s-p mysql (mysqld) | MySQL COM_QUERY SELECT * FROM orders WHERE id = ? | 2.40 ms"
                        + " | trace mounted due to tcp_seq");
    }

    @Test
    void countsSpansByKindAndNamesTheTrace() throws Exception {
        TraceTree tree = TraceTree.of(example());

        assertThat(tree.traceId()).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f");
        assertThat(tree.spanCount()).isEqualTo(8);
        assertThat(List.of(tree.count('A'), tree.count('S'), tree.count('N'))).containsExactly(2, 4, 2);
        assertThat(tree.roots()).hasSize(1);
        assertThat(tree.durationNs()).isEqualTo(40_000_000L);
    }

    @Test
    void drawsAtMostTheSpansAskedForAndSaysHowManyAreLeftOut() throws Exception {
        List<String> lines = TraceTree.of(example()).lines(3);

        assertThat(lines).hasSize(1 + 3 + 1);
        assertThat(lines.get(3)).startsWith("  `-S c-p frontend (node)");
        assertThat(lines.get(4)).isEqualTo("... 5 more spans");
    }

    @Test
    void branchesShowWhichSpansAreSiblings() throws Exception {
        // the client process span gets a second child: a copy of its NIC span under another id
        TracesData data = example();
        var builder = data.toBuilder();
        var scope = builder.getResourceSpansBuilderList().stream()
                .flatMap(r -> r.getScopeSpansBuilderList().stream())
                .filter(s -> s.getSpansList().stream().anyMatch(sp -> sp.getName().startsWith("HTTP")
                        && attribute(sp, "df.capture_info.tap_side").equals("c")))
                .findFirst().orElseThrow();
        var nic = scope.getSpansList().stream().filter(sp -> attribute(sp, "df.capture_info.tap_side").equals("c"))
                .findFirst().orElseThrow();
        scope.addSpans(nic.toBuilder().setSpanId(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .setStartTimeUnixNano(nic.getStartTimeUnixNano() + 1));

        List<String> lines = TraceTree.of(builder.build()).lines(100);

        assertThat(lines.get(4)).startsWith("    |-N c network: agent 1817380628442492 c");
        assertThat(lines.get(5)).startsWith("    | `-N s network: agent 2273437009077210 s");
        assertThat(lines.get(lines.size() - 1)).startsWith("    `-N c network: agent 1817380628442492 c");
    }

    private static String attribute(io.opentelemetry.proto.trace.v1.Span s, String key) {
        return s.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(kv -> kv.getValue().getStringValue()).orElse("");
    }
}
