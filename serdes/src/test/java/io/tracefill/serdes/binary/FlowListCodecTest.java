package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class FlowListCodecTest {
    private final FlowListCodec codec = new FlowListCodec();
    private final FlowBinaryCodec single = new FlowBinaryCodec();

    @Test
    void listsOfRandomFlowsRoundTripInOrder() throws DecodeException {
        RandomFlows flows = new RandomFlows(21);
        SplittableRandom rnd = new SplittableRandom(22);
        for (int i = 0; i < 300; i++) {
            List<Flow> list = new ArrayList<>();
            int n = i < 3 ? i : rnd.nextInt(40);
            for (int j = 0; j < n; j++) {
                list.add(flows.next());
            }
            byte[] bytes = codec.encode(list);
            List<Flow> back = codec.decode(bytes);
            assertThat(back).containsExactlyElementsOf(list);
            assertThat(codec.encode(back)).isEqualTo(bytes);
        }
    }

    @Test
    void listsOfFlowsEncodedOneByOneGiveTheSameBytesAsTheFlows() {
        RandomFlows flows = new RandomFlows(23);
        for (int n = 0; n < 30; n++) {
            List<Flow> list = new ArrayList<>();
            List<byte[]> encoded = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                Flow f = flows.next();
                list.add(f);
                encoded.add(single.encode(f));
            }
            assertThat(codec.encodeEncoded(encoded)).isEqualTo(codec.encode(list));
        }
    }

    @Test
    void theHeadOfAnEncodedFlowIsItsTimesIdAndSignalSource() throws DecodeException {
        RandomFlows flows = new RandomFlows(24);
        for (int i = 0; i < 200; i++) {
            Flow f = flows.next();
            byte[] framed = new byte[3];
            byte[] one = single.encode(f);
            byte[] padded = new byte[one.length + framed.length + 2];
            System.arraycopy(one, 0, padded, framed.length, one.length);
            FlowHead head = single.head(padded, framed.length, one.length);
            assertThat(head).isEqualTo(new FlowHead(f.startTimeUs(), f.endTimeUs(), f.id(), f.signalSource()));
        }
        assertThatThrownBy(() -> single.head(new byte[] {9}, 0, 1)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> single.head(new byte[] {1, 0}, 0, 2)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> single.head(new byte[2], 1, 5)).isInstanceOf(DecodeException.class);
    }

    @Test
    void theLayoutIsVersionCountThenLengthPrefixedFlows() throws DecodeException {
        Flow a = GoldenFlows.serverProcess();
        Flow b = Flow.builder().build();
        byte[] bytes = codec.encode(List.of(a, b));
        byte[] ea = single.encode(a);
        byte[] eb = single.encode(b);
        String expected = "01" + "02" + "9403" + HexFormat.of().formatHex(ea) + "2e" + HexFormat.of().formatHex(eb);
        assertThat(ea).hasSize(404); // 404 = varint 94 03
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(codec.encode(List.of()))).isEqualTo("0100");
        assertThat(codec.decode(HexFormat.of().parseHex("0100"))).isEmpty();
    }

    @Test
    void refusesNullElements() {
        List<Flow> withNull = Arrays.asList(Flow.builder().build(), null);
        assertThatThrownBy(() -> codec.encode(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flows[1] is null");
    }

    @Test
    void namesTheFlowAndFieldOfAnError() {
        byte[] bytes = codec.encode(List.of(Flow.builder().build(), Flow.builder().build()));
        byte[] bad = bytes.clone();
        bad[2 + 47 + 1] = 9; // the second flow's version byte
        assertThatThrownBy(() -> codec.decode(bad))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.field()).isEqualTo("flows[1].formatVersion");
                    assertThat(e.reason()).isEqualTo("format version 9 is not known (this build reads 1) (flow at offset 50)");
                });
    }

    @Test
    void refusesTruncationsCountsAndSlotsThatDoNotFit() {
        byte[] bytes = codec.encode(List.of(GoldenFlows.serverProcess(), Flow.builder().build()));
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> codec.decode(HexFormat.of().parseHex("0105")))
                .hasMessage("count: count 5 cannot fit the 0 bytes that follow at offset 1");
        assertThatThrownBy(() -> codec.decode(HexFormat.of().parseHex("02")))
                .hasMessage("formatVersion: list format version 2 is not known (this build reads 1)");
        assertThatThrownBy(() -> codec.decode(null)).hasMessage("no input (null)");
        // a slot one byte longer than its flow
        byte[] one = single.encode(Flow.builder().build());
        byte[] slot = new byte[3 + one.length + 1];
        slot[0] = 1;
        slot[1] = 1;
        slot[2] = (byte) (one.length + 1);
        System.arraycopy(one, 0, slot, 3, one.length);
        assertThatThrownBy(() -> codec.decode(slot))
                .hasMessage("flows[0]: 1 byte(s) left over inside the flow's 47-byte slot (flow at offset 3)");
    }

    @Test
    void garbageIsRefusedAndWhatIsAcceptedIsCanonical() {
        SplittableRandom rnd = new SplittableRandom(23);
        RandomFlows flows = new RandomFlows(24);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            List<Flow> list = new ArrayList<>();
            for (int j = rnd.nextInt(4); j > 0; j--) {
                list.add(flows.next());
            }
            byte[] input = FlowBinaryCodecRejectsTest.mutate(codec.encode(list), rnd);
            try {
                List<Flow> back = codec.decode(input);
                assertThat(codec.encode(back)).isEqualTo(input);
            } catch (DecodeException e) {
                refused++;
                assertThat(e.getMessage()).doesNotContain("internal decoder error");
            } catch (RuntimeException e) {
                fail("unchecked exception for input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertThat(refused).isPositive();
    }
}
