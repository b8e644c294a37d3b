package io.tracefill.serdes.kafka;

import io.tracefill.serdes.binary.FlowBinaryCodec;
import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.binary.RandomFlows;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.json.FlowRowEncoder;
import io.tracefill.serdes.model.Flow;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: whatever the bytes, every deserializer of this package returns a value or throws a
 * {@link RecordDecodeException} (a {@link SerializationException}), never anything else, and
 * never its "please report" safety net. Fixed seeds; a failure prints the input in hex.
 */
class DeserializerFuzzTest {
    private static final byte[] JSONISH = "{}[]\":,.-+eE0123456789 \\/tfnrua_é\u00ff".getBytes(StandardCharsets.UTF_8);

    private final Map<String, Deserializer<?>> deserializers = new LinkedHashMap<>();
    private final List<byte[]> seeds = new ArrayList<>();
    private int accepted;
    private int refused;

    DeserializerFuzzTest() {
        deserializers.put("deepFlowRows", TracefillSerdes.deepFlowRows().deserializer());
        deserializers.put("flow", TracefillSerdes.flow().deserializer());
        deserializers.put("flowList", TracefillSerdes.flowList().deserializer());
        deserializers.put("reading(FlowRowDecoder)", TracefillSerdes.reading(new FlowRowDecoder()::decode).deserializer());

        for (String name : Rows.ALL) {
            seeds.add(Rows.compact(name));
            seeds.add(Rows.raw(name));
        }
        RandomFlows flows = new RandomFlows(31);
        FlowBinaryCodec binary = new FlowBinaryCodec();
        FlowRowEncoder rows = new FlowRowEncoder();
        Flow sample = TracefillSerdes.deepFlowRows().deserializer().deserialize("t", Rows.raw(Rows.QUERIER_S_P));
        seeds.add(binary.encode(sample));
        seeds.add(rows.encode(sample));
        for (int i = 0; i < 20; i++) {
            Flow f = flows.next();
            seeds.add(binary.encode(f));
            seeds.add(new FlowListCodec().encode(List.of(f, sample)));
        }
    }

    @Test
    void randomBytesOnlyEverGiveRecordDecodeException() {
        SplittableRandom rnd = new SplittableRandom(0xf022_0001L);
        for (int i = 0; i < 5_000; i++) {
            byte[] input = new byte[rnd.nextInt(400)];
            boolean jsonish = rnd.nextBoolean();
            for (int j = 0; j < input.length; j++) {
                input[j] = jsonish ? JSONISH[rnd.nextInt(JSONISH.length)] : (byte) rnd.nextInt(256);
            }
            if (input.length > 0) {
                input[0] = jsonish ? (byte) '{' : rnd.nextBoolean() ? 1 : input[0];
            }
            checkAll(input);
        }
        assertThat(refused).isPositive();
    }

    @Test
    void mutatedValidRecordsOnlyEverGiveRecordDecodeException() {
        SplittableRandom rnd = new SplittableRandom(0xf022_0002L);
        for (int i = 0; i < 10_000; i++) {
            checkAll(mutate(seeds.get(rnd.nextInt(seeds.size())), rnd));
        }
        assertThat(accepted).as("some mutations keep a record valid").isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void validRecordsAreAcceptedByTheirOwnDeserializer() {
        for (String name : Rows.ALL) {
            assertThat(TracefillSerdes.deepFlowRows().deserializer().deserialize("t", Rows.raw(name))).isNotNull();
        }
    }

    private void checkAll(byte[] input) {
        for (Map.Entry<String, Deserializer<?>> d : deserializers.entrySet()) {
            check(d.getKey(), () -> d.getValue().deserialize("topic", input), input);
            check(d.getKey() + " with headers", () -> d.getValue().deserialize("topic", new RecordHeaders(), input), input);
            check(d.getKey() + " from a buffer",
                    () -> d.getValue().deserialize("topic", new RecordHeaders(), ByteBuffer.wrap(input)), input);
        }
    }

    private void check(String which, Runnable call, byte[] input) {
        try {
            call.run();
            accepted++;
        } catch (RecordDecodeException e) {
            refused++;
            assertThat(e.reason()).as(which).doesNotContain("please report");
        } catch (RuntimeException e) {
            fail(which + " threw " + e + " for input " + HexFormat.of().formatHex(input), e);
        }
    }

    private static byte[] mutate(byte[] b, SplittableRandom rnd) {
        byte[] out = b.clone();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = rnd.nextInt(out.length);
            switch (rnd.nextInt(6)) {
                case 0 -> out[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> out[at] = (byte) rnd.nextInt(256);
                case 2 -> out = java.util.Arrays.copyOf(out, at);
                case 3 -> out[at] = JSONISH[rnd.nextInt(JSONISH.length)];
                case 4 -> {
                    byte[] longer = java.util.Arrays.copyOf(out, out.length + 1);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    longer[at] = (byte) rnd.nextInt(256);
                    out = longer;
                }
                default -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
            }
        }
        return out;
    }
}
