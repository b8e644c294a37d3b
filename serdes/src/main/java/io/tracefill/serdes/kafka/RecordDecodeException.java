package io.tracefill.serdes.kafka;

import io.tracefill.serdes.json.DecodeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value (or key) that could not be decoded, as Kafka sees it: a
 * {@link SerializationException}, so Kafka Streams hands it to the deserialization exception
 * handler, carrying the decoder's {@link #field()} and {@link #reason()} so that
 * {@link DeadLetterHandler} can write them into the dead letter's headers.
 *
 * <p>The deserializers of this package throw nothing else, whatever the bytes.
 */
public final class RecordDecodeException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * @param field  the field at fault as the decoder names it, or null when the problem is the
     *               whole record (bad JSON, a null value, an unknown format version)
     * @param reason what was wrong, without the field name
     */
    public RecordDecodeException(String field, String reason, Throwable cause) {
        super(field == null ? reason : field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** The same failure, in Kafka's type. */
    public static RecordDecodeException of(DecodeException e) {
        return new RecordDecodeException(e.field(), e.reason(), e);
    }

    /** The field at fault, or null when the problem concerns the whole record. */
    public String field() {
        return field;
    }

    /** What was wrong, without the field name. */
    public String reason() {
        return reason;
    }
}
