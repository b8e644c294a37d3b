package io.tracefill.topology.app;

import io.tracefill.state.BoundedMemoryRocksDbConfig;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Optional;
import java.util.Properties;

/** The Kafka Streams configuration of the pipeline: tracefill's fixed choices, then the user's {@code kafka.*} keys. */
public final class StreamsProperties {
    private StreamsProperties() {
    }

    public static Properties of(StreamSettings s) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        p.put(BoundedMemoryRocksDbConfig.TOTAL_BYTES, Long.toString(s.rocksDbMemoryBytes()));
        // the loop through the index topic needs commits often enough that answers flow under EOS
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // one stream thread per core (Kafka Streams' default is one per instance); tasks beyond the
        // partitions stay idle, so more threads than partitions only cost a little memory
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
        p.putAll(s.kafkaOverrides());
        // same input, same output: never a weaker guarantee, whatever the overrides say
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        applicationServer(s).ifPresent(server -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        return p;
    }

    /**
     * The {@code host:port} other instances reach this one's HTTP API at (Kafka Streams'
     * {@code application.server}, published with the group's metadata for interactive queries):
     * {@code kafka.application.server} when set and not blank (in Kubernetes, the pod's name on the
     * headless Service), else {@code localhost:<tracefill.http.port>} (one machine); empty when the
     * HTTP API is off.
     */
    public static Optional<String> applicationServer(StreamSettings s) {
        String configured = s.kafkaOverrides().getOrDefault(StreamsConfig.APPLICATION_SERVER_CONFIG, "").strip();
        if (!configured.isEmpty()) {
            return Optional.of(configured);
        }
        return s.httpPort() > 0 ? Optional.of("localhost:" + s.httpPort()) : Optional.empty();
    }
}
