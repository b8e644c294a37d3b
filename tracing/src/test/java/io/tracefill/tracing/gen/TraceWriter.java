package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.gen.CallPlan.Call;
import io.tracefill.tracing.gen.CallPlan.Handler;
import io.tracefill.tracing.gen.CallPlan.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays a {@link CallPlan} forward in time and writes what DeepFlow would store: for each call
 * the caller's c-app span and c-p, Packet rows at every NIC the request crosses, the callee's
 * s-p and s-app span. Trace context travels the way W3C {@code traceparent} does; syscall trace
 * ids follow the serving thread (a new id whenever the thread reads after writing), which is
 * what links an s-p to the c-p calls made while serving it.
 */
final class TraceWriter {
    private static final String[] PATHS = {"/api/cart", "/api/checkout", "/api/items", "/api/user", "/api/orders",
            "/api/price", "/api/stock", "/api/recommendations"};
    private static final String[] SQL = {"SELECT * FROM orders WHERE id = ?", "SELECT * FROM items WHERE sku = ?",
            "UPDATE stock SET qty = qty - ? WHERE sku = ?", "INSERT INTO events VALUES (?, ?, ?)"};
    private static final String[] REDIS = {"GET", "SET", "HGETALL", "EXPIRE"};

    private final TraceShape shape;
    private final Cluster cluster;
    private final IdSource ids;
    private final SplittableRandom rng;
    private final FlowFactory flows;

    /** Where rows of the request being written go; swapped to write noise with the same machinery. */
    private List<Flow> rows;
    private List<Flow> offPath;
    private String traceId;
    private String xRequestId;
    /** The s-app span id written last: a handler writes its own after those of the calls it made. */
    private String lastServerAppId;

    /** The serving thread's current syscall trace id. */
    private static final class ThreadIds {
        long current;

        ThreadIds(long current) {
            this.current = current;
        }
    }

    TraceWriter(TraceShape shape, Cluster cluster, IdSource ids, SplittableRandom rng) {
        this.shape = shape;
        this.cluster = cluster;
        this.ids = ids;
        this.rng = rng;
        this.flows = new FlowFactory(ids, rng, shape.splitShare());
    }

    /** Rows of a request entering the cluster at {@code startUs} (true time) and served as planned. */
    SyntheticTrace write(Handler root, long startUs) {
        rows = new ArrayList<>();
        offPath = new ArrayList<>();
        traceId = ids.traceId();
        xRequestId = shape.ingressXRequestId() ? ids.xRequestId() : "";
        // the browser sent no trace context; the frontend answers with the X-Request-ID it minted
        CallHeaders entry = serviceHeaders(Protocol.HTTP, root.pod, "", "", "", xRequestId);
        Cluster.Node node = root.pod.node();
        long tSnd0 = startUs;
        long tS0 = tSnd0 + between(2, 6);
        long tSp0 = tS0 + between(3, 10);
        long tSp1 = serve(root, entry, cluster.internet, tSp0);
        String entryId = lastServerAppId; // the frontend's s-app
        long tS1 = tSp1 + between(3, 10);
        long tSnd1 = tS1 + between(2, 6);
        flows.observe(rows, entry, "s", SignalSource.PACKET, node, tS0, tS1, cluster.internet, root.pod.side(), 0, 0);
        flows.observe(rows, entry, "s-nd", SignalSource.PACKET, node, tSnd0, tSnd1, cluster.internet,
                root.pod.side(), 0, 0);
        List<Flow> noise = new ArrayList<>();
        writeNoise(noise, (int) Math.round(rows.size() * shape.noisePerFlow()), startUs - 20_000, tSnd1 + 20_000);
        return new SyntheticTrace(traceId, entryId, rows, offPath, noise);
    }

    /**
     * A pod serving one request: its s-p row, and for an application its s-app span and the
     * calls it makes. Returns the true time the response leaves the process.
     */
    private long serve(Handler h, CallHeaders incoming, FlowSide caller, long tSp0) {
        ThreadIds thread = new ThreadIds(ids.syscallTraceId()); // reading the request starts a new id
        long sysReq = thread.current;
        long t;
        switch (h.pod.kind()) {
            case APP -> {
                String span = ids.spanId();
                long tApp0 = tSp0 + between(5, 30);
                t = tApp0 + between(20, 200);
                for (Call c : h.calls) {
                    t = call(h, span, incoming, c, t, thread) + between(20, 300);
                }
                if (h.calls.isEmpty()) {
                    t += between(200, 3_000);
                }
                // OTel continues the incoming trace, or starts one at the edge
                Flow sApp = flows.appSpan("s-app", h.pod, tApp0, t, traceId, span, incoming.spanId(), incoming);
                rows.add(sApp);
                lastServerAppId = sApp.id();
                t += between(5, 20);
            }
            case PROXY -> {
                t = tSp0 + between(10, 50);
                for (Call c : h.calls) {
                    t = call(h, null, incoming, c, t, thread);
                }
                t += between(10, 50);
            }
            case MYSQL -> t = tSp0 + between(150, 2_500);
            case REDIS -> t = tSp0 + between(30, 300);
            default -> throw new IllegalStateException("no request is served by " + h.pod.kind());
        }
        flows.observe(rows, incoming, "s-p", SignalSource.EBPF, h.pod.node(), tSp0, t, caller,
                h.pod.sideWithProcess(), sysReq, thread.current);
        return t;
    }

