package io.tracefill.serdes.otlp;

import io.tracefill.serdes.json.DecodeException;

/**
 * A span of a record that did not become a row, and why; the other spans of the record did.
 *
 * @param span    where the span stands in the record, {@code resourceSpans[0].scopeSpans[1].spans[3]}
 * @param traceId its trace id in lowercase hex when it could be read, else ""
 * @param spanId  its span id in lowercase hex when it could be read, else ""
 * @param field   the field at fault, a full path such as
 *                {@code resourceSpans[0].scopeSpans[1].spans[3].traceId} (a resource field when
 *                the span's resource is at fault)
 * @param reason  what was wrong, without the field name
 */
public record SpanError(String span, String traceId, String spanId, String field, String reason) {
    /** {@code field: reason}, as {@link DecodeException} words it. */
    public String message() {
        return field + ": " + reason;
    }

    /** The same fault as an exception, for callers that take a record whole or not at all. */
    public DecodeException toException() {
        return new DecodeException(field, reason);
    }
}
