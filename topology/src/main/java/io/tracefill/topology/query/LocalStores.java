package io.tracefill.topology.query;

import io.tracefill.topology.stream.StoreNames;
import io.tracefill.topology.stream.assembly.EmittedTraces;
import io.tracefill.topology.stream.index.CorrelationIndex;
import io.tracefill.tracing.TimeWindow;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads this instance's stores, one partition at a time, through Kafka Streams' interactive
 * queries: only partitions whose active task runs here can be read (never a standby's or a
 * revoked task's copy), so what is read is current.
 */
public final class LocalStores {
    private final KafkaStreams streams;
    private final int flowsPerKey;

    public LocalStores(KafkaStreams streams, int flowsPerKey) {
        this.streams = streams;
        this.flowsPerKey = flowsPerKey;
    }

    /**
     * Each key's lookup in the correlation index of its partition, in the order of {@code keys};
     * every partition must be one whose active task runs here.
     */
    public List<CorrelationIndex.Lookup> lookups(List<PeerProtocol.KeyAt> keys, TimeWindow window, boolean otelOnly,
                                                 int limit) {
        Map<Integer, CorrelationIndex.Reader> readers = new HashMap<>();
        List<CorrelationIndex.Lookup> out = new ArrayList<>(keys.size());
        for (PeerProtocol.KeyAt k : keys) {
            CorrelationIndex.Reader reader = readers.computeIfAbsent(k.partition(), this::reader);
            try {
                out.add(reader.lookup(k.key(), window, otelOnly, limit));
            } catch (InvalidStateStoreException e) {
                throw notHere(StoreNames.INDEX_FLOWS, k.partition(), e);
            }
        }
        return out;
    }

    private CorrelationIndex.Reader reader(int partition) {
        try {
            return new CorrelationIndex.Reader(windowStore(StoreNames.INDEX_FLOWS, partition),
                    windowStore(StoreNames.INDEX_COUNTS, partition), flowsPerKey);
        } catch (InvalidStateStoreException e) {
            throw notHere(StoreNames.INDEX_FLOWS, partition, e);
        }
    }

    /** The API JSON of the trace's last emission, if the assembly partition holds one. */
    public Optional<byte[]> emitted(int partition, String traceId) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.TRACE_EMITTED, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(partition));
            return Optional.ofNullable(store.get(traceId)).map(EmittedTraces::decode);
        } catch (InvalidStateStoreException e) {
            throw notHere(StoreNames.TRACE_EMITTED, partition, e);
        }
    }

    private ReadOnlyWindowStore<Bytes, byte[]> windowStore(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<Bytes, byte[]>windowStore())
                .withPartition(partition));
    }

    private static StateUnavailableException notHere(String store, int partition, InvalidStateStoreException e) {
        return new StateUnavailableException("partition " + partition + " of store " + store
                + " is not readable on this instance now (moving or restoring); retry in a few seconds", e);
    }
}
