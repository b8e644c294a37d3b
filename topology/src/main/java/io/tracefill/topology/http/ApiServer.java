package io.tracefill.topology.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.HttpApiSettings;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.query.ClusterState;
import io.tracefill.topology.query.PeerProtocol;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline's HTTP server (docs/http-api.md): the JDK's {@link HttpServer} on
 * {@code tracefill.http.port}, all interfaces, with a fixed pool of
 * {@code tracefill.http.threads} threads and a bounded queue (a connection beyond it is closed
 * at once rather than queued without end). Bound first ({@link #bind}), so a taken port fails
 * the start before Kafka Streams joins its group; serving starts once the stream exists
 * ({@link #serve}).
 */
public final class ApiServer implements AutoCloseable {
    /** Connections waiting for a thread, per thread. */
    private static final int QUEUE_PER_THREAD = 16;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private boolean serving;

    private ApiServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds the port (0 picks a free one); {@link ConfigException} when it is taken. */
    public static ApiServer bind(int port, int threads) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (BindException e) {
            throw new ConfigException("port " + port + " (" + StreamSettings.HTTP_PORT + ") is in use: stop whatever "
                    + "listens there or choose another port");
        } catch (IOException e) {
            throw new ConfigException("cannot listen on port " + port + " (" + StreamSettings.HTTP_PORT + "): "
                    + e.getMessage());
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD), r -> {
                    Thread t = new Thread(r, "tracefill-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(executor);
        return new ApiServer(server, executor);
    }

    /** The port bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Mounts each handler on its path prefix and starts serving. */
    public synchronized void serve(Map<String, HttpHandler> contexts) {
        if (serving) {
            throw new IllegalStateException("already serving");
        }
        contexts.forEach(server::createContext);
        server.start();
        serving = true;
    }

    /**
     * Every route of the pipeline's API: the querier calls and the trace page over the state of all
     * instances, {@code /health}, {@code /metrics}, and the peer endpoints other instances call.
     *
     * @param self this instance's {@code application.server}
     */
    public static Map<String, HttpHandler> pipelineRoutes(KafkaStreams streams, StreamSettings s, HostInfo self) {
        ClusterState state = new ClusterState(streams, self, s.flowsPerKey());
        HttpApiSettings limits = s.httpApi();
        QuerierApi querier = new QuerierApi(state, s.tracing(), limits, s.flowsPerKey());
        Map<String, HttpHandler> routes = routes(querier, StreamStatus.of(streams));
        routes.put(PeerProtocol.PREFIX, new PeerHandler(state, limits.maxRequestBytes()));
        return routes;
    }

    /** The public routes (no peer endpoints), over any state: the pipeline's, or a test's. */
    public static Map<String, HttpHandler> routes(QuerierApi querier, StreamStatus status) {
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        TracePageHandler page = new TracePageHandler(new TracePage(), querier::trace, querier::complete,
                querier.limits().maxRequestBytes());
        for (String context : TracePageHandler.CONTEXTS) {
            routes.put(context, page);
        }
        routes.put(L7FlowTracingHandler.PATH, new L7FlowTracingHandler(querier));
        StatusHandler statusHandler = new StatusHandler(status);
        routes.put(StatusHandler.HEALTH, statusHandler);
        routes.put(StatusHandler.METRICS, statusHandler);
        return routes;
    }

    @Override
    public void close() {
        // in-flight answers get a moment; queued connections are dropped
        server.stop(serving ? 1 : 0);
        executor.shutdownNow();
    }
}
