package io.tracefill.serdes.kafka;

import io.tracefill.serdes.json.DecodeException;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Objects;

/**
 * A Kafka {@link Deserializer} over any {@link RecordDecoder}: a {@link DecodeException} becomes
 * a {@link RecordDecodeException} with the same field and reason, and so does anything else the
 * decoder throws (a bug, reported as such), so Kafka Streams always reaches its deserialization
 * exception handler and never dies on a record. Nulls follow the {@link Tombstones} policy.
 *
 * <p>Stateless and thread-safe when the decoder is.
 *
 * @param <T> what a record decodes to
 */
public final class DecodingDeserializer<T> implements Deserializer<T> {
    private final RecordDecoder<? extends T> decoder;
    private final Tombstones tombstones;

    public DecodingDeserializer(RecordDecoder<? extends T> decoder, Tombstones tombstones) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.tombstones = Objects.requireNonNull(tombstones, "tombstones");
    }

    /**
     * @return the decoded value, or null for a null {@code data} under {@link Tombstones#PASS_AS_NULL}
     * @throws RecordDecodeException for bytes that do not decode, and for null under {@link Tombstones#REJECT}
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            if (tombstones == Tombstones.PASS_AS_NULL) {
                return null;
            }
            throw new RecordDecodeException(null, "null value (a tombstone or a record without a value), which "
                    + "this topic's producers never write", null);
        }
        try {
            return decoder.decode(data);
        } catch (DecodeException e) {
            throw RecordDecodeException.of(e);
        } catch (RuntimeException e) {
            throw new RecordDecodeException(null, "decoder failed (please report): " + e, e);
        }
    }
}
