package io.tracefill.topology.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tracefill.topology.query.ClusterState;
import io.tracefill.topology.query.PeerProtocol;
import io.tracefill.topology.query.StateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The endpoints other instances call for state this one owns ({@link PeerProtocol}). Answers
 * only from partitions whose active task runs here, and never asks further: 503 (plain text,
 * the reason) when the partition is not readable here now, 400 for bytes that are not a request.
 */
final class PeerHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PeerHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String BINARY = "application/octet-stream";

    private final ClusterState state;
    private final int maxRequestBytes;

    PeerHandler(ClusterState state, int maxRequestBytes) {
        this.state = state;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (Responder out = new Responder(exchange)) {
            String path = exchange.getRequestURI().getRawPath();
            try {
                if (path.equals(PeerProtocol.LOOKUPS_PATH)) {
                    if (out.allow("POST")) {
                        lookups(out);
                    }
                } else if (path.startsWith(PeerProtocol.EMITTED_PATH)) {
                    if (out.allow("GET")) {
                        emitted(path.substring(PeerProtocol.EMITTED_PATH.length()), out);
                    }
                } else {
                    out.notFound();
                }
            } catch (StateUnavailableException e) {
                out.text(503, TEXT, e.getMessage().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warn("answering a peer at {} failed", path, e);
                out.text(500, TEXT, e.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void lookups(Responder out) throws IOException {
        // an engine query names at most a few thousand keys; a batch is far below the body bound
        Optional<byte[]> body = out.body(Math.max(maxRequestBytes, 16 << 20));
        PeerProtocol.LookupBatch batch;
        try {
            batch = PeerProtocol.decodeBatch(body.orElseThrow(() -> new IOException("lookup batch too large")));
        } catch (IOException e) {
            out.text(400, TEXT, ("not a lookup batch: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        out.text(200, BINARY, PeerProtocol.encode(state.serveLookups(batch)));
    }

    private void emitted(String rest, Responder out) throws IOException {
        int slash = rest.indexOf('/');
        int partition;
        String traceId;
        try {
            partition = Integer.parseInt(rest.substring(0, slash));
            traceId = URLDecoder.decode(rest.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            out.text(400, TEXT, ("expected " + PeerProtocol.EMITTED_PATH + "{partition}/{trace id}\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<byte[]> json = state.serveEmitted(partition, traceId);
        if (json.isPresent()) {
            out.json(200, json.get());
        } else {
            out.notFound();
        }
    }
}
