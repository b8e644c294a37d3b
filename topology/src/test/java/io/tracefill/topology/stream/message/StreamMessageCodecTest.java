package io.tracefill.topology.stream.message;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamMessageCodecTest {
    private final StreamMessageCodec codec = new StreamMessageCodec();

    private static Flow exampleFlow() throws Exception {
        String line = Files.readAllLines(Path.of("..", "examples", "frontend-orders.jsonl"), StandardCharsets.UTF_8).get(0);
        return new FlowRowDecoder().decode(line);
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        Flow f = exampleFlow();
        List<StreamMessage> messages = List.of(
                new StreamMessage.FlowMessage(f),
                new StreamMessage.Tick("deepflow.flow_log.l7_flow_log:3", 1718000000137000L, true),
                new StreamMessage.Tick("otlp_spans:0", Long.MIN_VALUE, false),
                new StreamMessage.Probe("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f", 4, 7, 1717999997, 1718000003, false, 1000),
                new StreamMessage.Answer("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f", 4, "q:2093847561", List.of(f, f), true),
                new StreamMessage.Answer("t", 0, "x:ü", List.of(), false));
        for (StreamMessage m : messages) {
            assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void answersAndFlowsCanBePassedOnWithoutDecodingTheirFlows() throws Exception {
        Flow f = exampleFlow();
        byte[] one = new io.tracefill.serdes.binary.FlowBinaryCodec().encode(f);
        var answer = new StreamMessage.Answer("t1", 3, "x:abc", List.of(f, f), true);
        byte[] encoded = codec.encodeAnswer("t1", 3, "x:abc", true, List.of(one, one));
        assertThat(encoded).isEqualTo(codec.encode(answer));
        assertThat(codec.answerFlowBytes(encoded))
                .isEqualTo(new io.tracefill.serdes.binary.FlowListCodec().encode(List.of(f, f)));

        byte[] flowMessage = codec.encode(new StreamMessage.FlowMessage(f));
        assertThat(codec.isFlow(flowMessage)).isTrue();
        assertThat(codec.isFlow(encoded)).isFalse();
        assertThat(codec.flowHead(flowMessage)).isEqualTo(
                new io.tracefill.serdes.binary.FlowHead(f.startTimeUs(), f.endTimeUs(), f.id(), f.signalSource()));
        assertThatThrownBy(() -> codec.flowHead(encoded)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> codec.answerFlowBytes(flowMessage)).isInstanceOf(DecodeException.class);
    }

    @Test
    void truncatedOrForeignBytesAreATypedError() throws Exception {
        byte[] probe = codec.encode(new StreamMessage.Probe("t", 1, 1, 0, 1, true, 5));
        for (int n = 0; n < probe.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(probe, n);
            assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(DecodeException.class);
        }
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            try {
                codec.decode(junk);
            } catch (DecodeException expected) {
                // the only failure allowed
            }
        }
    }
}
