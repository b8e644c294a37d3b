package io.tracefill.workload;

import java.util.function.Consumer;

/**
 * What the shop's services do for each route. The frontend (Java) looks the session up in Redis,
 * then calls the catalog (HTTP, Java: Redis cache, MySQL on a miss), the cart (gRPC, Go: Redis),
 * the recommender (gRPC, Python, from a worker thread) or the checkout (HTTP, Java: MySQL and the
 * payment service, gRPC, Go). A failed payment surfaces as a 500 from checkout and a 502 at the edge.
 */
final class Shop {
    private static final String SHOP_HOST = "shop.example.com";

    private final Ids ids;
    private final double errorShare;

    Shop(Ids ids, double errorShare) {
        this.ids = ids;
        this.errorShare = errorShare;
    }

    /** One route: the request the browser sends (as it reaches the frontend) and the frontend's work. */
    record Route(String template, Request request, Consumer<Player.Handler> frontend) {
    }

    /** A route, picked with the traffic mix of a shop: mostly browsing, some carts, a few checkouts. */
    Route pick() {
        double p = ids.rng().nextDouble();
        long product = ids.between(1, 20_000);
        String session = Long.toHexString(ids.rng().nextLong() >>> 4);
        if (p < 0.55) {
            return new Route("/api/products/{id}", browser("GET", "/api/products/" + product, "/api/products/{id}",
                    ids.between(2_000, 30_000)), h -> productPage(h, session, product));
        }
        if (p < 0.85) {
            return new Route("/api/cart", browser("GET", "/api/cart", "/api/cart", ids.between(800, 6_000)),
                    h -> cartPage(h, session));
        }
        return new Route("/api/checkout", browser("POST", "/api/checkout", "/api/checkout", ids.between(300, 900)),
                h -> checkout(h, session));
    }

    private Request browser(String method, String path, String route, long responseBytes) {
        return Request.http(method, SHOP_HOST, 8080, path, route, ids.between(450, 900), responseBytes);
    }

    private void productPage(Player.Handler h, String session, long product) {
        session(h, session);
        maybeResolve(h, "catalog");
        h.call("catalog", Request.http("GET", "catalog.shop.svc.cluster.local:8080", 8080, "/products/" + product,
                "/products/{id}", ids.between(150, 250), ids.between(1_500, 6_000)), c -> {
            c.call("redis-master", Request.redis("GET", "product:" + product, 50, ids.between(5, 4_000)), this::redis);
            if (ids.chance(0.3)) { // cache miss
                c.call("mysql", Request.mysql("SELECT", "products",
                        "SELECT id, name, price, stock FROM products WHERE id = ?", 90, ids.between(300, 1_200)),
                        this::mysql);
                c.call("redis-master", Request.redis("SET", "product:" + product, ids.between(300, 1_200), 5),
                        this::redis);
            }
            c.work(100, 800);
        });
        h.callOnWorker("recommend", Request.grpc("recommend.RecommendService", "ListRecommendations",
                "recommend.shop.svc.cluster.local", 90, ids.between(200, 600)), r -> r.work(500, 4_000));
        h.work(200, 1_500);
    }

    private void cartPage(Player.Handler h, String session) {
        session(h, session);
        getCart(h, session);
        h.work(100, 800);
    }

    private void checkout(Player.Handler h, String session) {
        session(h, session);
        getCart(h, session);
        maybeResolve(h, "checkout");
        Response r = h.call("checkout", Request.http("POST", "checkout.shop.svc.cluster.local:8080", 8080,
                "/checkout", "/checkout", ids.between(400, 1_500), ids.between(200, 500)), c -> {
            c.call("mysql", Request.mysql("SELECT", "products",
                    "SELECT id, price, stock FROM products WHERE id IN (?, ?, ?)", 120, ids.between(300, 900)),
                    this::mysql);
            Response paid = c.call("payment", Request.grpc("payment.PaymentService", "Charge",
                    "payment.shop.svc.cluster.local", ids.between(120, 200), 60), p -> {
                p.work(2_000, 15_000); // the card processor's round trip
                if (ids.chance(errorShare)) {
                    p.fail(14, "UNAVAILABLE: card processor unreachable");
                }
            });
            if (!paid.ok()) {
                c.fail(500, "Internal Server Error");
                return;
            }
            c.call("mysql", Request.mysql("INSERT", "orders",
                    "INSERT INTO orders (user_id, total, status) VALUES (?, ?, ?)", 140, 11), this::mysql);
        });
        if (!r.ok()) {
            h.fail(502, "Bad Gateway");
            return;
        }
        h.call("cart", Request.grpc("cart.CartService", "EmptyCart", "cart.shop.svc.cluster.local", 60, 5), c ->
                c.call("redis-master", Request.redis("DEL", "cart:" + session, 40, 4), this::redis));
    }

    private void session(Player.Handler h, String session) {
        h.call("redis-master", Request.redis("GET", "session:" + session, 60, ids.between(200, 400)), this::redis);
    }

    private void getCart(Player.Handler h, String session) {
        h.call("cart", Request.grpc("cart.CartService", "GetCart", "cart.shop.svc.cluster.local", 60,
                ids.between(40, 1_200)), c -> {
            c.call("redis-master", Request.redis("HGETALL", "cart:" + session, 50, ids.between(10, 1_000)),
                    this::redis);
            c.work(50, 400);
        });
    }

    /** The JVM caches lookups for 30 s, so only now and then does a call start with a DNS query. */
    private void maybeResolve(Player.Handler h, String service) {
        if (ids.chance(0.05)) {
            h.resolve(service, "shop");
        }
    }

    void redis(Player.Handler db) {
        db.work(30, 300);
    }

    void mysql(Player.Handler db) {
        db.work(150, 2_500);
    }
}
