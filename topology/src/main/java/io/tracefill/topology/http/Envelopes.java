package io.tracefill.topology.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Envelopes this package answers with that serdes' {@code ErrorResponse} has no status for. The
 * shape is the same ({@code OPT_STATUS}, {@code DESCRIPTION}, an empty {@code DATA}), so the page
 * and other clients read every failure one way.
 */
final class Envelopes {
    private static final JsonFactory JSON = new JsonFactory();

    private Envelopes() {
    }

    /** {@code RESOURCE_NOT_FOUND}: DeepFlow's status for a thing that does not exist. */
    static byte[] notFound(String description) {
        return envelope("RESOURCE_NOT_FOUND", description);
    }

    /**
     * {@code SERVICE_UNAVAILABLE} (HTTP 503): the state needed is not readable right now (a
     * rebalance, an unreachable instance, too many calls at once); the description says to retry.
     */
    static byte[] unavailable(String description) {
        return envelope("SERVICE_UNAVAILABLE", description);
    }

    private static byte[] envelope(String status, String description) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("OPT_STATUS", status);
            g.writeStringField("DESCRIPTION", description);
            g.writeObjectFieldStart("DATA");
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }
}
