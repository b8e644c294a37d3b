package io.tracefill.topology.stream.index;

import io.tracefill.serdes.binary.FlowBinaryCodec;
import io.tracefill.serdes.binary.FlowHead;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.FlowOrder;
import io.tracefill.tracing.TimeWindow;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One partition's share of the correlation index: the flows filed under each correlation key, in
 * a RocksDB window store keyed by the key and timed by the flow's end (DeepFlow's {@code time}
 * column), so a lookup reads one key's flows in one time window and retention drops old ones.
 * At most {@code flowsPerKey} flows are kept per key and minute: a key shared by a million flows
 * (one X-Request-ID everywhere) costs bounded space, and answers say they were cut.
 *
 * <p>Lookups go through {@link Reader}, which needs only read access, so the HTTP API reads a
 * partition's stores (interactive queries) exactly as the index processor does. Flows are stored
 * as they came ({@link FlowBinaryCodec} bytes) and filtered and ordered by their {@link FlowHead},
 * so the index passes them on without decoding them.
 */
public final class CorrelationIndex {
    static final long BUCKET_MS = 60_000L;

    private final WindowStore<Bytes, byte[]> flows;
    private final WindowStore<Bytes, byte[]> counts;
    private final int flowsPerKey;
    private final Reader reader;

    public CorrelationIndex(WindowStore<Bytes, byte[]> flows, WindowStore<Bytes, byte[]> counts, int flowsPerKey) {
        this.flows = flows;
        this.counts = counts;
        this.flowsPerKey = flowsPerKey;
        this.reader = new Reader(flows, counts, flowsPerKey);
    }

    /**
     * Files the flow under the key; false when the key's minute is full and the flow was cut.
     *
     * @param endTimeUs the flow's end
     * @param encoded   the flow as {@link FlowBinaryCodec} writes it
     */
    public boolean add(String key, long endTimeUs, byte[] encoded) {
        Bytes k = bytes(key);
        long timeMs = Math.floorDiv(endTimeUs, 1000L);
        long bucket = Math.floorDiv(timeMs, BUCKET_MS) * BUCKET_MS;
        int n = count(k, bucket);
        if (n >= flowsPerKey) {
            if (n == flowsPerKey) {
                counts.put(k, ByteBuffer.allocate(4).putInt(n + 1).array(), bucket);
            }
            return false;
        }
        counts.put(k, ByteBuffer.allocate(4).putInt(n + 1).array(), bucket);
        flows.put(k, encoded, timeMs);
        return true;
    }

    /** The key's first {@code limit} flows (FlowOrder) whose end second is in the window. */
    public Lookup lookup(String key, TimeWindow window, boolean otelOnly, int limit) {
        return reader.lookup(key, window, otelOnly, limit);
    }

    /** {@link #lookup} with the flows as stored, not decoded. */
    public EncodedLookup lookupEncoded(String key, TimeWindow window, boolean otelOnly, int limit) {
        return reader.lookupEncoded(key, window, otelOnly, limit);
    }

    /** The flows of one key in one window, and whether the key had flows cut by the bound there. */
    public record Lookup(List<Flow> flows, boolean cut) {
        public Lookup {
            flows = List.copyOf(flows);
        }
    }

    /** As {@link Lookup}, each flow as {@link FlowBinaryCodec} writes it, in FlowOrder. */
    public record EncodedLookup(List<byte[]> flows, boolean cut) {
    }

    /** Lookups over a partition's two index stores, read-only. Not thread-safe (one codec). */
    public static final class Reader {
        /** {@link FlowOrder#BY_START_THEN_ID} on the heads. */
        private static final Comparator<Headed> IN_FLOW_ORDER =
                Comparator.<Headed>comparingLong(h -> h.head().startTimeUs())
                        .thenComparing((a, b) -> FlowOrder.compareIds(a.head().id(), b.head().id()));

