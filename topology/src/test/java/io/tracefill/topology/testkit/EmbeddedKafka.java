package io.tracefill.topology.testkit;

import io.tracefill.topology.broker.BrokerWarmUp;
import io.tracefill.topology.broker.SingleNodeSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka cluster (one KRaft process that is broker and controller) for the tests of
 * one class, on free loopback ports chosen by the operating system, with the DESIGN.md §5 settings
 * and warmed up, so that consumer groups and transactions work from the first test on.
 *
 * <pre>{@code
 * class PipelineIT {
 *     @RegisterExtension
 *     static final EmbeddedKafka KAFKA = new EmbeddedKafka();
 *
 *     @Test
 *     void countsPerKey() {
 *         KAFKA.createTopic("in", 2);
 *         ... KAFKA.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: the broker starts before the first test of the class and
 * stops, with its data directory deleted, after the last. Tests of one class share the broker, so
 * each should use topic names and group or application ids of its own. It can also be used without
 * JUnit: {@link #start()}, then {@link #close()}.
 *
 * <p>Built on {@link KafkaClusterTestKit} from {@code kafka-test-common-runtime}, Kafka's own harness
 * for in-process clusters, run with the production metadata version rather than the test kit's
 * default of unreleased features, so the broker behaves as a released 4.3 broker does.
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> brokerProperties = new HashMap<>(SingleNodeSettings.asMap());
    private KafkaClusterTestKit cluster;
    private Duration startupTime = Duration.ZERO;

    /** A broker with the DESIGN.md §5 settings ({@link SingleNodeSettings}). */
    public EmbeddedKafka() {
    }

    /** Adds or overrides one broker setting; call before the broker starts. */
    public EmbeddedKafka withBrokerProperty(String key, String value) {
        if (cluster != null) {
            throw new IllegalStateException("the broker is already running");
        }
        brokerProperties.put(key, value);
        return this;
    }

    /**
     * Formats a temporary directory, starts the node, waits until it is registered and unfenced, then
     * runs the warm-up ({@link BrokerWarmUp}). Does nothing when already started.
     */
    public synchronized void start() throws Exception {
        if (cluster != null) {
            return;
        }
        long started = System.nanoTime();
        TestKitNodes nodes = new TestKitNodes.Builder(productionBootstrapMetadata())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerProperties.forEach(builder::setConfigProp);
        // The test kit turns these on by default; a released broker has them off.
        builder.setConfigProp("unstable.api.versions.enable", "false");
        builder.setConfigProp("unstable.feature.versions.enable", "false");
        KafkaClusterTestKit kit = builder.build();
        long warmUpStarted;
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            warmUpStarted = System.nanoTime();
            BrokerWarmUp.run(kit.bootstrapServers(), TIMEOUT);
        } catch (Exception | Error e) {
            kit.close();
            throw e;
        }
        cluster = kit;
        long now = System.nanoTime();
        startupTime = Duration.ofNanos(now - started);
        log.info("Kafka test broker on {} ready in {} ms (start {} ms, warm-up {} ms)", kit.bootstrapServers(),
                startupTime.toMillis(), Duration.ofNanos(warmUpStarted - started).toMillis(),
                Duration.ofNanos(now - warmUpStarted).toMillis());
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:41234}. */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** Client settings with {@code bootstrap.servers} set; a new mutable map to add to. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** Creates a topic with one replica and waits until the broker has it. */
    public void createTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with one replica and the given topic configs, and waits until the broker has it. */
    public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Wall time {@link #start()} took, from nothing to a warmed-up broker. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the node and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() throws Exception {
        if (cluster != null) {
            KafkaClusterTestKit kit = cluster;
            cluster = null;
            kit.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private synchronized KafkaClusterTestKit running() {
        if (cluster == null) {
            throw new IllegalStateException("the broker is not running: register EmbeddedKafka on a static field "
                    + "with @RegisterExtension, or call start()");
        }
        return cluster;
    }

    /** metadata.version and feature levels of this Kafka release, as {@code kafka-storage.sh format} picks them. */
    private static BootstrapMetadata productionBootstrapMetadata() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(version));
        }
        return BootstrapMetadata.fromVersions(version, features, "tracefill-tests");
    }
}
