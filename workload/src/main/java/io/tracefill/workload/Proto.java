package io.tracefill.workload;

/** Application protocols of the generated traffic, with the DeepFlow columns each decides. */
enum Proto {
    HTTP(20, "HTTP", "1.1", 6),
    GRPC(41, "gRPC", "2", 6),
    MYSQL(60, "MySQL", "", 6),
    REDIS(80, "Redis", "", 6),
    DNS(120, "DNS", "", 17);

    final int l7Protocol;
    /** {@code biz_protocol}. */
    final String name;
    final String version;
    /** 6 TCP, 17 UDP. */
    final int l4Protocol;

    Proto(int l7Protocol, String name, String version, int l4Protocol) {
        this.l7Protocol = l7Protocol;
        this.name = name;
        this.version = version;
        this.l4Protocol = l4Protocol;
    }

    /** Protocols that carry HTTP headers, so traceparent, X-Request-ID and X-Forwarded-For reach DeepFlow. */
    boolean carriesHeaders() {
        return this == HTTP || this == GRPC;
    }

    /**
     * An agent flushes request and response of HTTP/1, MySQL and Redis apart now and then; gRPC
     * streams and DNS are always merged into sessions here.
     */
    boolean splittable() {
        return this == HTTP || this == MYSQL || this == REDIS;
    }
}
