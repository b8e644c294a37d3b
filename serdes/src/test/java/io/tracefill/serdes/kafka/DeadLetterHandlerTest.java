package io.tracefill.serdes.kafka;

import io.tracefill.serdes.json.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handler's {@link Response} itself, for cases a topology cannot easily produce. */
class DeadLetterHandlerTest {
    private static final byte[] KEY = {1, 2, 3};
    private static final byte[] VALUE = "{\"_id\":".getBytes(StandardCharsets.UTF_8);

    /** What Streams passes; the handler reads the record, not this. */
    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
                           TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {
        static Context of(ConsumerRecord<byte[], byte[]> r) {
            return new Context(r.topic(), r.partition(), r.offset(), r.headers(), "source", new TaskId(0, r.partition()),
                    r.timestamp(), r.key(), r.value());
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long timestamp, Headers headers) {
        return new ConsumerRecord<>("in", 7, 4242L, timestamp, TimestampType.CREATE_TIME, KEY.length, VALUE.length, KEY,
                VALUE, headers, Optional.empty());
    }

    private static DeadLetterHandler handler(Map<String, Object> configs) {
        DeadLetterHandler h = new DeadLetterHandler();
        h.configure(configs);
        return h;
    }

    private static ProducerRecord<byte[], byte[]> onlyLetter(DeadLetterHandler h, ConsumerRecord<byte[], byte[]> r,
                                                             Exception e) {
        Response response = h.handleError(Context.of(r), r, e);
        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        return response.deadLetterQueueRecords().get(0);
    }

    @Test
    void resumesWithTheRecordsBytesTimestampAndHeadersThenItsOwnHeaders() {
        Headers original = new RecordHeaders().add("a", new byte[]{9}).add(DeadLetterHeaders.REASON, "old".getBytes());
        ConsumerRecord<byte[], byte[]> r = record(1_718_000_000_135L, original);
        Exception e = RecordDecodeException.of(new DecodeException("_id", "missing"));

        ProducerRecord<byte[], byte[]> out = onlyLetter(handler(Map.of(DeadLetterHandler.TOPIC_CONFIG, "dlq")), r, e);

        assertThat(out.topic()).isEqualTo("dlq");
        assertThat(out.partition()).isNull();
        assertThat(out.key()).isEqualTo(KEY);
        assertThat(out.value()).isEqualTo(VALUE);
        assertThat(out.timestamp()).isEqualTo(1_718_000_000_135L);
        List<String> names = new ArrayList<>();
        for (Header h : out.headers()) {
            names.add(h.key());
        }
        assertThat(names).containsExactly("a", DeadLetterHeaders.REASON, DeadLetterHeaders.REASON,
                DeadLetterHeaders.FIELD, DeadLetterHeaders.EXCEPTION, DeadLetterHeaders.TOPIC,
                DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.TIMESTAMP);
        assertThat(text(out, DeadLetterHeaders.REASON)).as("ours is the last of that name").isEqualTo("missing");
        assertThat(text(out, DeadLetterHeaders.FIELD)).isEqualTo("_id");
        assertThat(text(out, DeadLetterHeaders.TOPIC)).isEqualTo("in");
        assertThat(text(out, DeadLetterHeaders.PARTITION)).isEqualTo("7");
        assertThat(text(out, DeadLetterHeaders.OFFSET)).isEqualTo("4242");
        assertThat(text(out, DeadLetterHeaders.TIMESTAMP)).isEqualTo("1718000000135");
        assertThat(r.headers().toArray()).as("the consumed record's headers are not touched").hasSize(2);
    }

    @Test
    void aRecordWithoutTimestampGetsNoneAndSaysSo() {
        ProducerRecord<byte[], byte[]> out = onlyLetter(handler(Map.of()), record(-1, new RecordHeaders()),
                new SerializationException("x"));
        assertThat(out.timestamp()).isNull();
        assertThat(text(out, DeadLetterHeaders.TIMESTAMP)).isEqualTo("-1");
        assertThat(out.topic()).isEqualTo(DeadLetterHandler.DEFAULT_TOPIC);
    }

    @Test
    void anyOtherExceptionGivesItsMessageAndNoField() {
        ConsumerRecord<byte[], byte[]> r = record(5, new RecordHeaders());
        ProducerRecord<byte[], byte[]> out = onlyLetter(handler(Map.of()), r,
                new SerializationException("Size of data received by IntegerDeserializer is not 4"));
        assertThat(text(out, DeadLetterHeaders.REASON)).isEqualTo("Size of data received by IntegerDeserializer is not 4");
        assertThat(out.headers().lastHeader(DeadLetterHeaders.FIELD)).isNull();
        assertThat(text(out, DeadLetterHeaders.EXCEPTION)).isEqualTo(SerializationException.class.getName());

        ProducerRecord<byte[], byte[]> noMessage = onlyLetter(handler(Map.of()), r, new IllegalStateException());
        assertThat(text(noMessage, DeadLetterHeaders.REASON)).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void findsADecodeErrorWrappedInOtherExceptions() {
        Exception wrapped = new StreamsException("outer", new SerializationException("middle",
                new DecodeException("start_time", "must not be negative")));
        ProducerRecord<byte[], byte[]> out = onlyLetter(handler(Map.of()), record(5, new RecordHeaders()), wrapped);
        assertThat(text(out, DeadLetterHeaders.FIELD)).isEqualTo("start_time");
        assertThat(text(out, DeadLetterHeaders.REASON)).isEqualTo("must not be negative");
        assertThat(text(out, DeadLetterHeaders.EXCEPTION)).isEqualTo(DecodeException.class.getName());
    }

    @Test
    void cutsAHugeReasonWithoutSplittingACharacter() {
        String reason = "x".repeat(DeadLetter.MAX_REASON_CHARS - 2) + "😀" + "y".repeat(5000); // the pair straddles the cut
        ProducerRecord<byte[], byte[]> out = onlyLetter(handler(Map.of()), record(5, new RecordHeaders()),
                new RecordDecodeException("f", reason, null));
        String kept = text(out, DeadLetterHeaders.REASON);
        assertThat(kept).hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS).endsWith("x…");
        assertThat(DeadLetter.truncate("short")).isEqualTo("short");
    }

    @Test
    void tellsTheListenerAndSurvivesOneThatThrows() {
        AtomicInteger calls = new AtomicInteger();
        List<DeadLetter> seen = new ArrayList<>();
        DeadLetterListener recording = letter -> {
            seen.add(letter);
            calls.incrementAndGet();
        };
        onlyLetter(handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, recording)), record(5, new RecordHeaders()),
                RecordDecodeException.of(new DecodeException("trace_id", "expected a string, got number")));
        assertThat(seen).containsExactly(new DeadLetter("in", 7, 4242, 5, "trace_id", "expected a string, got number",
                RecordDecodeException.class.getName()));

