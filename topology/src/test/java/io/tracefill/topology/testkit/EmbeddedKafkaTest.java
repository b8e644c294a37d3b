package io.tracefill.topology.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test broker is a real Kafka broker: durable acks, idempotence, transactions and isolation. */
class EmbeddedKafkaTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void createsTopicsWithTheAskedPartitions() throws Exception {
        KAFKA.createTopic("created", 4);

        try (Admin admin = Admin.create(KAFKA.clientProperties())) {
            TopicDescription topic = admin.describeTopics(List.of("created")).allTopicNames().get().get("created");
            assertThat(topic.partitions()).hasSize(4);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        }
    }

    @Test
    void idempotentProducerWithAcksAllKeepsEveryRecordOnceAndInOrder() throws Exception {
        // given
        KAFKA.createTopic("idempotent", 3);
        List<String> sent = new ArrayList<>();

        // when
        try (KafkaProducer<String, String> producer = producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            for (int i = 0; i < 300; i++) {
                String value = "v" + i;
                sent.add(value);
                producer.send(new ProducerRecord<>("idempotent", "key" + (i % 3), value));
            }
            RecordMetadata last = producer.send(new ProducerRecord<>("idempotent", "key0", "last")).get();
            assertThat(last.hasOffset()).isTrue();
        }
        sent.add("last");

        // then
        List<ConsumerRecord<String, String>> read =
                TopicReader.readUncommitted(KAFKA.bootstrapServers()).readToEnd("idempotent", TIMEOUT);
        assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
        for (String key : List.of("key0", "key1", "key2")) {
            List<String> ofKey = read.stream().filter(r -> r.key().equals(key)).map(ConsumerRecord::value).toList();
            List<String> sentOfKey = sent.stream().filter(v -> keyOf(v).equals(key)).toList();
            assertThat(ofKey).as("order of %s", key).containsExactlyElementsOf(sentOfKey);
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        // given
        createTopicUnchecked("transactional", 2);

        // when: committed, aborted, committed
        try (KafkaProducer<String, String> producer = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-transactional"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "committed-1"));
            producer.send(new ProducerRecord<>("transactional", "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "aborted-1"));
            producer.send(new ProducerRecord<>("transactional", "b", "aborted-2"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "committed-3"));
            producer.send(new ProducerRecord<>("transactional", "b", "committed-4"));
            producer.commitTransaction();
        }

        // then: commit markers may land after commitTransaction() returns, so a read_committed reader
        // waits for the last transaction's records; in each partition the aborted record lies before them.
        List<String> committed = TopicReader.readCommitted(KAFKA.bootstrapServers())
                .readUntil("transactional", records -> values(records).containsAll(List.of("committed-3", "committed-4")),
                        TIMEOUT)
                .stream().map(ConsumerRecord::value).toList();
        List<String> everything = TopicReader.readUncommitted(KAFKA.bootstrapServers())
                .readToEnd("transactional", TIMEOUT).stream().map(ConsumerRecord::value).toList();
        assertThat(committed).containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3", "committed-4");
        assertThat(everything).containsExactlyInAnyOrder(
                "committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3", "committed-4");
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static String keyOf(String value) {
        return value.equals("last") ? "key0" : "key" + (Integer.parseInt(value.substring(1)) % 3);
    }

    private static void createTopicUnchecked(String name, int partitions) {
        try {
            KAFKA.createTopic(name, partitions);
        } catch (Exception e) {
            throw new AssertionError("cannot create " + name, e);
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> settings) {
        Map<String, Object> props = KAFKA.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.putAll(settings);
        return new KafkaProducer<>(props);
    }
}
