package io.tracefill.topology.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;

/** {@code POST /v1/stats/querier/L7FlowTracing}: DeepFlow's tracing from an entry flow ({@link QuerierApi}). */
final class L7FlowTracingHandler implements HttpHandler {
    static final String PATH = "/v1/stats/querier/L7FlowTracing";

    private final QuerierApi querier;

    L7FlowTracingHandler(QuerierApi querier) {
        this.querier = querier;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (Responder out = new Responder(exchange)) {
            if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
                out.notFound();
            } else if (out.allow("POST")) {
                TracePageHandler.answerPost(out, querier.limits().maxRequestBytes(), querier::l7FlowTracing,
                        "L7 flow tracing");
            }
        }
    }
}