        DeadLetterListener failing = letter -> {
            calls.incrementAndGet();
            throw new IllegalStateException("metrics broke");
        };
        onlyLetter(handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, failing)), record(5, new RecordHeaders()),
                new SerializationException("x"));
        assertThat(calls).hasValue(2);
    }

    /** Made by the handler from its class name; counts in a static field so the test can see it. */
    public static final class CountingListener implements DeadLetterListener {
        static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public void onDeadLetter(DeadLetter letter) {
            COUNT.incrementAndGet();
        }
    }

    @Test
    void makesAListenerFromAClassOrItsName() {
        int before = CountingListener.COUNT.get();
        onlyLetter(handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, CountingListener.class.getName())),
                record(5, new RecordHeaders()), new SerializationException("x"));
        onlyLetter(handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, CountingListener.class)),
                record(5, new RecordHeaders()), new SerializationException("x"));
        assertThat(CountingListener.COUNT.get() - before).isEqualTo(2);
    }

    @Test
    void refusesBadConfiguration() {
        assertThatThrownBy(() -> handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, "no.such.Listener")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no.such.Listener");
        assertThatThrownBy(() -> handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, String.class)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not a");
        assertThatThrownBy(() -> handler(Map.of(DeadLetterHandler.TOPIC_CONFIG, " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not be empty");
    }

    @Test
    void ownTopicSettingWinsOverStreamsOneWhichWinsOverTheDefault() {
        Map<String, Object> both = new HashMap<>();
        both.put(DeadLetterHandler.TOPIC_CONFIG, "ours");
        both.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "streams");
        assertThat(handler(both).topic()).isEqualTo("ours");
        assertThat(handler(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "streams")).topic())
                .isEqualTo("streams");
        assertThat(handler(Map.of()).topic()).isEqualTo("tracefill.dead-letters");
    }

    @Test
    void metricsCountPerSourceTopic() {
        try (Metrics metrics = new Metrics()) {
            DeadLetterMetrics m = new DeadLetterMetrics(metrics);
            DeadLetterHandler h = handler(Map.of(DeadLetterHandler.LISTENER_CONFIG, m));
            for (int i = 0; i < 3; i++) {
                onlyLetter(h, record(5, new RecordHeaders()), new SerializationException("x"));
            }
            assertThat(m.total("in")).isEqualTo(3);
            assertThat(m.total("other")).isZero();
            assertThat(metrics.metrics().keySet()).anySatisfy(n -> {
                assertThat(n.group()).isEqualTo(DeadLetterMetrics.GROUP);
                assertThat(n.name()).isEqualTo(DeadLetterMetrics.RATE);
                assertThat(n.tags()).containsEntry("topic", "in");
            });
        }
    }

    private static String text(ProducerRecord<byte[], byte[]> r, String header) {
        return new String(r.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
