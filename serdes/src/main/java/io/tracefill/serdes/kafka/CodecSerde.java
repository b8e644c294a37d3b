package io.tracefill.serdes.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link Serde} made of an {@link EncodingSerializer} and a {@link DecodingDeserializer}.
 * Build one through {@link TracefillSerdes}.
 *
 * @param <T> the value type
 */
public final class CodecSerde<T> implements Serde<T> {
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    CodecSerde(Serializer<T> serializer, Deserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    /** A serializer for a serde that only reads (an input topic's): using it is a wiring mistake. */
    static <T> Serializer<T> refusingSerializer(String what) {
        return (topic, data) -> {
            throw new SerializationException(what + " only reads; it cannot write to topic " + topic);
        };
    }

    /** A deserializer for a serde that only writes (an output topic's). */
    static <T> Deserializer<T> refusingDeserializer(String what) {
        return (topic, data) -> {
            throw new RecordDecodeException(null, what + " only writes; it cannot read topic " + topic, null);
        };
    }
}
