package io.tracefill.topology.stream;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Partitions the internal topics: a tick goes to every partition (each consumer needs every
 * input's progress); any other record by its key, with the producer's default hash, so a key
 * always lands on the same partition whichever task wrote it.
 */
public final class TickBroadcastPartitioner implements StreamPartitioner<byte[], byte[]> {
    private static final byte TICK = 'T';

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
        if (value != null && value.length > 0 && value[0] == TICK) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key)) % numPartitions));
    }
}
