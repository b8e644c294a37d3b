package io.tracefill.topology.query;

import io.tracefill.topology.stream.TickBroadcastPartitioner;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.charset.StandardCharsets;

/**
 * Finds the instance that owns a key of a store, from the metadata Kafka Streams shares in the
 * consumer group ({@code application.server} of every member). Keys are partitioned as the
 * pipeline writes them to its internal topics ({@link TickBroadcastPartitioner}: murmur2 of the
 * key's UTF-8 bytes), so the partition found is the one whose store holds the key.
 */
public final class Owners {
    private static final TickBroadcastPartitioner PARTITIONER = new TickBroadcastPartitioner();

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server} */
    public Owners(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** Throws {@link StateUnavailableException} unless the stream is RUNNING. */
    public void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StateUnavailableException("the stream is " + state + ", not RUNNING (partitions are being "
                    + "assigned or restored); retry in a few seconds");
        }
    }

    /** The owner of {@code key} in {@code store}; {@link StateUnavailableException} when none is known now. */
    public Owner of(String store, String key) {
        requireRunning();
        KeyQueryMetadata m = streams.queryMetadataForKey(store, key.getBytes(StandardCharsets.UTF_8), PARTITIONER);
        if (m == null || KeyQueryMetadata.NOT_AVAILABLE.equals(m) || m.activeHost() == null
                || HostInfo.unavailable().equals(m.activeHost())) {
            throw new StateUnavailableException("no instance owns the partition of store " + store
                    + " for this key right now (a rebalance is in progress); retry in a few seconds");
        }
        return new Owner(m.partition(), m.activeHost(), m.activeHost().equals(self));
    }

    public HostInfo self() {
        return self;
    }
}
