package io.tracefill.topology.http;

import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.ErrorResponse;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TracingConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces for {@link TracePageHandler} computed by the engine over a file of flows, for local viewing
 * and the page's tests: the same {@link TraceCompletion} and the same encoder as the CLI's
 * {@code complete}, so the page renders what the product answers. Every completion is remembered
 * under its trace id, so {@code /trace/{trace_id}} shows it afterwards. Thread-safe.
 */
public final class FlowFileTraces {
    private final InMemoryFlowIndex index;
    private final TracingConfig config;
    private final TracingResponseEncoder encoder = new TracingResponseEncoder(ResponseType.TRACING_COMPLETION, false);
    private final Map<String, byte[]> traces = new ConcurrentHashMap<>();

    public FlowFileTraces(List<Flow> flows, TracingConfig config) {
        this.index = new InMemoryFlowIndex(flows);
        this.config = config;
    }

    /** Reads {@code l7_flow_log} rows, one JSON object per line (blank lines skipped), as the CLI does. */
    public static List<Flow> readFlows(Path file) throws IOException {
        FlowRowDecoder decoder = new FlowRowDecoder();
        List<Flow> flows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                flows.add(decoder.decode(lines.get(i)));
            } catch (DecodeException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return flows;
    }

    /** The envelope of the trace completed last under this trace id. */
    public Optional<byte[]> trace(String traceId) {
        return Optional.ofNullable(traces.get(traceId)).map(byte[]::clone);
    }

    /** The Trace Completion call: a request body in, DeepFlow's envelope out (400 for a bad body). */
    public ApiResponse complete(byte[] requestBody) {
        CompletionRequest request;
        try {
            request = new CompletionRequestDecoder().decode(requestBody);
        } catch (DecodeException e) {
            return new ApiResponse(400, ErrorResponse.invalidPostData(e));
        }
        return new ApiResponse(200, complete(request));
    }

    /** Completes the request, remembers the answer under its trace id and returns it. */
    public byte[] complete(CompletionRequest request) {
        TracingResult result = new TraceCompletion(index, config).complete(request);
        byte[] json = encoder.encode(result);
        traceId(request).ifPresent(id -> traces.put(id, json));
        return json.clone();
    }

    /** DeepFlow's entry app span decides the trace: the first one with a trace id. */
    public static Optional<String> traceId(CompletionRequest request) {
        return request.appSpans().stream().map(AppSpan::traceId).filter(id -> !id.isEmpty()).findFirst();
    }
}
