package io.tracefill.serdes.json;

/**
 * A record or request body that cannot be decoded. It says which field was wrong (when the
 * problem belongs to one) and what was wrong with it, in words a user can act on, e.g.
 * {@code trace_id: expected a string, got number}.
 *
 * <p>The decoders of this package throw nothing else, whatever the input.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * @param field  the field at fault as the input names it ({@code app_spans[2].span_kind}), or
     *               null when the problem is the whole document (malformed JSON, bad UTF-8)
     * @param reason what was wrong, without the field name
     */
    public DecodeException(String field, String reason) {
        super(field == null ? reason : field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public DecodeException(String field, String reason, Throwable cause) {
        super(field == null ? reason : field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** The field at fault, or null when the problem concerns the whole document. */
    public String field() {
        return field;
    }

    /** What was wrong, without the field name. */
    public String reason() {
        return reason;
    }
}
