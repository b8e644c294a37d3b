package io.tracefill.topology.app;

import io.tracefill.topology.replay.StopAtOffsets;
import io.tracefill.topology.stream.ingest.InputProgress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link InputProgress} asked of the broker, with one {@link Admin} client shared by every stream
 * thread of the instance. A partition is caught up when its last stable offset (the end a
 * {@code read_committed} consumer can read to: an open transaction's records are not readable
 * yet) is at or before the next offset the task would process.
 *
 * <p>That next offset is the larger of what the task reports (after its last record) and the
 * group's committed offset (group id = application id). The committed offset matters twice:
 * before the task's first record (a restart, or a replay whose offsets were set at a timestamp),
 * and after a transaction's commit marker, which takes an offset the task never sees; Kafka
 * Streams commits the consumer's position past such markers. With neither, or when the position
 * lies before the log start (records deleted), the consumer starts where {@code auto.offset.reset}
 * puts it: the log start for {@code earliest} (so an empty partition is caught up and one with
 * records is not), the end for {@code latest}.
 *
 * <p>When the broker does not answer in time, or answers with an error, the answer is
 * {@link Answer#UNKNOWN}: the partition stays active, which delays traces but never changes them.
 */
public final class BrokerInputProgress implements InputProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerInputProgress.class);

    /** Where the consumer starts a partition that has no usable committed offset. */
    enum OffsetReset { EARLIEST, LATEST }

    private final Admin admin;
    private final String groupId;
    private final OffsetReset reset;
    private final Duration timeout;
    /** A replay's end per input partition ({@code StopAtOffsets}): nothing at or past it is read. */
    private final Map<TopicPartition, Long> stops;

    BrokerInputProgress(Admin admin, String groupId, OffsetReset reset, Duration timeout) {
        this(admin, groupId, reset, timeout, Map.of());
    }

    BrokerInputProgress(Admin admin, String groupId, OffsetReset reset, Duration timeout,
                        Map<TopicPartition, Long> stops) {
        this.admin = admin;
        this.groupId = groupId;
        this.reset = reset;
        this.timeout = timeout;
        this.stops = Map.copyOf(stops);
    }

    /**
     * An Admin client configured as Kafka Streams configures its own (so the {@code kafka.*}
     * security settings apply), for the application's consumer group.
     *
     * @param streamsProperties the pipeline's Kafka Streams configuration ({@link StreamsProperties})
     * @param timeout           the longest one check may block the stream thread
     */
    public static BrokerInputProgress create(Properties streamsProperties, Duration timeout) {
        StreamsConfig config = new StreamsConfig(streamsProperties);
        String applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        String clientId = applicationId + "-input-progress";
        Object resetValue = config.getMainConsumerConfigs(applicationId, clientId, 0)
                .get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        // "none" fails the task anyway; "by_duration:…" starts somewhere after the log start, and
        // waiting as if from the log start can only delay, never falsify, a trace
        OffsetReset reset = "latest".equalsIgnoreCase(String.valueOf(resetValue)) ? OffsetReset.LATEST
                : OffsetReset.EARLIEST;
        return new BrokerInputProgress(Admin.create(config.getAdminConfigs(clientId)), applicationId, reset, timeout,
                StopAtOffsets.in(streamsProperties));
    }

    @Override
    public Answer caughtUp(String topic, int partition, OptionalLong nextOffset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            long end = offset(tp, OffsetSpec.latest(), deadline);
            Long stop = stops.get(tp);
            if (stop != null) {
                // a replay reads up to its stop offset only: that is its end
                end = Math.min(end, stop);
            }
            long next = nextOffset.orElse(-1L);
            if (next >= end) {
                return Answer.CAUGHT_UP;
            }
            next = Math.max(next, committed(tp, deadline));
            if (next >= end) {
                return Answer.CAUGHT_UP;
            }
            long start = offset(tp, OffsetSpec.earliest(), deadline);
            if (next < start) {
                if (reset == OffsetReset.LATEST) {
                    return Answer.CAUGHT_UP;
                }
                next = start;
            }
            return next >= end ? Answer.CAUGHT_UP : Answer.BEHIND;
        } catch (ExecutionException e) {
            LOG.debug("cannot tell whether {} is read to its end; it stays active: {}", tp, e.getCause().toString());
            return Answer.UNKNOWN;
        } catch (TimeoutException e) {
            LOG.debug("cannot tell whether {} is read to its end within {} ms; it stays active", tp,
                    timeout.toMillis());
            return Answer.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.UNKNOWN;
        }
    }

    /** The log start ({@code earliest}) or the last stable offset ({@code latest}, read_committed). */
    private long offset(TopicPartition tp, OffsetSpec spec, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        long remainingMs = remainingMs(deadline);
        var options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs((int) remainingMs);
        return admin.listOffsets(Map.of(tp, spec), options).partitionResult(tp)
                .get(remainingMs, TimeUnit.MILLISECONDS).offset();
    }

    /** The group's committed offset for the partition, -1 when it has none. */
    private long committed(TopicPartition tp, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        long remainingMs = remainingMs(deadline);
        var spec = new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(tp));
        var options = new ListConsumerGroupOffsetsOptions().timeoutMs((int) remainingMs);
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(groupId, spec), options)
                .partitionsToOffsetAndMetadata(groupId).get(remainingMs, TimeUnit.MILLISECONDS);
        OffsetAndMetadata committed = offsets.get(tp);
        return committed == null ? -1L : committed.offset();
    }

    private static long remainingMs(long deadline) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException();
        }
        return Math.min(remaining, Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
