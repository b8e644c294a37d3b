package io.tracefill.topology.app;

import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.http.ApiServer;
import io.tracefill.topology.stream.TopologyFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
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

    private static final Duration IDLE_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final StreamSettings settings;
    private final KafkaStreams streams;
    private final ApiServer api;
    private final BrokerInputProgress inputProgress;

    private final java.util.concurrent.CountDownLatch stopped;

    private Pipeline(StreamSettings settings, KafkaStreams streams, ApiServer api, BrokerInputProgress inputProgress,
                     java.util.concurrent.CountDownLatch stopped) {
        this.settings = settings;
        this.streams = streams;
        this.api = api;
        this.inputProgress = inputProgress;
        this.stopped = stopped;
    }

    /** Blocks until the streams have stopped (closed, or failed for good). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Prepares the topics, binds the HTTP API's port (when {@code tracefill.http.port} > 0), starts
     * the streams and then serves the API; returns at once (state CREATED → REBALANCING).
     */
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
        // bound before the streams join the group, so a taken port fails the start cleanly
        ApiServer api = settings.httpPort() > 0 ? ApiServer.bind(settings.httpPort(), settings.httpApi().threads())
                : null;
        try {
            return start(settings, layout, api);
        } catch (RuntimeException e) {
            if (api != null) {
                api.close();
            }
            throw e;
        }
    }

    private static Pipeline start(StreamSettings settings, TopicSetup.Layout layout, ApiServer api) {
        var properties = StreamsProperties.of(settings);
        // an input partition reports itself idle only once it is read to its end (docs/stream.md)
        var inputProgress = BrokerInputProgress.create(properties, IDLE_CHECK_TIMEOUT);
        try {
            return start(settings, layout, api, properties, inputProgress);
        } catch (RuntimeException e) {
            inputProgress.close();
            throw e;
        }
    }

    private static Pipeline start(StreamSettings settings, TopicSetup.Layout layout, ApiServer api,
                                  java.util.Properties properties, BrokerInputProgress inputProgress) {
        KafkaStreams streams = new KafkaStreams(TopologyFactory.build(settings, layout.deepflowPartitions(),
                layout.otlpPartitions(), inputProgress), properties);
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
        if (api != null) {
            HostInfo self = HostInfo.buildFromEndpoint(StreamsProperties.applicationServer(settings).orElseThrow());
            try {
                api.serve(ApiServer.pipelineRoutes(streams, settings, self));
            } catch (RuntimeException e) {
                streams.close(Duration.ofSeconds(30));
                throw e;
            }
            LOG.info("HTTP API on port {}, reachable by other instances at {}", api.port(), self);
        }
        return new Pipeline(settings, streams, api, inputProgress, stopped);
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
        if (api != null) {
            api.close();
        }
        try {
            streams.close(Duration.ofSeconds(30));
        } finally {
            inputProgress.close();
        }
    }
}
