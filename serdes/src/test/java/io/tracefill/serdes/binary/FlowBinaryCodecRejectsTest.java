package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Corrupt, truncated and foreign buffers end in a {@link DecodeException} that says why. */
class FlowBinaryCodecRejectsTest {
    /** Offsets in the all-defaults encoding: version, presence, start, end, id, signalSource, tapSide. */
    private static final int PRESENCE = 1;
    private static final int ID = 4;
    private static final int SIGNAL_SOURCE = 5;

    private final FlowBinaryCodec codec = new FlowBinaryCodec();

    @Test
    void everyTruncationOfAValidFlowIsRefused() {
        byte[] golden = codec.encode(GoldenFlows.serverProcess());
        for (int len = 0; len < golden.length; len++) {
            byte[] cut = Arrays.copyOf(golden, len);
            assertThatThrownBy(() -> codec.decode(cut)).as("first %d bytes", len).isInstanceOf(DecodeException.class);
        }
        RandomFlows flows = new RandomFlows(11);
        for (int i = 0; i < 50; i++) {
            byte[] b = codec.encode(flows.next());
            for (int len = 0; len < b.length; len += 1 + len / 20) {
                byte[] cut = Arrays.copyOf(b, len);
                assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(DecodeException.class);
            }
        }
    }

    @Test
    void anEmptyBufferIsTruncatedAtTheVersion() {
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOf(DecodeException.class)
                .hasMessage("formatVersion: truncated: needs 1 more byte(s) at offset 0 of a 0-byte record");
    }

