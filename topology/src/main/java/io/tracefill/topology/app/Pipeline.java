package io.tracefill.topology.app;

import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.stream.TopologyFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * One running instance of the pipeline: checks and creates topics, then runs the topology under
 * Kafka Streams. A failed stream thread is replaced (Kafka Streams restores its tasks from the
 * changelogs), so one bad moment does not stop the instance.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The longest an ingest task's idle check may block its stream thread. */
    private static final Duration IDLE_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final StreamSettings settings;
    private final KafkaStreams streams;
    private final BrokerInputProgress inputProgress;

    private final java.util.concurrent.CountDownLatch stopped;

    private Pipeline(StreamSettings settings, KafkaStreams streams, BrokerInputProgress inputProgress,
                     java.util.concurrent.CountDownLatch stopped) {
        this.settings = settings;
        this.streams = streams;
        this.inputProgress = inputProgress;
        this.stopped = stopped;
    }

    /** Blocks until the streams have stopped (closed, or failed for good). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Prepares the topics and starts the streams; returns at once (state CREATED → REBALANCING). */
    public static Pipeline start(StreamSettings settings) {
        TopicSetup.Layout layout;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000))) {
            layout = TopicSetup.prepare(admin, settings);
            LOG.info("topics ready: {} ({} partitions), {} ({} partitions), internal {} partitions, output {}",
                    settings.deepflowTopic(), layout.deepflowPartitions(), settings.otlpTopic(),
                    layout.otlpPartitions(), layout.internalPartitions(), settings.outputTopic());
        }
        var properties = StreamsProperties.of(settings);
        // an input partition reports itself idle only once it is read to its end (docs/stream.md)
        var inputProgress = BrokerInputProgress.create(properties, IDLE_CHECK_TIMEOUT);
        KafkaStreams streams;
        try {
            streams = new KafkaStreams(TopologyFactory.build(settings, layout.deepflowPartitions(),
                    layout.otlpPartitions(), inputProgress), properties);
        } catch (RuntimeException e) {
            inputProgress.close();
            throw e;
        }
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        var stopped = new java.util.concurrent.CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("stream state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.start();
        return new Pipeline(settings, streams, inputProgress, stopped);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public StreamSettings settings() {
        return settings;
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void close() {
        try {
            streams.close(Duration.ofSeconds(30));
        } finally {
            inputProgress.close();
        }
    }
}
