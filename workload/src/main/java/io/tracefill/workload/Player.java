package io.tracefill.workload;

import io.tracefill.serdes.model.TapSide;

import java.util.function.Consumer;

/**
 * Plays calls between pods forward in true time and writes everything the observers see: for
 * each call the caller's client span, its c-p, Packet rows at every NIC the request crosses, the
 * callee's s-p and server span. Trace context travels as W3C {@code traceparent} does; syscall
 * trace ids follow the serving thread (a new id whenever it reads after writing), which is what
 * lets DeepFlow link a server's s-p to the calls it makes meanwhile.
 */
final class Player {
    final Cluster cluster;
    final Ids ids;
    private final Connections connections;
    private final RowWriter rows;
    private final OtelSpans spans;

    Player(Cluster cluster, Ids ids, RowWriter rows, OtelSpans spans) {
        this.cluster = cluster;
        this.ids = ids;
        this.connections = new Connections(ids);
        this.rows = rows;
        this.spans = spans;
    }

    /** A process that sends requests without serving one (a scraper, a batch job): untraced. */
    Handler client(Output out, Cluster.Pod pod, long t) {
        return new Handler(out, pod, "", "", "", t);
    }

    /** What the callee learns from the request besides its body. */
    record Incoming(String traceId, String spanId, String xRequestId, String forwardedFor) {
        static final Incoming NONE = new Incoming("", "", "", "");
    }

    /** A pod serving one request: its serving thread and the trace it continues. */
    final class Handler {
        final Output out;
        final Cluster.Pod pod;
        /** The trace this process records spans for, or "" (not instrumented, or not sampled). */
        final String traceId;
        /** This process's server span, parent of its client spans; "" when not traced. */
        final String spanId;
        /** The trace id the frontend starts when a request arrives without context (empty: do not trace). */
        final String rootTraceId;
        /** X-Request-ID and X-Forwarded-For that a proxy sends on ("" for applications, which do not). */
        String xRequestId = "";
        String forwardedFor = "";
        final int thread;
        /** The serving thread's current syscall trace id. */
        long syscall;
        /** True time now on the serving thread, µs. */
        long t;
        private Response response;

        Handler(Output out, Cluster.Pod pod, String traceId, String spanId, String rootTraceId, long t) {
            this.out = out;
            this.pod = pod;
            this.traceId = traceId;
            this.spanId = spanId;
            this.rootTraceId = rootTraceId;
            this.thread = pod.pid() + (int) ids.between(1, 200);
            this.syscall = ids.unsigned64(); // reading the request starts a new id
            this.t = t;
        }

        boolean traced() {
            return !traceId.isEmpty();
        }

        /** Spends {@code lo..hi} µs computing. */
        void work(long lo, long hi) {
            t += ids.between(lo, hi);
        }

        /** Answers with an error instead of success. */
        void fail(int code, String message) {
            response = new Response(false, code, message);
        }

        /** A call to a pod of {@code service}, made on the serving thread; returns when the answer is back. */
        Response call(String service, Request r, Consumer<Handler> serve) {
            return Player.this.call(this, cluster.pick(service, ids.rng()), r, serve, false);
        }

        /** A call to one pod (a scrape of its metrics), made on the serving thread. */
        Response call(Cluster.Pod to, Request r, Consumer<Handler> serve) {
            return Player.this.call(this, to, r, serve, false);
        }

        /** A call made from another thread (an executor): it does not share the serving thread's syscall ids. */
        Response callOnWorker(String service, Request r, Consumer<Handler> serve) {
            return Player.this.call(this, cluster.pick(service, ids.rng()), r, serve, true);
        }

        /** Resolves a service's name through CoreDNS on the serving thread (a DNS cache miss). */
        void resolve(String service, String namespace) {
            String name = service + "." + namespace + ".svc.cluster.local";
            Player.this.call(this, cluster.pick("coredns", ids.rng()), Request.dns(name), h -> h.work(20, 400), false);
        }
    }