    /**
     * One outgoing call: its client-side rows here, the server side through {@link #serve}.
     * Returns the true time the caller has the answer.
     *
     * @param callerSpan the caller's s-app span id (parent of its c-app span), or null for a proxy
     * @param incoming   what the caller received (a proxy forwards its trace context and X-Request-ID)
     */
    private long call(Handler caller, String callerSpan, CallHeaders incoming, Call call, long t, ThreadIds thread) {
        Cluster.Pod from = caller.pod;
        Cluster.Pod to = call.callee().pod;
        if (call.dnsFirst()) {
            t = dnsLookup(from, to, t, thread) + between(5, 20);
        }
        boolean clientSpan = caller.isApp() && (!call.isDb() || shape.dbClientSpans());
        String span = clientSpan ? ids.spanId() : "";
        CallHeaders h;
        if (call.isDb()) {
            h = dbHeaders(call.protocol(), to); // no trace context in MySQL or Redis
        } else if (caller.isApp()) {
            h = serviceHeaders(call.protocol(), to, traceId, span, xRequestId, "");
        } else {
            h = serviceHeaders(call.protocol(), to, incoming.traceId(), incoming.spanId(), incoming.xRequestId0(), "");
        }
        boolean crossNode = from.node() != to.node();
        long tApp0 = t;
        long tCp0 = tApp0 + (clientSpan ? between(5, 30) : between(1, 3));
        long tC0 = tCp0 + between(3, 10);
        long tCnd0 = 0;
        long tSnd0 = 0;
        long tS0;
        if (crossNode) {
            tCnd0 = tC0 + between(2, 6);
            tSnd0 = tCnd0 + between(100, 400);
            tS0 = tSnd0 + between(2, 6);
        } else {
            tS0 = tC0 + between(10, 40);
        }
        long sysReq;
        long sysResp;
        if (call.workerThread()) {
            sysReq = ids.syscallTraceId();
            sysResp = ids.syscallTraceId();
        } else {
            sysReq = thread.current;
            thread.current = ids.syscallTraceId(); // reading the response after writing the request
            sysResp = thread.current;
        }
        long tSp1 = serve(call.callee(), h, from.side(), tS0 + between(3, 10));
        long tS1 = tSp1 + between(3, 10);
        long tSnd1 = 0;
        long tCnd1 = 0;
        long tC1;
        if (crossNode) {
            tSnd1 = tS1 + between(2, 6);
            tCnd1 = tSnd1 + between(100, 400);
            tC1 = tCnd1 + between(2, 6);
        } else {
            tC1 = tS1 + between(10, 40);
        }
        long tCp1 = tC1 + between(3, 10);
        long tApp1 = clientSpan ? tCp1 + between(5, 30) : tCp1;
        if (clientSpan) {
            rows.add(flows.appSpan("c-app", from, tApp0, tApp1, traceId, span, callerSpan, h));
        }
        flows.observe(rows, h, "c-p", SignalSource.EBPF, from.node(), tCp0, tCp1, from.sideWithProcess(), to.side(),
                sysReq, sysResp);
        flows.observe(rows, h, "c", SignalSource.PACKET, from.node(), tC0, tC1, from.side(), to.side(), 0, 0);
        if (crossNode) {
            flows.observe(rows, h, "c-nd", SignalSource.PACKET, from.node(), tCnd0, tCnd1, from.side(), to.side(), 0, 0);
            flows.observe(rows, h, "s-nd", SignalSource.PACKET, to.node(), tSnd0, tSnd1, from.side(), to.side(), 0, 0);
        }
        flows.observe(rows, h, "s", SignalSource.PACKET, to.node(), tS0, tS1, from.side(), to.side(), 0, 0);
        return tApp1;
    }

    /**
     * The caller resolves the callee's service name on its serving thread. The c-p joins the
     * thread's syscall chain; the Packet rows share no key with the trace unless DNS tracing is on.
     */
    private long dnsLookup(Cluster.Pod from, Cluster.Pod target, long t, ThreadIds thread) {
        Cluster.Pod dns = cluster.dns;
        CallHeaders h = new CallHeaders(Protocol.DNS, CallHeaders.UDP, 0, 0, "", "", "", "", ids.dnsTransactionId(),
                "A", "", target.service() + ".default.svc.cluster.local", "", 0, 53);
        long hop = from.node() != dns.node() ? between(100, 400) : between(10, 40);
        long tCp0 = t + between(2, 5);
        long tC0 = tCp0 + between(3, 10);
        long tS0 = tC0 + hop;
        long tS1 = tS0 + between(20, 200);
        long tC1 = tS1 + hop;
        long tCp1 = tC1 + between(3, 10);
        long sysReq = thread.current;
        thread.current = ids.syscallTraceId();
        flows.observe(rows, h, "c-p", SignalSource.EBPF, from.node(), tCp0, tCp1, from.sideWithProcess(), dns.side(),
                sysReq, thread.current);
        flows.observe(offPath, h, "c", SignalSource.PACKET, from.node(), tC0, tC1, from.side(), dns.side(), 0, 0);
        flows.observe(offPath, h, "s", SignalSource.PACKET, dns.node(), tS0, tS1, from.side(), dns.side(), 0, 0);
        return tCp1;
    }

