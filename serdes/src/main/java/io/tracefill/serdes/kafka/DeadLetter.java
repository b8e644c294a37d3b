package io.tracefill.serdes.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.tracefill.serdes.json.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Why and where a record was sent to the dead-letter topic: what {@link DeadLetterHandler} writes
 * into the headers and hands to its {@link DeadLetterListener}.
 *
 * @param sourceTopic     topic the record was read from
 * @param partition       its partition
 * @param offset          its offset
 * @param timestamp       its timestamp (ms, as the broker stored it; -1 if it had none)
 * @param field           the field at fault, or null when the problem concerns the whole record
 * @param reason          what was wrong (the decoder's reason, or the exception's message), at most
 *                        {@link #MAX_REASON_CHARS} characters
 * @param exceptionClass  class name of the exception that carried the reason
 */
public record DeadLetter(String sourceTopic, int partition, long offset, long timestamp, String field, String reason,
                         String exceptionClass) {
    /** Longest reason kept: a header, not a copy of a huge input. */
    public static final int MAX_REASON_CHARS = 1024;
    /** How deep the cause chain is searched for a typed decode error. */
    private static final int MAX_CAUSE_DEPTH = 8;

    /**
     * What {@code exception} says about {@code record}: the field and reason of the first
     * {@link RecordDecodeException} or {@link DecodeException} in its cause chain, else the
     * exception's own message (or its class name when it has none) without a field.
     */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String field = null;
        String reason = null;
        Throwable carrier = exception;
        Throwable t = exception;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof RecordDecodeException r) {
                field = r.field();
                reason = r.reason();
                carrier = t;
                break;
            }
            if (t instanceof DecodeException d) {
                field = d.field();
                reason = d.reason();
                carrier = t;
                break;
            }
        }
        if (reason == null) {
            reason = exception == null ? "unknown (no exception given)"
                    : exception.getMessage() != null ? exception.getMessage() : exception.getClass().getName();
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.timestamp(),
                field == null ? null : truncate(field), truncate(reason),
                carrier == null ? "" : carrier.getClass().getName());
    }

    /** A dead letter for a record a processor refused (not a deserializer): reason and field truncated. */
    public static DeadLetter refused(String sourceTopic, int partition, long offset, long timestamp, String field,
                                     String reason, String exceptionClass) {
        return new DeadLetter(sourceTopic, partition, offset, timestamp, field == null ? null : truncate(field),
                truncate(reason), exceptionClass);
    }

    /** The record's own headers, then ours ({@link DeadLetterHeaders}), every value UTF-8 text. */
    public RecordHeaders headers(Iterable<Header> originals) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : originals) {
            headers.add(h);
        }
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        if (field != null) {
            headers.add(DeadLetterHeaders.FIELD, utf8(field));
        }
        headers.add(DeadLetterHeaders.EXCEPTION, utf8(exceptionClass));
        headers.add(DeadLetterHeaders.TOPIC, utf8(sourceTopic));
        headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(partition)));
        headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(offset)));
        headers.add(DeadLetterHeaders.TIMESTAMP, utf8(Long.toString(timestamp)));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** At most {@link #MAX_REASON_CHARS} characters, never cutting a surrogate pair, marked with an ellipsis. */
    static String truncate(String s) {
        if (s.length() <= MAX_REASON_CHARS) {
            return s;
        }
        int end = MAX_REASON_CHARS - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
