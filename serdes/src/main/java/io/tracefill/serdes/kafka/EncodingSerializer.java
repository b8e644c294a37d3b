package io.tracefill.serdes.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Objects;

/**
 * A Kafka {@link Serializer} over any {@link RecordEncoder}. Null stays null (a tombstone). An
 * encoder's failure becomes a {@link SerializationException}, which Kafka Streams hands to its
 * production exception handler.
 *
 * <p>Stateless and thread-safe when the encoder is.
 *
 * @param <T> what is encoded
 */
public final class EncodingSerializer<T> implements Serializer<T> {
    private final RecordEncoder<? super T> encoder;

    public EncodingSerializer(RecordEncoder<? super T> encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return encoder.encode(data);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("cannot encode a " + data.getClass().getSimpleName() + " for topic "
                    + topic + ": " + e.getMessage(), e);
        }
    }
}
