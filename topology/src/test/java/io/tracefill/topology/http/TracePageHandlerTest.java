package io.tracefill.topology.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes, methods, content types and error envelopes of {@link TracePageHandler}, over real HTTP. */
class TracePageHandlerTest {
    private static final byte[] TRACE = "{\"OPT_STATUS\":\"SUCCESS\",\"DATA\":{\"tracing\":[]}}".getBytes(StandardCharsets.UTF_8);

    private static final List<String> lookedUp = new CopyOnWriteArrayList<>();
    private static final List<String> completionBodies = new CopyOnWriteArrayList<>();
    private static TracePageServer server;
    private static final HttpClient client = HttpClient.newHttpClient(); // never follows redirects

    @BeforeAll
    static void start() throws IOException {
        TracePageHandler handler = new TracePageHandler(new TracePage(), id -> {
            lookedUp.add(id);
            if (id.equals("boom")) {
                throw new IllegalStateException("store unavailable");
            }
            return id.startsWith("known") ? Optional.of(TRACE) : Optional.empty();
        }, body -> {
            completionBodies.add(new String(body, StandardCharsets.UTF_8));
            return new ApiResponse(400, "{\"OPT_STATUS\":\"INVALID_POST_DATA\",\"DESCRIPTION\":\"no\",\"DATA\":{}}"
                    .getBytes(StandardCharsets.UTF_8));
        });
        server = TracePageServer.start(handler, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"/trace/", "/trace/5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f"})
    void servesThePageAtTraceAndTraceId(String path) throws Exception {
        HttpResponse<String> r = send("GET", path);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(r.body()).contains("<script src=\"assets/trace.js\"", "href=\"assets/trace.css\"");
    }

    @Test
    void redirectsBareTraceToTheSlashSoRelativeLinksResolve() throws Exception {
        HttpResponse<String> r = send("GET", "/trace");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("trace/");
    }

    @ParameterizedTest
    @CsvSource({"trace.js, text/javascript; charset=utf-8", "trace.css, text/css; charset=utf-8"})
    void servesScriptAndStyleWithTheirContentTypes(String name, String type) throws Exception {
        HttpResponse<String> r = send("GET", "/trace/assets/" + name);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.body()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"/trace/assets/other.js", "/trace/assets/../TracePage.class", "/trace/a/b", "/traces", "/", "/v1/traces/"})
    void answers404WhereThereIsNothing(String path) throws Exception {
        assertThat(send("GET", path).statusCode()).isEqualTo(404);
    }

    @Test
    void servesAKnownTraceAsJsonLookingItUpByItsDecodedId() throws Exception {
        HttpResponse<String> r = send("GET", "/v1/traces/known%2Bx%20y+z");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo(new String(TRACE, StandardCharsets.UTF_8));
        assertThat(lookedUp).contains("known+x y+z");
    }

    @Test
    void answers404WithAnEnvelopeForAnUnknownTrace() throws Exception {
        HttpResponse<String> r = send("GET", "/v1/traces/nope");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo(
                "{\"OPT_STATUS\":\"RESOURCE_NOT_FOUND\",\"DESCRIPTION\":\"no trace with trace_id nope\",\"DATA\":{}}");
    }

    @Test
    void answers500WithAnEnvelopeWhenTheLookupFails() throws Exception {
        HttpResponse<String> r = send("GET", "/v1/traces/boom");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"OPT_STATUS\":\"INTERNAL_SERVER_ERROR\"", "store unavailable");
    }

    @Test
    void passesTheCompletionBodyOnAndAnswersWithItsStatus() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(TracePageHandler.COMPLETION_PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"app_spans\":[]}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).contains("INVALID_POST_DATA");
        assertThat(completionBodies).contains("{\"app_spans\":[]}");
    }

    @Test
    void refusesACompletionBodyOverTheLimit() throws Exception {
        byte[] big = new byte[TracePageHandler.MAX_REQUEST_BYTES + 1];
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(TracePageHandler.COMPLETION_PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("INVALID_POST_DATA");
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /trace/abc, 'GET, HEAD'",
            "DELETE, /trace/, 'GET, HEAD'",
            "PUT, /trace/assets/trace.js, 'GET, HEAD'",
            "POST, /v1/traces/known, 'GET, HEAD'",
            "GET, /v1/stats/querier/tracing-completion-by-external-app-spans, POST"})
    void answers405WithAllowForOtherMethods(String method, String path, String allow) throws Exception {
        HttpResponse<String> r = send(method, path);

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue(allow);
    }

    @Test
    void answersHeadLikeGetWithoutABody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/trace/assets/trace.css");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(r.body()).isEmpty();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Not {@link URI#resolve}: it would normalise the {@code ..} a test sends on purpose. */
    private static URI uri(String rawPath) {
        String base = server.baseUri().toString();
        return URI.create(base.substring(0, base.length() - 1) + rawPath);
    }
}
