package io.tracefill.topology.testkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A Kafka Streams application with a RocksDB store runs exactly_once_v2 against the test broker. */
class StreamsExactlyOnceTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String INPUT = "words";
    private static final String OUTPUT = "word-counts";
    private static final String STORE = "counts";

    @TempDir
    Path stateDir;

    @Test
    void countsPerKeyIntoTheSinkTopicUnderExactlyOnceV2() throws Exception {
        // given
        KAFKA.createTopic(INPUT, 2);
        KAFKA.createTopic(OUTPUT, 2);
        Map<String, String> expected = Map.of("a", "3", "b", "2", "c", "1");

        try (KafkaStreams streams = new KafkaStreams(countPerKey(), streamsConfig())) {
            streams.start();

            // when
            try (KafkaProducer<String, String> producer = producer()) {
                for (String word : List.of("a", "b", "a", "c", "a", "b")) {
                    producer.send(new ProducerRecord<>(INPUT, word, word));
                }
            }

            // then: the committed output converges to the counts, and only the counts
            List<ConsumerRecord<String, String>> output = TopicReader.readCommitted(KAFKA.bootstrapServers())
                    .readUntil(OUTPUT, records -> latestPerKey(records).equals(expected), TIMEOUT);
            assertThat(output).extracting(ConsumerRecord::key).containsOnly("a", "b", "c");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, Long> store = streams.store(
                    StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
            assertThat(store.get("a")).isEqualTo(3L);
            assertThat(rocksDbDirectories()).as("RocksDB files under %s", stateDir).isNotEmpty();
        }
    }

    /** words → count per word, in a persistent (RocksDB) store, as strings to the sink topic. */
    private static Topology countPerKey() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.<String, Long>as(Stores.persistentKeyValueStore(STORE))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .mapValues(String::valueOf)
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private Properties streamsConfig() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-count-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> props = KAFKA.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    private static Map<String, String> latestPerKey(List<ConsumerRecord<String, String>> records) {
        Map<String, String> latest = new HashMap<>();
        // Each key lives on one partition, where offsets are in write order.
        records.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private List<Path> rocksDbDirectories() throws Exception {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(f -> f.getFileName().toString().equals("rocksdb")).toList();
        }
    }
}
