package io.tracefill.serdes.otlp;

/**
 * One span (or one resource, for all of its spans) that cannot become a row, while the rest of
 * the record can. Internal and cheap: no stack trace; it becomes a {@link SpanError}.
 */
final class SpanFault extends Exception {
    private static final long serialVersionUID = 1L;

    /** The field at fault, relative to the span or resource ({@code attributes[3].value}), or "". */
    final String field;
    final String reason;

    SpanFault(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }
}