    private Response call(Handler from, Cluster.Pod to, Request r, Consumer<Handler> serve, boolean worker) {
        boolean clientSpan = from.traced() && OtelSpans.clientSpans(from.pod.service().sdk(), r.proto());
        String cSpan = clientSpan ? ids.spanId() : "";
        String wireTrace = r.proto().carriesHeaders() ? from.traceId : "";
        Incoming incoming = new Incoming(wireTrace, wireTrace.isEmpty() ? "" : clientSpan ? cSpan : from.spanId,
                r.proto().carriesHeaders() ? from.xRequestId : "",
                r.proto().carriesHeaders() ? from.forwardedFor : "");
        boolean dns = r.proto() == Proto.DNS;
        Connections.Use c = dns
                ? new Connections.Use(ids.ephemeralPort(), 0, 0, ids.dnsTransactionId(), ids.between(1, 9_999), 0)
                : connections.use(from.pod.name(), to.name(), r.requestBytes(), r.responseBytes());
        boolean cross = from.pod.node() != to.node();
        long tApp0 = from.t;
        long tCp0 = tApp0 + (clientSpan ? ids.between(5, 30) : ids.between(1, 3));
        long tC0 = tCp0 + ids.between(3, 10);
        long tCnd0 = tC0 + ids.between(2, 6);
        long tSnd0 = tCnd0 + ids.between(80, 300);
        long tS0 = cross ? tSnd0 + ids.between(2, 6) : tC0 + ids.between(10, 40);
        long sysReq;
        long sysResp;
        // an event-loop proxy interleaves many connections on one thread: its ids link nothing
        if (worker || from.pod.service().process().equals("nginx")) {
            sysReq = ids.unsigned64();
            sysResp = ids.unsigned64();
        } else {
            sysReq = from.syscall;
            from.syscall = ids.unsigned64(); // reading the response after writing the request
            sysResp = from.syscall;
        }
        Served s = serve(from.out, to, r.proto(), incoming, from.rootTraceId, tS0 + ids.between(3, 10), serve);
        Exchange x = new Exchange(r.proto(), Party.of(from.pod), Party.of(to), c.clientPort(), r.port(), c.reqSeq(),
                c.respSeq(), c.clientCapSeq(), c.serverCapSeq(), incoming.traceId(), incoming.spanId(),
                incoming.xRequestId(), "", incoming.forwardedFor(),
                dns || r.proto() == Proto.GRPC ? c.streamId() : null, r, s.response.code(), s.response.status(),
                s.response.message(), dns ? clusterIp(r.resource()) : "");
        long tS1 = s.tSp1 + ids.between(3, 10);
        long tSnd1 = tS1 + ids.between(2, 6);
        long tCnd1 = tSnd1 + ids.between(80, 300);
        long tC1 = cross ? tCnd1 + ids.between(2, 6) : tS1 + ids.between(10, 40);
        long tCp1 = tC1 + ids.between(3, 10);
        long tApp1 = clientSpan ? tCp1 + ids.between(5, 30) : tCp1;
        Output out = from.out;
        // the server's s-p and the Packet rows of a DNS query share no key with the trace but the DNS id
        out.dnsOnly = dns;
        s.write(x);
        rows.observe(out, x, TapSide.SERVER_NIC, to.node(), tS0, tS1, 0, 0, 0);
        if (cross) {
            rows.observe(out, x, TapSide.SERVER_NODE, to.node(), tSnd0, tSnd1, 0, 0, 0);
            rows.observe(out, x, TapSide.CLIENT_NODE, from.pod.node(), tCnd0, tCnd1, 0, 0, 0);
        }
        rows.observe(out, x, TapSide.CLIENT_NIC, from.pod.node(), tC0, tC1, 0, 0, 0);
        out.dnsOnly = false;
        rows.observe(out, x, TapSide.CLIENT_PROCESS, from.pod.node(), tCp0, tCp1, sysReq, sysResp,
                worker ? from.pod.pid() + (int) ids.between(201, 400) : from.thread);
        if (clientSpan) {
            spans.client(out, from.pod, from.traceId, cSpan, from.spanId, x, tApp0, tApp1);
        }
        from.t = tApp1;
        return s.response;
    }

    /** The server half of a call, played; its rows are written once the exchange (and its answer) is known. */
    final class Served {
        final Handler h;
        final long tSp0;
        final long tApp0;
        final long tApp1;
        final long tSp1;
        final long sysReq;
        final Response response;
        final String parentSpanId;

        Served(Handler h, long tSp0, long tApp0, long tApp1, long tSp1, long sysReq, Response response,
               String parentSpanId) {
            this.h = h;
            this.tSp0 = tSp0;
            this.tApp0 = tApp0;
            this.tApp1 = tApp1;
            this.tSp1 = tSp1;
            this.sysReq = sysReq;
            this.response = response;
            this.parentSpanId = parentSpanId;
        }

        void write(Exchange x) {
            // the server's process answers on the thread that read the request, unless it is an event loop
            boolean loop = h.pod.service().process().equals("nginx");
            rows.observe(h.out, x, TapSide.SERVER_PROCESS, h.pod.node(), tSp0, tSp1, sysReq,
                    loop ? ids.unsigned64() : h.syscall, h.thread);
            if (h.traced()) {
                spans.server(h.out, h.pod, h.traceId, h.spanId, parentSpanId, x, tApp0, tApp1);
            }
        }
    }

    /**
     * {@code to} serving a request that reached its process at {@code tSp0}. An instrumented pod
     * continues the incoming trace, or starts {@code rootTraceId} when none came.
     */
    Served serve(Output out, Cluster.Pod to, Proto proto, Incoming in, String rootTraceId, long tSp0,
                 Consumer<Handler> body) {
        String traceId = !to.instrumented() ? "" : !in.traceId().isEmpty() ? in.traceId() : rootTraceId;
        Handler h = new Handler(out, to, traceId, traceId.isEmpty() ? "" : ids.spanId(), rootTraceId,
                tSp0 + ids.between(5, 30));
        long sysReq = h.syscall;
        long tApp0 = h.t;
        h.work(20, 200);
        body.accept(h);
        long tApp1 = h.t + ids.between(10, 100);
        long tSp1 = tApp1 + ids.between(5, 20);
        Response response = h.response != null ? h.response : Response.success(proto);
        return new Served(h, tSp0, tApp0, tApp1, tSp1, sysReq, response, in.traceId().isEmpty() ? "" : in.spanId());
    }

    /** CoreDNS answers a Service name with its ClusterIP, which stays the same. */
    private static String clusterIp(String name) {
        int h = name.hashCode();
        return "10.96." + (h >>> 8 & 0xff) + "." + (1 + Math.floorMod(h, 254));
    }
}
