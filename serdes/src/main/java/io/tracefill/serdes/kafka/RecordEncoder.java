package io.tracefill.serdes.kafka;

/**
 * A value in, the bytes of one record out: {@code FlowBinaryCodec::encode},
 * {@code FlowRowEncoder::encode}, the OTLP trace encoder.
 *
 * @param <T> what is encoded
 */
@FunctionalInterface
public interface RecordEncoder<T> {
    /**
     * @param value never null (the serializer handles nulls)
     * @throws RuntimeException when the value cannot be encoded (e.g. text that is not valid Unicode)
     */
    byte[] encode(T value);
}
