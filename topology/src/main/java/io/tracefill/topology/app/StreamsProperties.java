package io.tracefill.topology.app;

import io.tracefill.state.BoundedMemoryRocksDbConfig;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.streams.StreamsConfig;

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
        if (s.httpPort() > 0 && !p.containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG)) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + s.httpPort());
        }
        return p;
    }
}
