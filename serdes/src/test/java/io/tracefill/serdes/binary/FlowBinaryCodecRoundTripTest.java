package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class FlowBinaryCodecRoundTripTest {
    private final FlowBinaryCodec codec = new FlowBinaryCodec();

    @Test
    void randomFlowsWithEdgeValuesRoundTripExactly() throws DecodeException {
        for (long seed : new long[]{1, 2, 3}) {
            RandomFlows flows = new RandomFlows(seed);
            for (int i = 0; i < 2_000; i++) {
                Flow f = flows.next();
                byte[] bytes = codec.encode(f);
                Flow back = codec.decode(bytes);
                assertThat(back).as("seed %d, flow %d", seed, i).isEqualTo(f);
                assertThat(codec.encode(back)).as("re-encoding is byte-identical").isEqualTo(bytes);
            }
        }
    }

    @Test
    void decodesFromASliceOfALargerArray() throws DecodeException {
        Flow f = new RandomFlows(7).next();
        byte[] bytes = codec.encode(f);
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        assertThat(codec.decode(padded, 3, bytes.length)).isEqualTo(f);
    }

    @Test
    void sampleRowsDecodedFromJsonRoundTrip() throws Exception {
        FlowRowDecoder json = new FlowRowDecoder();
        for (String name : new String[]{"exporter-5a-names.json", "exporter-5a-codes.json", "querier-s-p.json",
                "querier-s-app.json"}) {
            Flow f = json.decode(resource("/rows/" + name));
            assertThat(codec.decode(codec.encode(f))).as(name).isEqualTo(f);
        }
    }

    @Test
    void equalFlowsGiveEqualBytesWhateverTheAttributeMapOrder() throws DecodeException {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("k" + (char) ('a' + (i * 7) % 26) + i);
        }
        keys.forEach(k -> forward.put(k, "v-" + k));
        for (int i = keys.size() - 1; i >= 0; i--) {
            backward.put(keys.get(i), "v-" + keys.get(i));
        }
        Flow a = Flow.builder().id("1").attributes(forward).build();
        Flow b = Flow.builder().id("1").attributes(backward).build();

        assertThat(a).isEqualTo(b);
        assertThat(codec.encode(a)).isEqualTo(codec.encode(b));
        assertThat(codec.decode(codec.encode(b)).attributes().keySet())
                .as("decoded map iterates in key order")
                .containsExactlyElementsOf(new TreeMap<>(forward).keySet());
    }

    @Test
    void theFlowWithEveryDefaultTakesTheMinimumSize() {
        assertThat(codec.encode(Flow.builder().build())).hasSize(FlowListCodec.MIN_FLOW_BYTES);
    }

    @Test
    void keepsUnpairedSurrogatesInsteadOfReplacingThem() throws DecodeException {
        for (String text : new String[]{"\ud800", "a\udc00", "x\ud83d", "\udc00\ud800", "\ud83d\ud83d\ude00",
                "\ud83d" + "12345678" + "\ude00"}) {
            Flow f = Flow.builder().endpoint(text).attributes(Map.of(text, text))
                    .client(io.tracefill.serdes.model.FlowSide.builder().ip(text).build()).build();
            assertThat(codec.decode(codec.encode(f))).as(text).isEqualTo(f);
        }
    }

    @Test
    void writesAnUnpairedSurrogateInItsThreeByteForm() {
        byte[] b = codec.encode(Flow.builder().id("\ud800").build());
        // id is the fifth field: version, presence, start, end, then length 3 and ED A0 80
        assertThat(Arrays.copyOfRange(b, 4, 8)).containsExactly(3, 0xed, 0xa0, 0x80);
    }

    @Test
    void aHugeRecordDoesNotStayPinnedToTheThread() throws DecodeException {
        Flow huge = Flow.builder().requestResource("q".repeat(3 << 20)).build();
        assertThat(codec.decode(codec.encode(huge))).isEqualTo(huge);
        Flow small = Flow.builder().id("2").build();
        assertThat(codec.decode(codec.encode(small))).isEqualTo(small);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = FlowBinaryCodecRoundTripTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
