package io.tracefill.tracing.gen;

import io.tracefill.tracing.gen.CallPlan.Call;
import io.tracefill.tracing.gen.CallPlan.Handler;
import io.tracefill.tracing.gen.CallPlan.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides the call structure of one request: a random tree grown call by call until it holds
 * about {@code targetFlows} rows, or a straight chain. Services only call services after them
 * in the cluster's list, so there are no cycles and depth stays bounded.
 */
final class TracePlanner {
    private final TraceShape shape;
    private final Cluster cluster;
    private final SplittableRandom rng;
    private int rows;

    TracePlanner(TraceShape shape, Cluster cluster, SplittableRandom rng) {
        this.shape = shape;
        this.cluster = cluster;
        this.rng = rng;
    }

    /** The frontend's handler of a request from the Internet, with everything below it. */
    Handler plan() {
        Handler root = new Handler(cluster.appPod(0, rng), 0);
        rows = 4; // s-nd, s, s-p and s-app of the request entering the cluster
        if (shape.topology() == TraceShape.Topology.CHAIN) {
            Handler h = root;
            for (int s = 1; s < cluster.appServices(); s++) {
                maybeAddDbCalls(h);
                h = addServiceCall(h, s);
            }
            maybeAddDbCalls(h);
            return root;
        }
        List<Handler> open = new ArrayList<>();
        // the frontend's first call is to a service, so the trace context reaches an eBPF row
        // and, through its syscall trace id, the frontend's s-p: otherwise nothing links them
        open.add(addServiceCall(root, 1 + rng.nextInt(cluster.appServices() - 1)));
        open.add(root);
        while (rows < shape.targetFlows() && !open.isEmpty()) {
            Handler h = open.get(rng.nextInt(open.size()));
            boolean canCallService = h.service < cluster.appServices() - 1 && h.serviceCalls < shape.maxFanOut();
            boolean canCallDb = h.dbCalls < shape.maxFanOut();
            if (!canCallService && !canCallDb) {
                open.remove(h);
            } else if (!canCallService || canCallDb && rng.nextDouble() < shape.dbShare()) {
                addDbCalls(h);
            } else {
                int callee = h.service + 1 + rng.nextInt(cluster.appServices() - h.service - 1);
                open.add(addServiceCall(h, callee));
            }
        }
        return root;
    }

    private void maybeAddDbCalls(Handler h) {
        if (rng.nextDouble() < shape.dbShare()) {
            addDbCalls(h);
        }
    }

    /** A burst of one to three queries to one database (the N+1 pattern is common). */
    private void addDbCalls(Handler h) {
        boolean mysql = rng.nextDouble() < 0.7;
        int burst = 1 + rng.nextInt(3);
        for (int i = 0; i < burst && h.dbCalls < shape.maxFanOut(); i++) {
            h.dbCalls++;
            Cluster.Pod pod = mysql ? cluster.mysql : cluster.redis;
            h.calls.add(new Call(mysql ? Protocol.MYSQL : Protocol.REDIS, new Handler(pod, -1), false, false));
            rows += callRows(h.pod, pod, h.isApp() && shape.dbClientSpans(), false);
        }
    }

    /** A call from {@code h} to a pod of service {@code s}, perhaps through the proxy; returns the callee's handler. */
    private Handler addServiceCall(Handler h, int s) {
        Handler callee = new Handler(cluster.appPod(s, rng), s);
        boolean dns = rng.nextDouble() < shape.dnsShare();
        // the first service call stays on the serving thread: it is what ties the s-p to the trace
        boolean worker = h.threadCalledService && rng.nextDouble() < shape.workerThreadShare();
        h.threadCalledService |= !worker;
        h.serviceCalls++;
        if (dns) {
            rows += 1; // the c-p of the lookup; its Packet rows are off the trace's path
        }
        if (rng.nextDouble() < shape.proxyShare()) {
            Handler proxy = new Handler(cluster.proxy, -1);
            proxy.calls.add(new Call(Protocol.HTTP, callee, false, false));
            h.calls.add(new Call(Protocol.HTTP, proxy, dns, worker));
            rows += callRows(h.pod, proxy.pod, true, false) + callRows(proxy.pod, callee.pod, false, true);
        } else {
            Protocol p = rng.nextDouble() < shape.grpcShare() ? Protocol.GRPC : Protocol.HTTP;
            h.calls.add(new Call(p, callee, dns, worker));
            rows += callRows(h.pod, callee.pod, true, true);
        }
        return callee;
    }

    /** Rows of one call as session rows: c-app?, c-p, c, c-nd and s-nd across nodes, s, s-p, s-app?. */
    private static int callRows(Cluster.Pod caller, Cluster.Pod callee, boolean clientApp, boolean serverApp) {
        int n = 4;
        if (caller.node() != callee.node()) {
            n += 2;
        }
        if (clientApp && caller.kind() == Cluster.Kind.APP) {
            n++;
        }
        if (serverApp && callee.kind() == Cluster.Kind.APP) {
            n++;
        }
        return n;
    }
}
