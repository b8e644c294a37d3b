package io.tracefill.topology.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health}: 200 while the stream is RUNNING, else 503, with {@code {"state":"…"}} —
 * a readiness check (a rebalancing or restoring instance answers queries with 503 anyway).
 * {@code GET /metrics}: the Prometheus text exposition of {@link PrometheusText}.
 */
final class StatusHandler implements HttpHandler {
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";

    private final StreamStatus status;

    StatusHandler(StreamStatus status) {
        this.status = status;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (Responder out = new Responder(exchange)) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(HEALTH)) {
                if (out.allow("GET", "HEAD")) {
                    KafkaStreams.State state = status.state();
                    out.json(state == KafkaStreams.State.RUNNING ? 200 : 503,
                            ("{\"state\":\"" + state.name() + "\"}").getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.equals(METRICS)) {
                if (out.allow("GET", "HEAD")) {
                    out.text(200, PrometheusText.CONTENT_TYPE, PrometheusText.render(status.metrics(), status.state())
                            .getBytes(StandardCharsets.UTF_8));
                }
            } else {
                out.notFound();
            }
        }
    }
}