        private final ReadOnlyWindowStore<Bytes, byte[]> flows;
        private final ReadOnlyWindowStore<Bytes, byte[]> counts;
        private final int flowsPerKey;
        private final FlowBinaryCodec codec = new FlowBinaryCodec();

        public Reader(ReadOnlyWindowStore<Bytes, byte[]> flows, ReadOnlyWindowStore<Bytes, byte[]> counts,
                      int flowsPerKey) {
            this.flows = flows;
            this.counts = counts;
            this.flowsPerKey = flowsPerKey;
        }

        /** See {@link CorrelationIndex#lookup}; {@link TimeWindow#ALL} reads the whole retention. */
        public Lookup lookup(String key, TimeWindow window, boolean otelOnly, int limit) {
            EncodedLookup found = lookupEncoded(key, window, otelOnly, limit);
            List<Flow> decoded = new ArrayList<>(found.flows().size());
            for (byte[] b : found.flows()) {
                decoded.add(decode(b));
            }
            return new Lookup(decoded, found.cut());
        }

        /** {@link #lookup} without decoding the flows: filtered and ordered by their heads, as stored. */
        public EncodedLookup lookupEncoded(String key, TimeWindow window, boolean otelOnly, int limit) {
            Bytes k = bytes(key);
            long fromMs = Math.max(0, saturatedMs(window.startS()));
            long toMs = saturatedMs(window.endS()) + (window.endS() >= Long.MAX_VALUE / 1000L ? 0 : 999L);
            List<Headed> found = new ArrayList<>();
            if (toMs < fromMs) {
                return new EncodedLookup(List.of(), false);
            }
            try (var it = flows.fetch(k, Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs))) {
                while (it.hasNext()) {
                    byte[] b = it.next().value;
                    FlowHead h = head(b);
                    long endS = Math.floorDiv(h.endTimeUs(), 1_000_000L);
                    if (endS >= window.startS() && endS <= window.endS()
                            && (!otelOnly || h.signalSource() == SignalSource.OTEL)) {
                        found.add(new Headed(h, b));
                    }
                }
            }
            found.sort(IN_FLOW_ORDER);
            boolean cut = false;
            try (var it = counts.fetch(k, Instant.ofEpochMilli(Math.floorDiv(fromMs, BUCKET_MS) * BUCKET_MS),
                    Instant.ofEpochMilli(toMs))) {
                while (it.hasNext() && !cut) {
                    cut = ByteBuffer.wrap(it.next().value).getInt() > flowsPerKey;
                }
            }
            List<byte[]> out = new ArrayList<>(Math.min(limit, found.size()));
            for (int i = 0; i < found.size() && i < limit; i++) {
                out.add(found.get(i).bytes());
            }
            return new EncodedLookup(out, cut);
        }

        private record Headed(FlowHead head, byte[] bytes) {
        }

        private FlowHead head(byte[] b) {
            try {
                return codec.head(b, 0, b.length);
            } catch (DecodeException e) {
                throw new IllegalStateException("corrupt flow in the correlation index: " + e.getMessage(), e);
            }
        }

        private Flow decode(byte[] b) {
            try {
                return codec.decode(b);
            } catch (DecodeException e) {
                throw new IllegalStateException("corrupt flow in the correlation index: " + e.getMessage(), e);
            }
        }

        /** Seconds to ms, clamped to the range of an {@link Instant} the stores accept. */
        private static long saturatedMs(long seconds) {
            if (seconds >= Long.MAX_VALUE / 1000L) {
                return Long.MAX_VALUE;
            }
            if (seconds <= Long.MIN_VALUE / 1000L) {
                return Long.MIN_VALUE;
            }
            return seconds * 1000L;
        }
    }

    private int count(Bytes k, long bucket) {
        byte[] v = counts.fetch(k, bucket);
        return v == null ? 0 : ByteBuffer.wrap(v).getInt();
    }

    private static Bytes bytes(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }
}
