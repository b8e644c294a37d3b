package io.tracefill.serdes.kafka;

import io.tracefill.serdes.binary.FlowBinaryCodec;
import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.json.DecodeLimits;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.json.FlowRowEncoder;
import io.tracefill.serdes.model.Flow;
import org.apache.kafka.common.serialization.Serde;

import java.util.List;

/**
 * The Kafka {@link Serde}s of tracefill's record types. Input topics reject null values (they go
 * to the dead-letter topic); the stream's own topics and stores keep Kafka's null-is-null
 * convention. Every deserializer throws only {@link RecordDecodeException}.
 *
 * <p>A new decoder or encoder plugs in with one line, e.g.
 * {@code TracefillSerdes.reading(new OtlpSpanDecoder()::decode)} for the OTLP input topic, or
 * {@code TracefillSerdes.writing(new OtlpTraceEncoder()::encode)} for the output topic.
 */
public final class TracefillSerdes {
    private TracefillSerdes() {
    }

    /**
     * DeepFlow's exporter topic ({@code deepflow.flow_log.l7_flow_log}): reads one JSON row per
     * record in either DeepFlow form ({@link FlowRowDecoder}); writes the lossless querier-row JSON
     * ({@link FlowRowEncoder}), which it reads back to an equal flow (tests, replays, the demo).
     * A null value is rejected.
     */
    public static Serde<Flow> deepFlowRows() {
        return deepFlowRows(DecodeLimits.DEFAULTS);
    }

    /** {@link #deepFlowRows()} with other size limits. */
    public static Serde<Flow> deepFlowRows(DecodeLimits limits) {
        FlowRowDecoder decoder = new FlowRowDecoder(limits);
        return of(new FlowRowEncoder()::encode, decoder::decode, Tombstones.REJECT);
    }

    /** One flow in the compact binary form ({@link FlowBinaryCodec}): repartition topics and stores. */
    public static Serde<Flow> flow() {
        FlowBinaryCodec codec = new FlowBinaryCodec();
        return of(codec::encode, codec::decode, Tombstones.PASS_AS_NULL);
    }

    /** A list of flows in the compact binary form ({@link FlowListCodec}): stores of flows per key or trace. */
    public static Serde<List<Flow>> flowList() {
        FlowListCodec codec = new FlowListCodec();
        return of(codec::encode, codec::decode, Tombstones.PASS_AS_NULL);
    }

    /**
     * A serde for an input topic that only reads: bytes in, {@code T} out through {@code decoder},
     * nulls rejected. Its serializer throws, because writing to an input topic is a wiring mistake.
     */
    public static <T> Serde<T> reading(RecordDecoder<? extends T> decoder) {
        return new CodecSerde<>(CodecSerde.refusingSerializer("a reading serde"),
                new DecodingDeserializer<>(decoder, Tombstones.REJECT));
    }

    /** A serde for an output topic that only writes: {@code T} in, bytes out through {@code encoder}. */
    public static <T> Serde<T> writing(RecordEncoder<? super T> encoder) {
        return new CodecSerde<>(new EncodingSerializer<>(encoder), CodecSerde.refusingDeserializer("a writing serde"));
    }

    /** A serde from an encoder and a decoder of the same type, with the given null policy. */
    public static <T> Serde<T> of(RecordEncoder<? super T> encoder, RecordDecoder<? extends T> decoder,
                                  Tombstones tombstones) {
        return new CodecSerde<>(new EncodingSerializer<>(encoder), new DecodingDeserializer<>(decoder, tombstones));
    }
}
