package io.tracefill.workload;

import io.tracefill.serdes.model.TapSide;

/**
 * A user's request from the Internet to the shop: through the edge load balancer (whose DeepFlow
 * agent sees it on both sides, {@code c-gw} and {@code s-gw}), into the ingress controller on its
 * node ({@code s-nd}, {@code s}, {@code s-p}), which injects an X-Request-ID and X-Forwarded-For and
 * proxies to the frontend. The browser sends no trace context, so the frontend starts the trace,
 * and the ingress's rows carry none: DeepFlow links them to the rest by tcp seqs and the
 * X-Request-ID, which ingress-nginx also returns to the client (as DeepFlow recommends configuring
 * gateways).
 */
final class Edge {
    private final Cluster cluster;
    private final Ids ids;
    private final Player player;
    private final RowWriter rows;
    private final Shop shop;

    Edge(Cluster cluster, Ids ids, Player player, RowWriter rows, Shop shop) {
        this.cluster = cluster;
        this.ids = ids;
        this.player = player;
        this.rows = rows;
        this.shop = shop;
    }

    /** Plays one request arriving at {@code startUs} (true time) into {@code out}; returns what it was. */
    TraceTruth play(Output out, long startUs) {
        String traceId = ids.traceId();
        Shop.Route route = shop.pick();
        String clientIp = (ids.chance(0.5) ? "203.0.113." : "198.51.100.") + ids.between(1, 254);
        String xRequestId = ids.requestId();
        Cluster.Pod ingress = cluster.pick("ingress-nginx-controller", ids.rng());
        long tGwC0 = startUs;
        long tGwS0 = tGwC0 + ids.between(5, 20);
        long tSnd0 = tGwS0 + ids.between(100, 400);
        long tS0 = tSnd0 + ids.between(2, 6);
        long tSp0 = tS0 + ids.between(3, 10);
        Player.Served s = player.serve(out, ingress, Proto.HTTP, Player.Incoming.NONE, traceId, tSp0, in -> {
            in.xRequestId = xRequestId;
            in.forwardedFor = clientIp;
            in.work(20, 80);
            Response r = in.call("frontend", route.request(), route.frontend());
            if (!r.ok()) {
                in.fail(r.code(), r.message()); // a proxy passes the upstream's error on
            }
        });
        Response answer = s.response;
        Request edge = route.request().withPort(80);
        long serverCapSeq = 2 * ids.between(0, 40) + 1;
        Exchange x = new Exchange(Proto.HTTP, Party.internet(clientIp), Party.of(ingress), ids.ephemeralPort(), 80,
                ids.tcpSeq(), ids.tcpSeq(), 0, serverCapSeq, "", "", "", xRequestId, "", null, edge,
                answer.code(), answer.status(), answer.message(), "");
        long tS1 = s.tSp1 + ids.between(3, 10);
        long tSnd1 = tS1 + ids.between(2, 6);
        long tGwS1 = tSnd1 + ids.between(100, 400);
        long tGwC1 = tGwS1 + ids.between(5, 20);
        s.write(x);
        Cluster.Node node = ingress.node();
        rows.observe(out, x, TapSide.SERVER_NIC, node, tS0, tS1, 0, 0, 0);
        rows.observe(out, x, TapSide.SERVER_NODE, node, tSnd0, tSnd1, 0, 0, 0);
        rows.observe(out, x, TapSide.SERVER_GATEWAY, cluster.gateway, tGwS0, tGwS1, 0, 0, 0);
        rows.observe(out, x, TapSide.CLIENT_GATEWAY, cluster.gateway, tGwC0, tGwC1, 0, 0, 0);
        return new TraceTruth(traceId, route.request().method() + " " + route.template(), startUs, tGwC1,
                out.spans.size(), out.rowIds, out.dnsRowIds, !answer.ok());
    }
}
