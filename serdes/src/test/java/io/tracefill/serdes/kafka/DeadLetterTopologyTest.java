package io.tracefill.serdes.kafka;

import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter path inside a real Kafka Streams task (TopologyTestDriver): a source topic read
 * with {@link TracefillSerdes#deepFlowRows()}, good rows written on as binary flows, bad ones
 * sent by {@link DeadLetterHandler} to the dead-letter topic. The driver runs Streams' own
 * {@code RecordDeserializer} and {@code RecordCollectorImpl} (over a mock producer whose output it
 * captures), so this covers the handler's wiring, the Response it returns, and the records
 * Streams writes from it.
 */
class DeadLetterTopologyTest {
    private static final String SOURCE = "deepflow.flow_log.l7_flow_log";
    private static final String SINK = "flows";
    private static final String DEAD_LETTERS = "test.dead-letters";
    private static final long BASE_TIME_MS = 1_718_000_000_000L;

    private final Metrics metrics = new Metrics();
    private final DeadLetterMetrics counter = new DeadLetterMetrics(metrics);
    private TopologyTestDriver driver;

    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(SOURCE, Consumed.with(Serdes.ByteArray(), TracefillSerdes.deepFlowRows()))
                .to(SINK, Produced.with(Serdes.ByteArray(), TracefillSerdes.flow()));
        return builder.build();
    }

    private TopologyTestDriver start(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(DeadLetterHandler.LISTENER_CONFIG, counter); // the object itself: one counter for all threads
        p.putAll(extra);
        driver = new TopologyTestDriver(topology(), p);
        return driver;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        metrics.close();
    }

    static List<BadRecords.Bad> badRecords() {
        return BadRecords.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void sendsTheRawRecordWithItsReasonToTheDeadLetterTopicAndGoesOn(BadRecords.Bad bad) {
        start(Map.of(DeadLetterHandler.TOPIC_CONFIG, DEAD_LETTERS));
        var in = driver.createInputTopic(SOURCE, new ByteArraySerializer(), new ByteArraySerializer());
        Headers original = new RecordHeaders().add("origin", utf8("exporter-7")).add("trace", new byte[]{0, (byte) 0xff});
        byte[] key = utf8("key-1");
        byte[] good = Rows.compact(Rows.EXPORTER_NAMES);

        in.pipeInput(new TestRecord<>(key, bad.value(), original, Instant.ofEpochMilli(BASE_TIME_MS)));
        in.pipeInput(new TestRecord<>(null, good, new RecordHeaders(), Instant.ofEpochMilli(BASE_TIME_MS + 1)));

        List<TestRecord<byte[], byte[]>> letters = deadLetters();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(bad.value());
        assertThat(letter.timestamp()).isEqualTo(BASE_TIME_MS);
        assertThat(header(letter, "origin")).isEqualTo("exporter-7");
        assertThat(letter.headers().lastHeader("trace").value()).containsExactly(0, 0xff);
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains(bad.reason());
        assertThat(header(letter, DeadLetterHeaders.FIELD)).isEqualTo(bad.field());
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(RecordDecodeException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(SOURCE);
        assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.TIMESTAMP)).isEqualTo(Long.toString(BASE_TIME_MS));
        assertThat(header(letter, DeadLetterHeaders.REASON).length()).isLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS);

        assertThat(sinkFlows()).as("the good record after it still flows").hasSize(1);
        assertThat(counter.total(SOURCE)).isEqualTo(1);
    }

    @Test
    void aMixedStreamLosesNothingAndKeepsOrder() throws Exception {
        start(Map.of(DeadLetterHandler.TOPIC_CONFIG, DEAD_LETTERS));
        var in = driver.createInputTopic(SOURCE, new ByteArraySerializer(), new ByteArraySerializer());
        List<BadRecords.Bad> bads = BadRecords.all();
        List<byte[]> goods = new ArrayList<>();
        List<Long> badOffsets = new ArrayList<>();
        long offset = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < bads.size(); i++) {
                byte[] good = Rows.compact(Rows.ALL[(round + i) % Rows.ALL.length]);
                goods.add(good);
                in.pipeInput(new TestRecord<>(null, good, new RecordHeaders(), Instant.ofEpochMilli(BASE_TIME_MS + offset)));
                offset++;
                byte[] key = i % 3 == 0 ? null : utf8("k" + offset);
                in.pipeInput(new TestRecord<>(key, bads.get(i).value(), new RecordHeaders(),
                        Instant.ofEpochMilli(BASE_TIME_MS + offset)));
                badOffsets.add(offset);
                offset++;
            }
        }

        List<TestRecord<byte[], byte[]>> letters = deadLetters();
        assertThat(letters).hasSize(3 * bads.size());
        for (int j = 0; j < letters.size(); j++) {
            BadRecords.Bad bad = bads.get(j % bads.size());
            assertThat(letters.get(j).value()).as(bad.what()).isEqualTo(bad.value());
            assertThat(header(letters.get(j), DeadLetterHeaders.OFFSET)).isEqualTo(badOffsets.get(j).toString());
            assertThat(letters.get(j).timestamp()).isEqualTo(BASE_TIME_MS + badOffsets.get(j));
        }
        FlowRowDecoder json = new FlowRowDecoder();
        List<Flow> expected = new ArrayList<>();
        for (byte[] g : goods) {
            expected.add(json.decode(g));
        }
        assertThat(sinkFlows()).containsExactlyElementsOf(expected);
        assertThat(counter.total(SOURCE)).isEqualTo(3L * bads.size());
        assertThat(streamsDroppedRecords()).as("Streams' own task metric agrees").isEqualTo(3.0 * bads.size());
    }

    @Test
    void usesTheDefaultTopicWhenNoneIsConfigured() {
        start(Map.of());
        driver.createInputTopic(SOURCE, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(utf8("not json"));
        assertThat(driver.createOutputTopic(DeadLetterHandler.DEFAULT_TOPIC, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readValuesToList()).containsExactly(utf8("not json"));
    }

    @Test
    void fallsBackToStreamsOwnDeadLetterTopicSetting() {
        start(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "streams.dlq"));
        driver.createInputTopic(SOURCE, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(utf8("{}"));
        List<TestRecord<byte[], byte[]>> letters = driver.createOutputTopic("streams.dlq", new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(letters).hasSize(1);
        assertThat(header(letters.get(0), DeadLetterHeaders.FIELD)).isEqualTo("_id");
    }

    private List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    private List<Flow> sinkFlows() {
        return driver.createOutputTopic(SINK, new ByteArrayDeserializer(), TracefillSerdes.flow().deserializer())
                .readValuesToList();
    }

    private double streamsDroppedRecords() {
        for (Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
            if (e.getKey().name().equals("dropped-records-total")) {
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no dropped-records-total metric");
    }

    static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
