package io.tracefill.topology.stream;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.topology.stream.message.StreamMessage;
import io.tracefill.topology.stream.message.StreamMessageCodec;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/** {@link Watermarks} of one task, persisted per input partition so a restart resumes where it was. */
public final class WatermarkStore {
    private final KeyValueStore<String, byte[]> store;
    private final Watermarks watermarks;
    private final StreamMessageCodec codec = new StreamMessageCodec();

    public WatermarkStore(KeyValueStore<String, byte[]> store, long graceUs, long idleAdvanceUs, int expectedSources) {
        this.store = store;
        this.watermarks = new Watermarks(graceUs, idleAdvanceUs, expectedSources);
        List<StreamMessage.Tick> ticks = new ArrayList<>();
        try (var it = store.all()) {
            while (it.hasNext()) {
                try {
                    ticks.add((StreamMessage.Tick) codec.decode(it.next().value));
                } catch (DecodeException | ClassCastException e) {
                    throw new IllegalStateException("corrupt watermark in store " + store.name() + ": " + e, e);
                }
            }
        }
        watermarks.restore(ticks);
    }

    /** @return true when the watermark moved */
    public boolean update(StreamMessage.Tick tick) {
        long before = watermarks.current();
        store.put(tick.source(), codec.encode(watermarks.update(tick)));
        return watermarks.current() != before;
    }

    public long current() {
        return watermarks.current();
    }
}
