package io.tracefill.topology.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka cluster inside this JVM for {@code tracefill demo}: one KRaft process that
 * is broker and controller at once, listening on fixed loopback ports, with its data in a fresh
 * temporary directory that is deleted when it stops, also on Ctrl-C.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start()) {   // 127.0.0.1:9092, controller 127.0.0.1:9093
 *     run(broker.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Only clients connect to {@link #clientPort()}; {@link #controllerPort()} carries KRaft's own
 * traffic between the broker and the controller parts of the node, and must be free too.
 *
 * <p><b>Internal Kafka classes.</b> Kafka has no public API for running a broker in-process. This class
 * is the only place in main code that uses Kafka's server internals, the same ones the
 * {@code kafka-storage.sh format} and {@code kafka-server-start.sh} scripts run: {@link Formatter}
 * to format the log directory, {@link KafkaConfig} and {@link KafkaRaftServer} to run the node. They
 * may change in any Kafka release; the broker test catches that on upgrade.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Port for Kafka clients unless told otherwise: Kafka's usual one. */
    public static final int DEFAULT_CLIENT_PORT = 9092;
    /** Port of the KRaft controller listener unless told otherwise (used by the node itself only). */
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int NODE_ID = 1;
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Bounds both the server's own startup and the warm-up: a broker that needs longer is broken. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final DataDirectory dataDirectory;
    private final int clientPort;
    private final int controllerPort;
    /** Stops the broker and deletes its data when the JVM exits without close(), e.g. on Ctrl-C. */
    private final Thread shutdownHook = new Thread(this::close, "tracefill-broker-shutdown");
    /** Clients to close before the broker stops, newest first. */
    private final Deque<AutoCloseable> clients = new ArrayDeque<>();
    private volatile KafkaRaftServer server;
    private volatile Duration startupTime = Duration.ZERO;
    private boolean closed;

    private EmbeddedBroker(DataDirectory dataDirectory, int clientPort, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.clientPort = clientPort;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on the default ports 9092 (clients) and 9093 (controller); see {@link #start(int, int)}. */
    public static EmbeddedBroker start() {
        return start(DEFAULT_CLIENT_PORT, DEFAULT_CONTROLLER_PORT);
    }

    /**
     * Formats a fresh data directory, starts the node and warms it up (DESIGN.md §5); returns once
     * clients, consumer groups and transactions all work.
     *
     * @param clientPort     port on 127.0.0.1 for Kafka clients
     * @param controllerPort port on 127.0.0.1 for the node's KRaft controller listener
     * @throws BrokerStartException with a one-line message when a port is taken, the data directory
     *                              cannot be made, or the broker fails or times out; nothing is left behind
     */
    public static EmbeddedBroker start(int clientPort, int controllerPort) {
        if (clientPort == controllerPort) {
            throw new IllegalArgumentException("client and controller ports must differ, both are " + clientPort);
        }
        requireFree(clientPort, "Kafka clients");
        requireFree(controllerPort, "the KRaft controller");
        long started = System.nanoTime();
        EmbeddedBroker broker = new EmbeddedBroker(DataDirectory.create("tracefill-kafka-"), clientPort, controllerPort);
        // Registered before anything starts, so that Ctrl-C during startup also leaves nothing behind.
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            broker.run();
        } catch (RuntimeException | Error e) {
            broker.closeQuietly();
            throw startFailure(e, clientPort, controllerPort);
        }
        broker.startupTime = Duration.ofNanos(System.nanoTime() - started);
        log.info("Kafka broker ready on {} (controller port {}) in {} ms, data in {}",
                broker.bootstrapServers(), controllerPort, broker.startupTime.toMillis(), broker.dataDirectory());
        return broker;
    }

    private void run() {
        Path dir = dataDirectory.path();
        Map<String, Object> config = nodeConfig(clientPort, controllerPort, dir);
        format(dir);
        server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        BrokerWarmUp.run(bootstrapServers(), STARTUP_TIMEOUT);
    }

    /** {@code 127.0.0.1:PORT}: the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers(clientPort);
    }

    /** The port Kafka clients connect to. */
    public int clientPort() {
        return clientPort;
    }

    /** The port of the node's KRaft controller listener. */
    public int controllerPort() {
        return controllerPort;
    }

    /** Where the broker keeps its logs and metadata; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return dataDirectory.path();
    }

    /** Wall time from {@link #start} to a warmed-up broker. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Registers something that uses this broker (a Streams application, a producer) to be closed
     * before the broker stops, newest first. On Ctrl-C the JVM runs every shutdown hook at once and in
     * no set order; this way the broker's own hook still stops its clients before itself, instead of
     * leaving them retrying against a closed port until their timeouts.
     */
    public synchronized void closeFirst(AutoCloseable client) {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        clients.push(client);
    }

    /**
     * Closes the clients registered with {@link #closeFirst}, stops the broker and deletes its data
     * directory. Idempotent. Close other clients that use the broker first: a client left open keeps
     * retrying against a closed port.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!clients.isEmpty()) {
            AutoCloseable client = clients.pop();
            try {
                client.close();
            } catch (Exception e) {
                log.warn("closing {} before the broker stops failed", client, e);
            }
        }
        try {
            KafkaRaftServer running = server;
            if (running != null) {
                running.shutdown();
                running.awaitShutdown();
            }
        } finally {
            dataDirectory.delete();
            removeShutdownHook();
        }
        log.info("Kafka broker on {} stopped, data deleted", bootstrapServers());
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException | Error e) {
            log.debug("while stopping a broker that failed to start", e);
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already running hooks; ours will find the broker closed.
        }
    }

    private static Map<String, Object> nodeConfig(int clientPort, int controllerPort, Path dataDirectory) {
        Map<String, Object> c = new HashMap<>(SingleNodeSettings.asMap());
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + LoopbackPorts.HOST + ":" + controllerPort);
        c.put("listeners", CLIENT_LISTENER + "://" + LoopbackPorts.HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":" + controllerPort);
        c.put("advertised.listeners", CLIENT_LISTENER + "://" + LoopbackPorts.HOST + ":" + clientPort);
        c.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        c.put("inter.broker.listener.name", CLIENT_LISTENER);
        c.put("log.dirs", dataDirectory.toString());
        c.put("server.max.startup.time.ms", Long.toString(STARTUP_TIMEOUT.toMillis()));
        return c;
    }

    /**
     * Writes {@code meta.properties} and the bootstrap metadata (metadata.version and feature levels of
     * this Kafka release) into the empty directory: what {@code kafka-storage.sh format} does for a
     * node of a static quorum. KRaft refuses to start on an unformatted directory.
     */
    private static void format(Path dataDirectory) {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDirectory.toString()))
                .setMetadataLogDirectory(dataDirectory.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new BrokerStartException("cannot format the broker's data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void requireFree(int port, String user) {
        if (!LoopbackPorts.isFree(port)) {
            throw portTaken(port, user, null);
        }
    }

    private static BrokerStartException portTaken(int port, String user, Throwable cause) {
        return new BrokerStartException("port " + port + " on " + LoopbackPorts.HOST + " (for " + user
                + ") is in use: stop whatever listens there or choose another port", cause);
    }

    private static BrokerStartException startFailure(Throwable e, int clientPort, int controllerPort) {
        if (e instanceof BrokerStartException b) {
            return b;
        }
        // Another process may have taken a port between our check and the broker's bind.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("failed to bind")) {
                String message = String.valueOf(t.getMessage());
                boolean controller = message.contains(":" + controllerPort);
                return portTaken(controller ? controllerPort : clientPort,
                        controller ? "the KRaft controller" : "Kafka clients", e);
            }
        }
        return new BrokerStartException("the embedded Kafka broker failed to start: " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String s = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String bootstrapServers(int port) {
        return LoopbackPorts.HOST + ":" + port;
    }
}