    @Test
    void aByteLeftOverIsRefused() {
        byte[] b = Arrays.copyOf(defaults(), FlowListCodec.MIN_FLOW_BYTES + 1);
        assertThatThrownBy(() -> codec.decode(b)).hasMessage("1 byte(s) left over after the flow at offset 46");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0x7f, 0xff})
    void anUnknownVersionIsRefused(int version) {
        byte[] b = defaults();
        b[0] = (byte) version;
        assertThatThrownBy(() -> codec.decode(b))
                .isInstanceOf(DecodeException.class)
                .hasMessage("formatVersion: format version " + version + " is not known (this build reads 1)");
    }

    @Test
    void aNonMinimalVarintIsRefused() {
        byte[] b = splice(defaults(), SIGNAL_SOURCE, 1, 0x80, 0x00);
        assertThatThrownBy(() -> codec.decode(b))
                .hasMessage("signalSource: varint with a redundant zero byte (not the encoder's output) at offset 5");
    }

    @Test
    void aVarintBeyond64BitsIsRefused() {
        byte[] b = splice(defaults(), 2, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02);
        assertThatThrownBy(() -> codec.decode(b)).hasMessage("startTimeUs: varint longer than 64 bits at offset 2");
    }

    @Test
    void anIntFieldBeyond32BitsIsRefused() {
        byte[] b = splice(defaults(), SIGNAL_SOURCE, 1, 0x80, 0x80, 0x80, 0x80, 0x10); // 2^32
        assertThatThrownBy(() -> codec.decode(b)).hasMessage("signalSource: value 4294967296 does not fit 32 bits at offset 5");
    }

    @Test
    void aStringLongerThanTheBufferIsRefusedBeforeAllocating() {
        byte[] b = splice(defaults(), ID, 1, 0xff, 0xff, 0xff, 0xff, 0x07); // 2 GiB
        assertThatThrownBy(() -> codec.decode(b))
                .hasMessage("id: count 2147483647 cannot fit the 41 bytes that follow at offset 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c080", "e08080", "80", "f4908080", "e282", "ff", "c3", "f08f8080"})
    void invalidUtf8IsRefused(String hex) {
        byte[] text = HexFormat.of().parseHex(hex);
        int[] replacement = new int[text.length + 1];
        replacement[0] = text.length;
        for (int i = 0; i < text.length; i++) {
            replacement[i + 1] = text[i] & 0xff;
        }
        byte[] b = splice(defaults(), ID, 1, replacement);
        assertThatThrownBy(() -> codec.decode(b))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("id: not strict UTF-8 at offset 5");
    }

    @Test
    void aSurrogatePairInCesu8FormIsRefusedAtItsLowHalf() {
        // U+10000 as two 3-byte surrogates: the writer writes it as F0 90 80 80
        byte[] b = splice(defaults(), ID, 1, 8, 'a', 0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80, 'z');
        assertThatThrownBy(() -> codec.decode(b)).hasMessage("id: not strict UTF-8 at offset 9");
    }

    @Test
    void nulAndTheLargestCodePointAreValidText() throws DecodeException {
        Flow f = Flow.builder().id("\u0000\udbff\udfff").build();
        assertThat(codec.decode(codec.encode(f))).isEqualTo(f);
    }

    @Test
    void aPresentSideThatIsEmptyIsRefused() {
        byte[] b = defaults();
        b[PRESENCE] = (byte) FlowFormat.HAS_CLIENT;
        // after bizResponseCode (offset 40 of 46): twelve zero bytes of an empty client side
        byte[] withSide = splice(b, 40, 0, new int[12]);
        assertThatThrownBy(() -> codec.decode(withSide))
                .hasMessage("client: an empty side written out, which the encoder never does at offset 52");
    }

    @Test
    void attributesMustBeNonEmptySortedAndUnique() {
        assertThatThrownBy(() -> codec.decode(withAttributes(0)))
                .hasMessageStartingWith("attributes: an empty map written out");
        assertThatThrownBy(() -> codec.decode(withAttributes(2, 'b', 'a')))
                .hasMessageStartingWith("attributes: keys out of order or repeated (\"b\" then \"a\")");
        assertThatThrownBy(() -> codec.decode(withAttributes(2, 'a', 'a')))
                .hasMessageStartingWith("attributes: keys out of order or repeated (\"a\" then \"a\")");
        assertThatThrownBy(() -> codec.decode(withAttributes(1_000_000)))
                .hasMessageStartingWith("attributes: count 1000000 cannot fit");
    }

    @Test
    void nullAndOutOfRangeSlicesAreRefused() {
        assertThatThrownBy(() -> codec.decode(null)).hasMessage("no input (null)");
        assertThatThrownBy(() -> codec.decode(null, 0, 0)).hasMessage("no input (null)");
        assertThatThrownBy(() -> codec.decode(new byte[4], 2, 3))
                .hasMessage("offset 2 and length 3 lie outside the 4-byte input");
        assertThatThrownBy(() -> codec.decode(new byte[4], -1, 1)).isInstanceOf(DecodeException.class);
    }

    /**
     * Property: random bytes and bit-flipped, spliced, cut valid encodings are refused with a
     * DecodeException, or, when accepted, are exactly the encoding of what they decode to.
     */
    @Test
    void garbageIsRefusedAndWhatIsAcceptedIsCanonical() {
        SplittableRandom rnd = new SplittableRandom(0xb1_4a_12L);
        RandomFlows flows = new RandomFlows(12);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 4 == 0) {
                input = new byte[rnd.nextInt(200)];
                for (int j = 0; j < input.length; j++) {
                    input[j] = (byte) rnd.nextInt(256);
                }
                if (input.length > 0 && rnd.nextBoolean()) {
                    input[0] = 1;
                }
            } else {
                input = mutate(codec.encode(flows.next()), rnd);
            }
            try {
                Flow f = codec.decode(input);
                accepted++;
                assertThat(codec.encode(f)).as("accepted input %s", HexFormat.of().formatHex(input)).isEqualTo(input);
            } catch (DecodeException e) {
                refused++;
                assertThat(e.getMessage()).doesNotContain("internal decoder error");
            } catch (RuntimeException e) {
                fail("unchecked exception for input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertThat(refused).isPositive();
        assertThat(accepted).as("some mutations keep a valid encoding").isPositive();
    }

    static byte[] mutate(byte[] b, SplittableRandom rnd) {
        byte[] out = b.clone();
        int mutations = 1 + rnd.nextInt(3);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = rnd.nextInt(out.length);
            switch (rnd.nextInt(5)) {
                case 0 -> out[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> out[at] = (byte) rnd.nextInt(256);
                case 2 -> out = Arrays.copyOf(out, at);
                case 3 -> {
                    byte[] longer = Arrays.copyOf(out, out.length + 1);
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

    private byte[] defaults() {
        return codec.encode(Flow.builder().build());
    }

    /** The all-defaults flow with an attribute map of {@code count} then one-letter keys with empty values. */
    private byte[] withAttributes(int count, char... keys) {
        byte[] b = defaults();
        b[PRESENCE] = (byte) FlowFormat.HAS_ATTRIBUTES;
        ByteSink tail = new ByteSink(16);
        tail.writeUnsigned(count);
        for (char k : keys) {
            tail.writeString(String.valueOf(k), "k");
            tail.writeString("", "v");
        }
        byte[] out = Arrays.copyOf(b, b.length + tail.size());
        System.arraycopy(tail.toByteArray(), 0, out, b.length, tail.size());
        return out;
    }

    /** {@code b} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int at, int remove, int... insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        for (int i = 0; i < insert.length; i++) {
            out[at + i] = (byte) insert[i];
        }
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
