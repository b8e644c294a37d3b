package io.tracefill.topology.query;

import io.tracefill.topology.stream.index.CorrelationIndex;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks another instance for state it owns ({@link PeerProtocol}). Every failure that a retry
 * may cure — the instance is down, slow, or no longer owns the partition — is a
 * {@link StateUnavailableException}; the caller never gets part of an answer.
 */
public final class PeerClient {
    private final HttpClient http;

    public PeerClient(Duration connectTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public List<CorrelationIndex.Lookup> lookups(HostInfo host, PeerProtocol.LookupBatch batch, Deadline deadline) {
        HttpRequest request = HttpRequest.newBuilder(uri(host, PeerProtocol.LOOKUPS_PATH))
                .timeout(deadline.remaining())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PeerProtocol.encode(batch)))
                .build();
        HttpResponse<byte[]> r = send(host, request);
        if (r.statusCode() != 200) {
            throw failed(host, r);
        }
        try {
            List<CorrelationIndex.Lookup> lookups = PeerProtocol.decodeLookups(r.body());
            if (lookups.size() != batch.keys().size()) {
                throw new IllegalStateException("instance " + host + " answered " + lookups.size() + " lookups for "
                        + batch.keys().size() + " keys");
            }
            return lookups;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from instance " + host + ": " + e.getMessage(), e);
        }
    }

    public Optional<byte[]> emitted(HostInfo host, int partition, String traceId, Deadline deadline) {
        HttpRequest request = HttpRequest.newBuilder(uri(host, PeerProtocol.EMITTED_PATH + partition + "/"
                        + URLEncoder.encode(traceId, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(deadline.remaining())
                .GET()
                .build();
        HttpResponse<byte[]> r = send(host, request);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw failed(host, r);
        }
        return Optional.of(r.body());
    }

    private HttpResponse<byte[]> send(HostInfo host, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new StateUnavailableException("instance " + host + ", which owns the data, did not answer ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); retry in a few seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted while asking instance " + host + "; retry", e);
        }
    }

    private static RuntimeException failed(HostInfo host, HttpResponse<byte[]> r) {
        String said = new String(r.body(), StandardCharsets.UTF_8).strip();
        if (said.length() > 300) {
            said = said.substring(0, 300) + "...";
        }
        if (r.statusCode() == 503) {
            return new StateUnavailableException("instance " + host + ": " + said);
        }
        return new IllegalStateException("instance " + host + " answered HTTP " + r.statusCode() + ": " + said);
    }

    private static URI uri(HostInfo host, String path) {
        String h = host.host().contains(":") && !host.host().startsWith("[") ? "[" + host.host() + "]" : host.host();
        return URI.create("http://" + h + ":" + host.port() + path);
    }
}
