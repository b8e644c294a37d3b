package io.tracefill.topology.replay;

import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one input partition a replay processes: from {@code start} (the first record at
 * or after the replay's start time) up to, not including, {@code stop}.
 */
public record PartitionRange(TopicPartition partition, long start, long stop) {
    public PartitionRange {
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException("bad range " + partition + " [" + start + ", " + stop + ")");
        }
    }

    /** Offsets in the range (records, plus transaction markers if the producer was transactional). */
    public long size() {
        return stop - start;
    }

    /** Offsets done when the consumer's committed position is {@code committed} (null: nothing yet). */
    public long done(Long committed) {
        if (committed == null) {
            return 0;
        }
        return Math.max(0, Math.min(committed, stop) - start);
    }
}
