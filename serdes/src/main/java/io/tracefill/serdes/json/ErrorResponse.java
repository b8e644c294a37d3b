package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The envelope of a failed request: {@code {"OPT_STATUS":"INVALID_POST_DATA","DESCRIPTION":"…","DATA":{}}}.
 * DeepFlow leaves {@code DATA} out of its error envelopes; an empty object is written here so a
 * client can read {@code DATA} the same way whatever the status (additive).
 */
public final class ErrorResponse {
    private static final JsonFactory JSON = new JsonFactory();

    private ErrorResponse() {
    }

    /** The envelope as UTF-8 bytes; the HTTP status is {@link ErrorStatus#httpStatus()}. */
    public static byte[] encode(ErrorStatus status, String description) {
        return encodeToString(status, description).getBytes(StandardCharsets.UTF_8);
    }

    public static String encodeToString(ErrorStatus status, String description) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("OPT_STATUS", status.name());
            g.writeStringField("DESCRIPTION", description == null ? "" : description);
            g.writeObjectFieldStart("DATA");
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    /** {@code INVALID_POST_DATA} for a body the request decoder refused. */
    public static byte[] invalidPostData(DecodeException e) {
        return encode(ErrorStatus.INVALID_POST_DATA, e.getMessage());
    }
}
