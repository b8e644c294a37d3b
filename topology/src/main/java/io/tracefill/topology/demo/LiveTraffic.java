package io.tracefill.topology.demo;

import io.tracefill.workload.KafkaSink;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workload generator as live traffic: a thread that sends each record to Kafka once the wall
 * clock reaches its timestamp. With the spec's start time at "now", event times are current and
 * records arrive at the rate and in the order a real cluster's exporters would send them, so the
 * pipeline sees what it sees in production (watermarks driven by fresh data, not a backlog).
 */
public final class LiveTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final WorkloadSpec spec;
    private final String bootstrapServers;
    private final TopicNames topics;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong requests = new AtomicLong();
    private final Thread thread;
    private volatile Exception failure;

    private LiveTraffic(WorkloadSpec spec, String bootstrapServers, TopicNames topics) {
        this.spec = spec;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.thread = new Thread(this::run, "tracefill-live-traffic");
        thread.setDaemon(true);
    }

    /** Starts sending the records of {@code spec} (whose start time should be about now) to the topics. */
    public static LiveTraffic start(WorkloadSpec spec, String bootstrapServers, TopicNames topics) {
        LiveTraffic traffic = new LiveTraffic(spec, bootstrapServers, topics);
        traffic.thread.start();
        return traffic;
    }

    private void run() {
        // small batches: rows without a key then spread over the partitions every few ms, as many
        // agents' exporters spread them, instead of filling one partition for a second at a time
        try (KafkaSink sink = new KafkaSink(bootstrapServers, topics, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 16_384,
                ProducerConfig.CLIENT_ID_CONFIG, "tracefill-demo-traffic"))) {
            Workload workload = Workload.generate(spec, t -> requests.incrementAndGet());
            while (workload.hasNext()) {
                WireRecord r = workload.next();
                long waitMs = r.timestampMs() - System.currentTimeMillis();
                if (waitMs > 0 && stop.await(waitMs, TimeUnit.MILLISECONDS) || stop.getCount() == 0) {
                    break;
                }
                sink.write(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.warn("live traffic stopped: {}", e.toString());
        }
    }

    /** User requests (traces) generated so far; their records go out over the next second or two. */
    public long requests() {
        return requests.get();
    }

    /** Why sending stopped early, if it did (e.g. the broker went away). */
    public Exception failure() {
        return failure;
    }

    /** Stops sending and waits until what was sent is acknowledged. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join(CLOSE_TIMEOUT.toMillis());
    }

    @Override
    public String toString() {
        return "live traffic (seed " + spec.seed() + ", " + spec.tracesPerSecond() + " requests/s)";
    }
}
