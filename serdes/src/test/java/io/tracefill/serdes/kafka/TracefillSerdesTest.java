package io.tracefill.serdes.kafka;

import io.tracefill.serdes.binary.FlowBinaryCodec;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.DecodeLimits;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TracefillSerdesTest {
    private static final String TOPIC = "t";
    private final FlowRowDecoder json = new FlowRowDecoder();

    @Test
    void deepFlowRowsReadEveryFormAndWriteRowsTheyReadBack() throws DecodeException {
        Serde<Flow> serde = TracefillSerdes.deepFlowRows();
        for (String name : Rows.ALL) {
            byte[] row = Rows.raw(name);
            Flow f = serde.deserializer().deserialize(TOPIC, row);
            assertThat(f).as(name).isEqualTo(json.decode(row));
            assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, f))).isEqualTo(f);
        }
        assertThat(serde.deserializer().deserialize(TOPIC, Rows.compact(Rows.EXPORTER_NAMES)))
                .as("both renderings of §5.A decode alike")
                .isEqualTo(serde.deserializer().deserialize(TOPIC, Rows.compact(Rows.EXPORTER_CODES)));
    }

    @Test
    void aDecodeErrorBecomesARecordDecodeExceptionWithFieldAndReason() {
        byte[] bad = Rows.edit(Rows.EXPORTER_NAMES, r -> r.put("trace_id", 12));
        RecordDecodeException e = catchThrowableOfType(RecordDecodeException.class,
                () -> TracefillSerdes.deepFlowRows().deserializer().deserialize(TOPIC, bad));
        assertThat(e).isInstanceOf(SerializationException.class);
        assertThat(e.field()).isEqualTo("trace_id");
        assertThat(e.reason()).isEqualTo("expected a string, got number");
        assertThat(e).hasMessage("trace_id: expected a string, got number").hasCauseInstanceOf(DecodeException.class);
    }

    @Test
    void limitsCanBeTightened() {
        Serde<Flow> small = TracefillSerdes.deepFlowRows(new DecodeLimits(1000, 100, 8));
        assertThatThrownBy(() -> small.deserializer().deserialize(TOPIC, Rows.compact(Rows.EXPORTER_NAMES)))
                .isInstanceOf(RecordDecodeException.class).hasMessageContaining("at most 1000");
    }

    @Test
    void inputTopicsRejectNullsAndInternalOnesKeepThem() {
        assertThatThrownBy(() -> TracefillSerdes.deepFlowRows().deserializer().deserialize(TOPIC, null))
                .isInstanceOf(RecordDecodeException.class).hasMessageStartingWith("null value (a tombstone");
        assertThatThrownBy(() -> TracefillSerdes.reading(json::decode).deserializer().deserialize(TOPIC, null))
                .isInstanceOf(RecordDecodeException.class);
        assertThat(TracefillSerdes.flow().deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(TracefillSerdes.flowList().deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(TracefillSerdes.flow().serializer().serialize(TOPIC, null)).isNull();
        assertThat(TracefillSerdes.flowList().serializer().serialize(TOPIC, null)).isNull();
        assertThat(TracefillSerdes.deepFlowRows().serializer().serialize(TOPIC, null)).isNull();
    }

    @Test
    void binarySerdesRoundTripFlowsAndLists() {
        Flow f = TracefillSerdes.deepFlowRows().deserializer().deserialize(TOPIC, Rows.raw(Rows.QUERIER_S_P));
        Serde<Flow> one = TracefillSerdes.flow();
        Serde<List<Flow>> many = TracefillSerdes.flowList();
        assertThat(one.serializer().serialize(TOPIC, f)).isEqualTo(new FlowBinaryCodec().encode(f));
        assertThat(one.deserializer().deserialize(TOPIC, one.serializer().serialize(TOPIC, f))).isEqualTo(f);
        assertThat(many.deserializer().deserialize(TOPIC, many.serializer().serialize(TOPIC, List.of(f, f))))
                .containsExactly(f, f);
        assertThatThrownBy(() -> one.deserializer().deserialize(TOPIC, new byte[]{2}))
                .isInstanceOf(RecordDecodeException.class)
                .hasMessage("formatVersion: format version 2 is not known (this build reads 1)");
    }

    @Test
    void theHeadersAndByteBufferVariantsBehaveTheSame() {
        var d = TracefillSerdes.deepFlowRows().deserializer();
        byte[] row = Rows.compact(Rows.EXPORTER_CODES);
        Flow expected = d.deserialize(TOPIC, row);
        assertThat(d.deserialize(TOPIC, new RecordHeaders(), row)).isEqualTo(expected);
        assertThat(d.deserialize(TOPIC, new RecordHeaders(), ByteBuffer.wrap(row))).isEqualTo(expected);
        assertThatThrownBy(() -> d.deserialize(TOPIC, new RecordHeaders(), ByteBuffer.wrap(new byte[]{'x'})))
                .isInstanceOf(RecordDecodeException.class);
        assertThatThrownBy(() -> d.deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null))
                .isInstanceOf(RecordDecodeException.class);
    }

    @Test
    void anyDecoderPlugsInAsAMethodReference() {
        Serde<Flow> in = TracefillSerdes.reading(json::decode);
        assertThat(in.deserializer().deserialize(TOPIC, Rows.raw(Rows.QUERIER_S_APP)).tapSide()).isEqualTo("s-app");
        assertThatThrownBy(() -> in.serializer().serialize("otlp_spans", Flow.builder().build()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("a reading serde only reads; it cannot write to topic otlp_spans");

        Serde<Flow> out = TracefillSerdes.writing(new FlowBinaryCodec()::encode);
        assertThat(out.serializer().serialize(TOPIC, Flow.builder().build())).hasSize(46);
        assertThatThrownBy(() -> out.deserializer().deserialize("traces", new byte[1]))
                .isInstanceOf(RecordDecodeException.class)
                .hasMessage("a writing serde only writes; it cannot read topic traces");
    }

    @Test
    void aDecoderBugIsStillARecordDecodeException() {
        RecordDecoder<Flow> buggy = data -> {
            throw new ArrayIndexOutOfBoundsException(data.length);
        };
        RecordDecodeException e = catchThrowableOfType(RecordDecodeException.class,
                () -> TracefillSerdes.reading(buggy).deserializer().deserialize(TOPIC, new byte[3]));
        assertThat(e.field()).isNull();
        assertThat(e.reason()).startsWith("decoder failed (please report): java.lang.ArrayIndexOutOfBoundsException");
    }

    @Test
    void anEncoderFailureIsASerializationException() {
        RecordEncoder<Flow> failing = f -> {
            throw new IllegalArgumentException("no");
        };
        assertThatThrownBy(() -> TracefillSerdes.writing(failing).serializer().serialize("out", Flow.builder().build()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("cannot encode a Flow for topic out: no");
    }
}
