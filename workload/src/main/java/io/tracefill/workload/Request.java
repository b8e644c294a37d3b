package io.tracefill.workload;

/**
 * A request as the caller sends it, in the terms both DeepFlow (request columns) and the
 * OpenTelemetry instrumentation (span name and attributes) derive theirs from.
 *
 * @param method     DeepFlow's {@code request_type}: HTTP method, {@code POST} for gRPC, {@code COM_QUERY},
 *                   the Redis command, the DNS query type
 * @param authority  the Host header or gRPC {@code :authority}; for the others the name the caller connects to
 * @param port       the server's port
 * @param resource   DeepFlow's {@code request_resource}: path and query, gRPC method path, SQL, Redis
 *                   command line, DNS name
 * @param route      the server's route template (HTTP), e.g. {@code /api/products/{id}}
 * @param rpcService gRPC service ({@code cart.CartService}), else ""
 * @param rpcMethod  gRPC method ({@code GetCart}) or SQL operation ({@code SELECT}), else ""
 * @param table      SQL table, else ""
 */
record Request(Proto proto, String method, String authority, int port, String resource, String route,
               String rpcService, String rpcMethod, String table, long requestBytes, long responseBytes) {

    static Request http(String method, String authority, int port, String path, String route, long req, long resp) {
        return new Request(Proto.HTTP, method, authority, port, path, route, "", "", "", req, resp);
    }

    /** A gRPC call to {@code <host>:50051}. */
    static Request grpc(String service, String method, String host, long req, long resp) {
        return new Request(Proto.GRPC, "POST", host + ":50051", 50051, "/" + service + "/" + method, "", service,
                method, "", req, resp);
    }

    static Request mysql(String operation, String table, String sql, long req, long resp) {
        return new Request(Proto.MYSQL, "COM_QUERY", "mysql.data.svc.cluster.local", 3306, sql, "", "",
                operation, table, req, resp);
    }

    static Request redis(String command, String key, long req, long resp) {
        return new Request(Proto.REDIS, command, "redis-master.data.svc.cluster.local", 6379, command + " " + key,
                "", "", command, "", req, resp);
    }

    static Request dns(String name) {
        return new Request(Proto.DNS, "A", "", 53, name, "", "", "", "", 40 + name.length(), 56 + name.length());
    }

    /** The same request sent to another port (the edge load balancer's 80 instead of the pod's 8080). */
    Request withPort(int p) {
        return new Request(proto, method, authority, p, resource, route, rpcService, rpcMethod, table, requestBytes,
                responseBytes);
    }

    /** DeepFlow's {@code request_domain}: the Host header or gRPC authority; nothing for the others. */
    String domain() {
        return proto.carriesHeaders() ? authority : "";
    }

    /** The host part of the authority: what instrumentations report as the peer's name. */
    String host() {
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /**
     * DeepFlow's {@code endpoint}: for HTTP the agent's default extraction keeps the first two path
     * segments; for gRPC the method path; the other protocols have none here.
     */
    String endpoint() {
        return switch (proto) {
            case HTTP -> firstSegments(resource, 2);
            case GRPC -> resource;
            default -> "";
        };
    }

    private static String firstSegments(String path, int n) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        int at = 0;
        for (int i = 0; i < n; i++) {
            at = p.indexOf('/', at + 1);
            if (at < 0) {
                return p;
            }
        }
        return p.substring(0, at);
    }
}
