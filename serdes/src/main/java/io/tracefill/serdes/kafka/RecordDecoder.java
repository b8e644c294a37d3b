package io.tracefill.serdes.kafka;

import io.tracefill.serdes.json.DecodeException;

/**
 * Bytes of one record in, a value out, or a typed error: the shape of every decoder in this
 * module ({@code FlowRowDecoder::decode}, {@code FlowBinaryCodec::decode}, the OTLP span
 * decoder), so any of them plugs into {@link DecodingDeserializer} as a method reference.
 *
 * @param <T> what a record decodes to
 */
@FunctionalInterface
public interface RecordDecoder<T> {
    /**
     * @param data the record's bytes, never null (the deserializer handles nulls)
     * @throws DecodeException when the bytes are not a valid record; should be the only exception
     */
    T decode(byte[] data) throws DecodeException;
}
