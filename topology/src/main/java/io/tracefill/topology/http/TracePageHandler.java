package io.tracefill.topology.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tracefill.serdes.json.ErrorResponse;
import io.tracefill.serdes.json.ErrorStatus;
import io.tracefill.topology.query.StateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves the trace page and the two JSON calls it makes:
 * <ul>
 *   <li>{@code GET /trace/} and {@code GET /trace/{trace_id}}: the page ({@code /trace} redirects to
 *       {@code /trace/} so the page's relative links resolve the same from both);</li>
 *   <li>{@code GET /trace/assets/{trace.js|trace.css}}: its script and style;</li>
 *   <li>{@code GET /v1/traces/{trace_id}}: one completed trace in the API's envelope, 404 with an
 *       envelope when there is no such trace;</li>
 *   <li>{@code POST /v1/stats/querier/tracing-completion-by-external-app-spans}: DeepFlow's Trace
 *       Completion call, which the page's form posts to.</li>
 * </ul>
 * {@code HEAD} is answered wherever {@code GET} is; any other method gets 405 with {@code Allow}.
 * Where the traces and completions come from is the caller's business (state stores in the app, a
 * file in {@link TracePageServer}), so an API server mounts this handler on {@link #CONTEXTS} and
 * keeps its own routes for everything else.
 */
public final class TracePageHandler implements HttpHandler {
    public static final String PAGE_PATH = "/trace";
    public static final String TRACES_PATH = "/v1/traces/";
    public static final String COMPLETION_PATH = "/v1/stats/querier/tracing-completion-by-external-app-spans";
    /** The path prefixes this handler answers; mount it on each (or on {@code /}). */
    public static final List<String> CONTEXTS = List.of(PAGE_PATH, TRACES_PATH, COMPLETION_PATH);

    /**
     * Default bound of a completion body (the request decoder refuses more anyway); the pipeline's
     * API passes {@code tracefill.http.max-request-bytes} instead.
     */
    static final int MAX_REQUEST_BYTES = 8 << 20;

    private static final Logger log = LoggerFactory.getLogger(TracePageHandler.class);
    private static final String ASSETS = PAGE_PATH + "/assets/";

    private final TracePage page;
    private final Function<String, Optional<byte[]>> traces;
    private final Function<byte[], ApiResponse> completion;
    private final int maxRequestBytes;

    /**
     * @param traces     trace id → the trace's envelope as JSON bytes, empty when unknown; may throw
     *                   {@link StateUnavailableException} (answered 503)
     * @param completion request body of the Trace Completion call → its answer
     */
    public TracePageHandler(TracePage page, Function<String, Optional<byte[]>> traces,
                            Function<byte[], ApiResponse> completion) {
        this(page, traces, completion, MAX_REQUEST_BYTES);
    }

    /** @param maxRequestBytes longest completion request body read; a longer one gets 413 */
    public TracePageHandler(TracePage page, Function<String, Optional<byte[]>> traces,
                            Function<byte[], ApiResponse> completion, int maxRequestBytes) {
        this.page = Objects.requireNonNull(page);
        this.traces = Objects.requireNonNull(traces);
        this.completion = Objects.requireNonNull(completion);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (Responder out = new Responder(exchange)) {
            route(exchange.getRequestURI().getRawPath(), out);
        }
    }

    private void route(String path, Responder out) throws IOException {
        if (path.equals(COMPLETION_PATH)) {
            if (out.allow("POST")) {
                answerPost(out, maxRequestBytes, completion, "trace completion");
            }
        } else if (path.startsWith(TRACES_PATH)) {
            String id = segment(path.substring(TRACES_PATH.length()));
            if (out.allow("GET", "HEAD")) {
                trace(id, out);
            }
        } else if (path.equals(PAGE_PATH)) {
            if (out.allow("GET", "HEAD")) {
                out.redirect("trace/");
            }
        } else if (path.startsWith(ASSETS)) {
            Optional<TracePage.Asset> asset = page.asset(path.substring(ASSETS.length()));
            if (out.allow("GET", "HEAD")) {
                out.asset(asset);
            }
        } else if (path.startsWith(PAGE_PATH + "/") && path.indexOf('/', PAGE_PATH.length() + 1) < 0) {
            if (out.allow("GET", "HEAD")) {
                out.asset(page.asset(TracePage.HTML));
            }
        } else {
            out.notFound();
        }
    }

    private void trace(String id, Responder out) throws IOException {
        if (id == null) {
            out.json(404, Envelopes.notFound("no trace id in the path"));
            return;
        }
        Optional<byte[]> json;
        try {
            json = traces.apply(id);
        } catch (StateUnavailableException e) {
            out.json(503, Envelopes.unavailable(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            log.warn("looking up trace {} failed", id, e);
            out.json(500, ErrorResponse.encode(ErrorStatus.INTERNAL_SERVER_ERROR, "looking up the trace failed: " + e));
            return;
        }
        if (json.isPresent()) {
            out.json(200, json.get());
        } else {
            out.json(404, Envelopes.notFound("no trace with trace_id " + id));
        }
    }

    /**
     * Reads a POST body of at most {@code maxBytes} (413 with DeepFlow's error envelope beyond) and
     * answers with what {@code call} makes of it (500 with an envelope if it throws).
     */
    static void answerPost(Responder out, int maxBytes, Function<byte[], ApiResponse> call, String what)
            throws IOException {
        Optional<byte[]> body = out.body(maxBytes);
        if (body.isEmpty()) {
            out.json(413, ErrorResponse.encode(ErrorStatus.INVALID_POST_DATA,
                    "request body larger than " + maxBytes + " bytes (tracefill.http.max-request-bytes)"));
            return;
        }
        ApiResponse answer;
        try {
            answer = call.apply(body.get());
        } catch (RuntimeException e) {
            log.warn("{} failed", what, e);
            answer = new ApiResponse(500, ErrorResponse.encode(ErrorStatus.INTERNAL_SERVER_ERROR,
                    what + " failed: " + e));
        }
        out.json(answer.status(), answer.json());
    }

    /** The one path segment that is left, percent-decoded; null when empty, badly escaped or followed by more. */
    private static String segment(String rawRest) {
        if (rawRest.isEmpty() || rawRest.contains("/")) {
            return null;
        }
        try {
            // URLDecoder would turn '+' into a space, which a path does not mean
            return URLDecoder.decode(rawRest.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }
}