    private CallHeaders serviceHeaders(Protocol p, Cluster.Pod to, String trace, String span, String x0, String x1) {
        String path = PATHS[rng.nextInt(PATHS.length)];
        if (p == Protocol.GRPC) {
            String method = "/" + to.service() + ".v1." + Character.toUpperCase(to.service().charAt(0))
                    + to.service().substring(1) + "Service/Get";
            return new CallHeaders(p, CallHeaders.TCP, ids.tcpSeq(), ids.tcpSeq(), trace, span, x0, x1,
                    ids.grpcStreamId(), "POST", to.service() + ":50051", method, method, 0, 50051);
        }
        return new CallHeaders(p, CallHeaders.TCP, ids.tcpSeq(), ids.tcpSeq(), trace, span, x0, x1, null,
                rng.nextInt(4) == 0 ? "POST" : "GET", to.service() + ":8080", path, path, 200, 8080);
    }

    private CallHeaders dbHeaders(Protocol p, Cluster.Pod to) {
        if (p == Protocol.MYSQL) {
            return new CallHeaders(p, CallHeaders.TCP, ids.tcpSeq(), ids.tcpSeq(), "", "", "", "", null,
                    "COM_QUERY", "", SQL[rng.nextInt(SQL.length)], "", null, 3306);
        }
        String cmd = REDIS[rng.nextInt(REDIS.length)];
        return new CallHeaders(p, CallHeaders.TCP, ids.tcpSeq(), ids.tcpSeq(), "", "", "", "", null,
                cmd, "", cmd + " cart:" + rng.nextInt(100_000), "", null, 6379);
    }

    /**
     * Traffic of the same cluster that has nothing to do with the request: kubelet health
     * probes, and single calls (service or database) belonging to other requests' traces.
     */
    private void writeNoise(List<Flow> out, int target, long fromUs, long toUs) {
        List<Flow> traceRows = rows;
        List<Flow> traceOffPath = offPath;
        String traceTraceId = traceId;
        String traceXRequestId = xRequestId;
        rows = out;
        offPath = out;
        xRequestId = "";
        while (out.size() < target) {
            long t = fromUs + rng.nextLong(Math.max(1, toUs - fromUs));
            int s = rng.nextInt(cluster.appServices());
            Cluster.Pod pod = cluster.appPod(s, rng);
            double kind = rng.nextDouble();
            if (kind < 0.4) {
                healthProbe(pod, t);
                continue;
            }
            traceId = ids.traceId();
            Handler caller = new Handler(pod, s);
            Call c;
            if (kind < 0.75 && s < cluster.appServices() - 1) {
                int callee = s + 1 + rng.nextInt(cluster.appServices() - s - 1);
                c = new Call(rng.nextDouble() < shape.grpcShare() ? Protocol.GRPC : Protocol.HTTP,
                        new Handler(cluster.appPod(callee, rng), callee), false, false);
            } else {
                boolean mysql = rng.nextBoolean();
                c = new Call(mysql ? Protocol.MYSQL : Protocol.REDIS, new Handler(mysql ? cluster.mysql : cluster.redis, -1),
                        false, false);
            }
            call(caller, ids.spanId(), null, c, t, new ThreadIds(ids.syscallTraceId()));
        }
        rows = traceRows;
        offPath = traceOffPath;
        traceId = traceTraceId;
        xRequestId = traceXRequestId;
    }

    private void healthProbe(Cluster.Pod pod, long t) {
        CallHeaders h = new CallHeaders(Protocol.HTTP, CallHeaders.TCP, ids.tcpSeq(), ids.tcpSeq(), "", "", "", "",
                null, "GET", pod.service() + ":8080", "/healthz", "/healthz", 200, 8080);
        long sysId = ids.syscallTraceId();
        long tSp0 = t + between(3, 10);
        long tSp1 = tSp0 + between(50, 500);
        FlowSide kubelet = cluster.nodeSide(pod.node());
        flows.observe(rows, h, "s", SignalSource.PACKET, pod.node(), t, tSp1 + between(3, 10), kubelet, pod.side(), 0, 0);
        flows.observe(rows, h, "s-p", SignalSource.EBPF, pod.node(), tSp0, tSp1, kubelet, pod.sideWithProcess(),
                sysId, sysId);
    }

    private long between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }
}
