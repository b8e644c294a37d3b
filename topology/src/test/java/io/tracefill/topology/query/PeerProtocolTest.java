package io.tracefill.topology.query;

import io.tracefill.serdes.model.Flow;
import io.tracefill.topology.http.FlowFileTraces;
import io.tracefill.topology.stream.index.CorrelationIndex;
import io.tracefill.tracing.TimeWindow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PeerProtocolTest {
    @Test
    void aLookupBatchCrossesUnchanged() throws IOException {
        var batch = new PeerProtocol.LookupBatch(new TimeWindow(1717999997, 1718000003), true, 1000,
                List.of(new PeerProtocol.KeyAt(2, "t:5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f"), new PeerProtocol.KeyAt(0, "x:ü-ñ"),
                        new PeerProtocol.KeyAt(1, "i:7378753814532194405")));

        assertThat(PeerProtocol.decodeBatch(PeerProtocol.encode(batch))).isEqualTo(batch);
    }

    @Test
    void lookupsCrossWithEveryFlowFieldAndTheCutFlag() throws IOException {
        List<Flow> flows = FlowFileTraces.readFlows(Path.of("..", "examples", "frontend-orders.jsonl"));
        var lookups = List.of(new CorrelationIndex.Lookup(flows, false), new CorrelationIndex.Lookup(List.of(), true),
                new CorrelationIndex.Lookup(flows.subList(0, 1), true));

        assertThat(PeerProtocol.decodeLookups(PeerProtocol.encode(lookups))).isEqualTo(lookups);
    }

    @Test
    void refusesBytesThatAreNotItsOwn() {
        byte[] batch = PeerProtocol.encode(new PeerProtocol.LookupBatch(TimeWindow.ALL, false, 1,
                List.of(new PeerProtocol.KeyAt(0, "q:1"))));

        assertThat(catchThrowableOfType(() -> PeerProtocol.decodeBatch(Arrays.copyOf(batch, batch.length - 1)),
                IOException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> PeerProtocol.decodeBatch(Arrays.copyOf(batch, batch.length + 1)),
                IOException.class)).hasMessage("unexpected bytes after the end");
        assertThat(catchThrowableOfType(() -> PeerProtocol.decodeLookups(new byte[] {0, 0, 0, 9}), IOException.class))
                .hasMessage("peer protocol version 9 is not known (this build speaks 1)");
    }
}
