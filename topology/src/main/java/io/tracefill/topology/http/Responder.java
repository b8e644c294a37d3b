package io.tracefill.topology.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Writes one answer to an {@link HttpExchange}: the status, the headers every answer carries, and
 * the body unless the request was {@code HEAD}. Closing it closes the exchange.
 */
final class Responder implements AutoCloseable {
    /**
     * The page may load and call only what its own server serves: no CDN, no inline script, and
     * nothing injected through a trace's strings can fetch from elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpExchange exchange;

    Responder(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** True when the request's method is one of {@code methods}; else answers 405 and returns false. */
    boolean allow(String... methods) throws IOException {
        String method = exchange.getRequestMethod();
        if (Arrays.asList(methods).contains(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
        send(405, TEXT, (method + " not allowed here; use " + String.join(" or ", methods) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return false;
    }

    void json(int status, byte[] body) throws IOException {
        send(status, JSON, body);
    }

    void text(int status, String contentType, byte[] body) throws IOException {
        send(status, contentType, body);
    }

    void asset(Optional<TracePage.Asset> asset) throws IOException {
        if (asset.isEmpty()) {
            notFound();
            return;
        }
        if (asset.get().contentType().startsWith("text/html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        send(200, asset.get().contentType(), asset.get().bytes());
    }

    /** 302 to a location relative to the request's path. */
    void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(302, TEXT, new byte[0]);
    }

    void notFound() throws IOException {
        send(404, TEXT, ("nothing at " + exchange.getRequestURI().getRawPath() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The request body, or empty when it is longer than {@code limit} bytes (the rest is not read). */
    Optional<byte[]> body(int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        }
    }

    private void send(int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        // answers change as traces complete, and the page is small: never serve a stale copy
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        exchange.close();
    }
}
