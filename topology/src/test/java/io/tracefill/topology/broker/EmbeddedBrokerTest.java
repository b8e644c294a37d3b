package io.tracefill.topology.broker;

import io.tracefill.topology.testkit.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's broker starts on the ports it is given, serves clients, and leaves nothing behind. */
class EmbeddedBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void servesClientsOnItsPortAndDeletesItsDataOnClose() throws Exception {
        // given
        int clientPort = LoopbackPorts.anyFree();
        int controllerPort = LoopbackPorts.anyFree();
        Path data;

        // when
        try (EmbeddedBroker broker = EmbeddedBroker.start(clientPort, controllerPort)) {
            data = broker.dataDirectory();

            // then
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + clientPort);
            assertThat(data.resolve("meta.properties")).exists();
            assertThat(LoopbackPorts.isFree(clientPort)).isFalse();
            assertThat(LoopbackPorts.isFree(controllerPort)).isFalse();
            roundTrip(broker.bootstrapServers());
            System.err.printf("EmbeddedBroker ready in %d ms%n", broker.startupTime().toMillis());
        }
        assertThat(data).doesNotExist();
        assertThat(LoopbackPorts.isFree(clientPort)).isTrue();
        assertThat(LoopbackPorts.isFree(controllerPort)).isTrue();
    }

    @Test
    void refusesATakenClientPortWithOneLineAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            int port = taken.getLocalPort();
            long tempDirsBefore = tracefillTempDirs();

            assertThatThrownBy(() -> EmbeddedBroker.start(port, LoopbackPorts.anyFree()))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 (for Kafka clients) is in use: "
                            + "stop whatever listens there or choose another port");
            assertThat(tracefillTempDirs()).isEqualTo(tempDirsBefore);
        }
    }

    @Test
    void refusesATakenControllerPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedBroker.start(LoopbackPorts.anyFree(), port))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 (for the KRaft controller) is in use")
                    .hasMessageNotContaining("\n");
        }
    }

    private static void roundTrip(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("demo-check", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("demo-check", "k", "hello")).get();
        }
        List<ConsumerRecord<String, String>> read = TopicReader.readCommitted(bootstrap).readToEnd("demo-check", TIMEOUT);
        assertThat(read).extracting(ConsumerRecord::value).containsExactly("hello");
    }

    private static long tracefillTempDirs() throws Exception {
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("tracefill-kafka-")).count();
        }
    }
}
