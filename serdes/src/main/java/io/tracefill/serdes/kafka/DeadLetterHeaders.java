package io.tracefill.serdes.kafka;

/**
 * Names of the headers {@link DeadLetterHandler} adds to a dead letter, after the record's own
 * headers. Every value is UTF-8 text (numbers in decimal), so {@code kafka-console-consumer
 * --property print.headers=true} shows them as they are.
 */
public final class DeadLetterHeaders {
    /** What was wrong: the decoder's reason without the field name, or the exception's message. */
    public static final String REASON = "tracefill.dlq.reason";
    /** The field at fault as the decoder names it ({@code trace_id}, {@code client.ip}); absent when the whole record is at fault. */
    public static final String FIELD = "tracefill.dlq.field";
    /** Class name of the exception that carried the reason. */
    public static final String EXCEPTION = "tracefill.dlq.exception";
    /** Topic the record was read from. */
    public static final String TOPIC = "tracefill.dlq.topic";
    /** Its partition. */
    public static final String PARTITION = "tracefill.dlq.partition";
    /** Its offset. */
    public static final String OFFSET = "tracefill.dlq.offset";
    /** Its timestamp in ms as it was read (-1 if it had none); the dead letter carries the same timestamp. */
    public static final String TIMESTAMP = "tracefill.dlq.timestamp";

    private DeadLetterHeaders() {
    }
}
