package io.tracefill.serdes.binary;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the bytes of format version 1. If this fails, the layout changed: that is fine only
 * together with a new {@link FlowBinaryCodec#FORMAT_VERSION} and a reader for the old one (see
 * the class documentation), never silently, because stores and topics hold old bytes.
 */
class FlowBinaryCodecGoldenTest {
    /** {@link GoldenFlows#serverProcess()}, version 1. */
    private static final String SERVER_PROCESS_V1 =
            "01af8089dabbe1a08d06dcc00113373337383735333831343533323230363634390603732d70042804485454500c0331" +
            "2e31ae60039582a6efc79e84911189a8b6e607c5bed4aa0e818080808080808080018280e79c84a8f5ac7a004d203563" +
            "316630613764326539623463366138663364316232653461366338653066106131623263336434653566363037313800" +
            "2437663963326434652d316233612d346335642d396538662d30613162326333643465356600ffffffffffffffffff01" +
            "00000000a07e072f6170692f763104504f5354226f72646572732e73686f702e7376632e636c75737465722e6c6f6361" +
            "6c3a383038300e2f6170692f76312f6f72646572738f03000000000000110866726f6e74656e641400000000000b3130" +
            "2e3234342e312e313700009a2500000000000000000b31302e3234342e322e3333046a617661046a6176610000000000" +
            "000e5365727665722050726f63657373020f687474705f757365725f6167656e7412476f2d687474702d636c69656e74" +
            "2f312e3108c3bc6e69636f646506e697a5e69cac";

    /** A flow with every default: version, presence 0, then a zero or empty-string byte for each field. */
    private static final String DEFAULTS_V1 = "0100" + "00".repeat(44);

    private final FlowBinaryCodec codec = new FlowBinaryCodec();

    @Test
    void encodesTheSampleFlowToThePinnedBytes() {
        assertThat(HexFormat.of().formatHex(codec.encode(GoldenFlows.serverProcess()))).isEqualTo(SERVER_PROCESS_V1);
    }

    @Test
    void decodesThePinnedBytesToTheSampleFlow() throws DecodeException {
        assertThat(codec.decode(HexFormat.of().parseHex(SERVER_PROCESS_V1))).isEqualTo(GoldenFlows.serverProcess());
    }

    @Test
    void encodesTheDefaultFlowToThePinnedBytes() throws DecodeException {
        assertThat(HexFormat.of().formatHex(codec.encode(Flow.builder().build()))).isEqualTo(DEFAULTS_V1);
        assertThat(codec.decode(HexFormat.of().parseHex(DEFAULTS_V1))).isEqualTo(Flow.builder().build());
    }

    @Test
    void thePinnedBytesStartWithTheVersionThenThePresenceBits() {
        byte[] b = HexFormat.of().parseHex(SERVER_PROCESS_V1);
        assertThat(b[0]).isEqualTo((byte) FlowBinaryCodec.FORMAT_VERSION);
        // requestId, responseCode, client, server, tapSideEnum, attributes; not resourceFromVtap, l7ProtocolEnum
        assertThat(b[1] & 0xff).isEqualTo(0b1010_1111);
    }
}
