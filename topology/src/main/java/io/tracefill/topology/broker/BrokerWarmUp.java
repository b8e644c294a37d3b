package io.tracefill.topology.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One transactional record written and read back with a consumer group, so that a fresh broker has
 * done everything for the first time before real work starts (DESIGN.md §5).
 *
 * <p>A broker that answers metadata requests is not yet ready for everything: the first consumer
 * group creates {@code __consumer_offsets}, the first transactional producer creates
 * {@code __transaction_state}, and until their partitions are loaded clients get
 * COORDINATOR_NOT_AVAILABLE and back off. Doing that here moves the cost to startup, where it is paid
 * once and bounded, instead of into the first test's or the demo pipeline's timeouts.
 */
public final class BrokerWarmUp {
    /** The topic the warm-up writes to; it stays on the broker with its one record. */
    public static final String TOPIC = "tracefill.warm-up";

    private static final String ID = "tracefill.warm-up";

    private BrokerWarmUp() {
    }

    /**
     * Runs the warm-up against {@code bootstrapServers}.
     *
     * @throws BrokerStartException when it does not finish within {@code timeout}, or fails
     */
    public static void run(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            createTopic(bootstrapServers, deadline);
            String value = "warm-up " + System.nanoTime();
            produceInTransaction(bootstrapServers, value, deadline);
            consumeAndCommit(bootstrapServers, value, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted during the broker warm-up", e);
        } catch (BrokerStartException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerStartException("broker warm-up failed: " + e, e);
        }
    }

    private static void createTopic(String bootstrap, long deadline) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all()
                    .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } catch (TimeoutException e) {
            throw timedOut("creating topic " + TOPIC);
        }
    }

    private static void produceInTransaction(String bootstrap, String value, long deadline) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, ID,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, remainingMs(deadline),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, ID, value));
            producer.commitTransaction();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw timedOut("a transactional produce");
        }
    }

    private static void consumeAndCommit(String bootstrap, String value, long deadline) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, ID,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            while (remainingMs(deadline) > 0) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                // A restarted demo broker is always fresh, but a rerun warm-up must not accept an old record.
                if (hasValue(records, value)) {
                    consumer.commitSync(Duration.ofMillis(Math.max(1, remainingMs(deadline))));
                    return;
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw timedOut("committing a consumer group offset");
        }
        throw timedOut("reading the warm-up record back");
    }

    private static boolean hasValue(ConsumerRecords<String, String> records, String value) {
        for (var r : records) {
            if (value.equals(r.value())) {
                return true;
            }
        }
        return false;
    }

    private static long remainingMs(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static BrokerStartException timedOut(String what) {
        return new BrokerStartException("broker warm-up timed out while " + what);
    }
}
