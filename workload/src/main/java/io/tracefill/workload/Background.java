package io.tracefill.workload;

import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.TapSide;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Traffic that belongs to no user request but shares the pods, agents and time with them: the
 * kubelet's readiness and liveness probes of every serving pod (every 10 s), Prometheus scraping
 * every pod's metrics (every 15 s), and an uninstrumented inventory job that resolves its
 * databases' names (no DNS cache in Python) and syncs MySQL to Redis (every 5 s). None of it
 * carries a trace id; it tests that the pipeline leaves unrelated rows out.
 */
final class Background {
    private interface Play {
        void at(Output out, long t);
    }

    private record Source(long periodUs, Play play) {
    }

    private final Cluster cluster;
    private final Ids ids;
    private final Player player;
    private final RowWriter rows;
    private final List<Source> sources = new ArrayList<>();
    /** (next time, source index), earliest first; the index breaks ties so the order is fixed. */
    private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) ->
            a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

    Background(Cluster cluster, Ids ids, Player player, RowWriter rows, double scale, long startUs) {
        this.cluster = cluster;
        this.ids = ids;
        this.player = player;
        this.rows = rows;
        if (scale <= 0) {
            return;
        }
        Cluster.Pod prometheus = cluster.pods("prometheus-server").get(0);
        for (Cluster.Pod pod : cluster.allPods()) {
            if (pod.service().name().equals("inventory-sync")) {
                continue;
            }
            Proto proto = pod.service().proto();
            if (proto != Proto.MYSQL && proto != Proto.REDIS) { // those two are probed by exec, not over the wire
                int kubelet = 500 + (int) ids.between(0, 1_000);
                add(10_000_000 / scale, (out, t) -> probe(out, pod, kubelet, t));
                add(10_000_000 / scale, (out, t) -> probe(out, pod, kubelet, t));
            }
            if (pod != prometheus && proto != Proto.MYSQL && proto != Proto.REDIS) {
                add(15_000_000 / scale, (out, t) -> scrape(out, prometheus, pod, t));
            }
        }
        Cluster.Pod job = cluster.pods("inventory-sync").get(0);
        add(5_000_000 / scale, (out, t) -> inventorySync(out, job, t));
        for (int i = 0; i < sources.size(); i++) {
            queue.add(new long[] {startUs + ids.between(0, sources.get(i).periodUs() - 1), i});
        }
    }

    private void add(double periodUs, Play play) {
        sources.add(new Source(Math.max(1, Math.round(periodUs)), play));
    }

    /** When the next piece of background traffic starts, or Long.MAX_VALUE when there is none. */
    long nextUs() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek()[0];
    }

    /** Plays the next piece into {@code out}. */
    void playNext(Output out) {
        long[] next = queue.poll();
        Source s = sources.get((int) next[1]);
        s.play().at(out, next[0]);
        next[0] += s.periodUs();
        queue.add(next);
    }

    /** The kubelet on the pod's node asks its health endpoint (gRPC health checking for gRPC servers). */
    private void probe(Output out, Cluster.Pod pod, int kubeletPid, long t) {
        Cluster.Node node = pod.node();
        FlowSide kubelet = node.side().toBuilder().processId(kubeletPid).processKname("kubelet").gprocess("kubelet")
                .build();
        Party client = new Party(node.side(), kubelet, cluster.nodeTags(node));
        int port = pod.service().port();
        Request r = switch (pod.service().proto()) {
            case GRPC -> Request.grpc("grpc.health.v1.Health", "Check", pod.ip(), 5, 7);
            case HTTP -> Request.http("GET", pod.ip() + ":" + port, port, "/healthz", "", 110, 75);
            default -> Request.http("GET", pod.ip() + ":8181", 8181, "/ready", "", 100, 60); // CoreDNS's ready plugin
        };
        Player.Served s = player.serve(out, pod, r.proto(), Player.Incoming.NONE, "", t + ids.between(40, 80),
                h -> h.work(50, 500));
        Exchange x = new Exchange(r.proto(), client, Party.of(pod), ids.ephemeralPort(), r.port(), ids.tcpSeq(),
                ids.tcpSeq(), 1, 1, "", "", "", "", "", r.proto() == Proto.GRPC ? 1L : null, r,
                s.response.code(), s.response.status(), s.response.message(), "");
        s.write(x);
        rows.observe(out, x, TapSide.SERVER_NIC, node, t + ids.between(20, 39), s.tSp1 + ids.between(3, 10), 0, 0, 0);
        rows.observe(out, x, TapSide.CLIENT_PROCESS, node, t, s.tSp1 + ids.between(20, 40), ids.unsigned64(),
                ids.unsigned64(), kubeletPid + 7);
    }

    private void scrape(Output out, Cluster.Pod prometheus, Cluster.Pod pod, long t) {
        int port = pod.service().proto() == Proto.DNS ? 9153 : pod.service().port();
        String path = pod.service().sdk() == Cluster.Sdk.JAVA ? "/actuator/prometheus" : "/metrics";
        player.client(out, prometheus, t).call(pod, Request.http("GET", pod.ip() + ":" + port, port, path, "",
                ids.between(180, 260), ids.between(20_000, 90_000)), h -> h.work(1_000, 8_000));
    }

    private void inventorySync(Output out, Cluster.Pod job, long t) {
        Player.Handler h = player.client(out, job, t);
        h.resolve("mysql", "data");
        h.call("mysql", Request.mysql("SELECT", "inventory",
                "SELECT sku, stock FROM inventory WHERE updated_at > ? LIMIT 500", 110, ids.between(2_000, 40_000)),
                db -> db.work(2_000, 20_000));
        h.resolve("redis-master", "data");
        long n = ids.between(1, 3);
        for (int i = 0; i < n; i++) {
            h.call("redis-master", Request.redis("SET", "stock:" + ids.between(1, 20_000), 60, 5),
                    db -> db.work(30, 300));
        }
    }
}
