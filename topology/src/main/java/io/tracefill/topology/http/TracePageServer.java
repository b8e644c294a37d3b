package io.tracefill.topology.http;

import com.sun.net.httpserver.HttpServer;
import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.tracing.TracingConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK {@link HttpServer} with only the {@link TracePageHandler} on it: for tests and for looking
 * at the page locally. The application's API server mounts the handler itself.
 *
 * <pre>
 * java -cp topology/target/tracefill.jar io.tracefill.topology.http.TracePageServer \
 *     examples/frontend-orders.jsonl examples/completion-request.json [port]
 * </pre>
 */
public final class TracePageServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private TracePageServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code handler} on the loopback interface; port 0 picks a free one. */
    public static TracePageServer start(TracePageHandler handler, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", handler);
        // a browser fetches the page's script, style and data at once
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "trace-page-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new TracePageServer(server, executor);
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: TracePageServer FLOWS.jsonl COMPLETION-REQUEST.json [PORT]");
            System.exit(2);
        }
        FlowFileTraces traces = new FlowFileTraces(FlowFileTraces.readFlows(Path.of(args[0])), TracingConfig.defaults());
        CompletionRequest request;
        try {
            request = new CompletionRequestDecoder().decode(Files.readAllBytes(Path.of(args[1])));
        } catch (DecodeException e) {
            System.err.println(args[1] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        traces.complete(request);
        int port = args.length == 3 ? Integer.parseInt(args[2]) : 8080;
        TracePageServer server = start(new TracePageHandler(new TracePage(), traces::trace, traces::complete), port);
        System.out.println("trace page: " + server.baseUri() + "trace/"
                + FlowFileTraces.traceId(request).orElse("") + "  (Ctrl-C stops)");
    }
}
