package io.tracefill.workload;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records to Kafka with an idempotent producer ({@code acks=all}): a retried batch is
 * written once and in order, so the topics hold exactly the generated records. Each record keeps
 * its timestamp and key (none for DeepFlow rows, so they spread over partitions as DeepFlow's
 * exporter's do).
 *
 * <p>Sending is asynchronous; the first failure is rethrown by the next {@link #write} or by
 * {@link #close}, which waits until every record is acknowledged.
 */
public final class KafkaSink implements RecordSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicNames topics;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaSink(String bootstrapServers, TopicNames topics) {
        this(bootstrapServers, topics, Map.of());
    }

    /** @param overrides further producer settings, applied last */
    public KafkaSink(String bootstrapServers, TopicNames topics, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tracefill-generate");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // an unreachable broker or a missing topic should fail a command line in seconds, not a minute
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.putAll(overrides);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
    }

    @Override
    public void write(WireRecord r) {
        rethrow();
        producer.send(new ProducerRecord<>(topics.of(r.topic()), null, r.timestampMs(), r.key(), r.value()),
                (metadata, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /** Records the broker has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Waits until every record sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
        rethrow();
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        rethrow();
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw e instanceof KafkaException k ? k : new KafkaException(e.getMessage(), e);
        }
    }
}
