package io.tracefill.topology.replay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which offsets of the input topics a replay processes: for each partition, from the first record
 * whose timestamp is at or after the start time, up to the first at or after the end time, or to
 * the end of the partition as it is when the replay starts (so data arriving meanwhile is left
 * out and the replay ends). Timestamps are the records' own (event times for tracefill's inputs).
 */
public record ReplayPlan(List<PartitionRange> ranges) {
    private static final long TIMEOUT_S = 30;

    public ReplayPlan {
        ranges = List.copyOf(ranges);
    }

    /**
     * Looks the offsets up with the admin client.
     *
     * @param fromMs first timestamp replayed, ms since the epoch
     * @param toMs   first timestamp not replayed, or null for "up to the end offsets now"
     */
    public static ReplayPlan of(Admin admin, Collection<TopicDescription> topics, long fromMs, Long toMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription t : topics) {
            t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition())));
        }
        // the end as a read_committed consumer (Kafka Streams under exactly-once) sees it
        Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest(), null);
        Map<TopicPartition, Long> start = offsets(admin, partitions, OffsetSpec.forTimestamp(fromMs), end);
        Map<TopicPartition, Long> stop = toMs == null ? end : offsets(admin, partitions, OffsetSpec.forTimestamp(toMs), end);
        List<PartitionRange> ranges = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long s = start.get(tp);
            ranges.add(new PartitionRange(tp, s, Math.max(s, stop.get(tp))));
        }
        return new ReplayPlan(ranges);
    }

    /** @param whenNone where a time lookup finds no record at or after the time: the partition's end */
    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec,
                                                     Map<TopicPartition, Long> whenNone)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer = admin.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long offset = answer.get(tp).offset();
            out.put(tp, offset >= 0 ? offset : whenNone.get(tp));
        }
        return out;
    }

    /** Offsets to process, all partitions together. */
    public long total() {
        return ranges.stream().mapToLong(PartitionRange::size).sum();
    }

    /** Offsets done, given the committed positions of the replay's consumer group. */
    public long done(Map<TopicPartition, Long> committed) {
        long done = 0;
        for (PartitionRange r : ranges) {
            done += r.done(committed.get(r.partition()));
        }
        return done;
    }

    /** Whether every partition has been consumed up to its stop offset. */
    public boolean finished(Map<TopicPartition, Long> committed) {
        for (PartitionRange r : ranges) {
            Long c = committed.get(r.partition());
            if (r.size() > 0 && (c == null || c < r.stop())) {
                return false;
            }
        }
        return true;
    }

    /** The start offsets, to commit for the replay's fresh consumer group before it starts. */
    public Map<TopicPartition, Long> startOffsets() {
        Map<TopicPartition, Long> out = new HashMap<>();
        ranges.forEach(r -> out.put(r.partition(), r.start()));
        return out;
    }

    /** The stop offsets as {@link StopAtOffsets} reads them: {@code topic:partition:offset,...}. */
    public String stopOffsetsText() {
        StringJoiner j = new StringJoiner(",");
        ranges.forEach(r -> j.add(r.partition().topic() + ":" + r.partition().partition() + ":" + r.stop()));
        return j.toString();
    }
}
