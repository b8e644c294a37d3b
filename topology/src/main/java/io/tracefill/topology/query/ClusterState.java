package io.tracefill.topology.query;

import io.tracefill.topology.stream.StoreNames;
import io.tracefill.topology.stream.index.CorrelationIndex;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The stream's state as the HTTP API reads it, wherever it lives: the correlation index of all
 * instances ({@link #flowIndex}), the last emission of any trace ({@link #emitted}), and the
 * answers this instance gives to the others ({@link #serveLookups}, {@link #serveEmitted}).
 */
public final class ClusterState implements StateView {
    private final Owners owners;
    private final LocalStores local;
    private final PeerClient peers;

    public ClusterState(KafkaStreams streams, HostInfo self, int flowsPerKey) {
        this.owners = new Owners(streams, self);
        this.local = new LocalStores(streams, flowsPerKey);
        this.peers = new PeerClient(Duration.ofSeconds(2));
    }

    /** Throws {@link StateUnavailableException} unless the stream is RUNNING. */
    @Override
    public void requireRunning() {
        owners.requireRunning();
    }

    /** A fresh index over every instance's stores, for one call that must end by {@code deadline}. */
    @Override
    public ClusterFlowIndex flowIndex(Deadline deadline) {
        return new ClusterFlowIndex(owners, local, peers, deadline);
    }

    /** The API JSON of the trace's last emission, read on the instance that owns the trace. */
    @Override
    public Optional<byte[]> emitted(String traceId, Deadline deadline) {
        Owner o = owners.of(StoreNames.TRACE_EMITTED, traceId);
        return o.local() ? local.emitted(o.partition(), traceId) : peers.emitted(o.host(), o.partition(), traceId,
                deadline);
    }

    /** Another instance's lookups, answered from this instance's partitions only (never passed on). */
    public List<CorrelationIndex.Lookup> serveLookups(PeerProtocol.LookupBatch batch) {
        owners.requireRunning();
        return local.lookups(batch.keys(), batch.window(), batch.otelOnly(), batch.limit());
    }

    /** Another instance's question for a trace this instance's partition holds. */
    public Optional<byte[]> serveEmitted(int partition, String traceId) {
        owners.requireRunning();
        return local.emitted(partition, traceId);
    }
}
