package io.tracefill.workload;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import java.util.Locale;

/**
 * The spans the pods' OpenTelemetry instrumentation makes, named and attributed as each does: the
 * Java agent 1.32 with the old semantic conventions ({@code http.method}, {@code http.target}),
 * Go's otelgrpc and redisotel with the current ones ({@code network.peer.address}), Python's grpc
 * instrumentation with its own mix. Times are the pod's node clock, in ns.
 */
final class OtelSpans {
    private static final Output.Scope TOMCAT = new Output.Scope("io.opentelemetry.tomcat-10.0", "1.32.0-alpha");
    private static final Output.Scope JAVA_HTTP = new Output.Scope("io.opentelemetry.java-http-client", "1.32.0-alpha");
    private static final Output.Scope JAVA_GRPC = new Output.Scope("io.opentelemetry.grpc-1.6", "1.32.0-alpha");
    private static final Output.Scope JDBC = new Output.Scope("io.opentelemetry.jdbc", "1.32.0-alpha");
    private static final Output.Scope LETTUCE = new Output.Scope("io.opentelemetry.lettuce-5.1", "1.32.0-alpha");
    private static final Output.Scope GO_GRPC = new Output.Scope(
            "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc", "0.57.0");
    private static final Output.Scope GO_REDIS = new Output.Scope("github.com/redis/go-redis/extra/redisotel", "9.7.0");
    private static final Output.Scope PY_GRPC = new Output.Scope("opentelemetry.instrumentation.grpc", "0.49b2");
    /** W3C sampled, plus OTLP's "has is_remote" bit; {@link #REMOTE} also sets "is remote". */
    private static final int LOCAL = 0x101;
    private static final int REMOTE = 0x301;

    private final Ids ids;

    OtelSpans(Ids ids) {
        this.ids = ids;
    }

    /** Whether the pod's instrumentation makes a client span for calls of this protocol. */
    static boolean clientSpans(Cluster.Sdk sdk, Proto proto) {
        return switch (sdk) {
            case JAVA -> proto != Proto.DNS;
            case GO -> proto == Proto.REDIS || proto == Proto.GRPC;
            default -> false;
        };
    }

    /** The SERVER span of {@code pod} handling {@code x}; {@code parentSpanId} "" for a trace's root. */
    void server(Output out, Cluster.Pod pod, String traceId, String spanId, String parentSpanId, Exchange x,
                long startTrue, long endTrue) {
        Request r = x.request();
        boolean failed = x.responseStatus() != 0;
        Otel.Attrs a = new Otel.Attrs();
        Span.Builder s = Span.newBuilder().setKind(Span.SpanKind.SPAN_KIND_SERVER);
        Output.Scope scope;
        if (r.proto() == Proto.HTTP) {
            scope = TOMCAT;
            s.setName(r.method() + " " + r.route());
            a.str("http.method", r.method()).str("http.scheme", "http").str("http.target", r.resource())
                    .str("http.route", r.route()).num("http.status_code", x.responseCode()).str("http.flavor", "1.1")
                    .str("net.host.name", r.host()).num("net.host.port", r.port())
                    .str("net.sock.peer.addr", x.client().side().ip()).num("net.sock.peer.port", x.clientPort())
                    .str("user_agent.original", userAgent(x));
        } else if (pod.service().sdk() == Cluster.Sdk.PYTHON) {
            scope = PY_GRPC;
            s.setName(r.resource()); // the full method path, leading slash included, as Python names it
            a.str("rpc.system", "grpc").str("rpc.service", r.rpcService()).str("rpc.method", r.rpcMethod())
                    .num("rpc.grpc.status_code", x.responseCode()).str("net.peer.ip", x.client().side().ip())
                    .num("net.peer.port", x.clientPort());
        } else {
            scope = GO_GRPC;
            s.setName(r.rpcService() + "/" + r.rpcMethod());
            a.str("rpc.system", "grpc").str("rpc.service", r.rpcService()).str("rpc.method", r.rpcMethod())
                    .str("network.peer.address", x.client().side().ip()).num("network.peer.port", x.clientPort())
                    .num("rpc.grpc.status_code", x.responseCode());
        }
        if (failed) {
            s.setStatus(r.proto() == Proto.HTTP ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    : error(x.responseException()));
        }
        emit(out, pod, scope, s, a, traceId, spanId, parentSpanId, parentSpanId.isEmpty() ? LOCAL : REMOTE,
                startTrue, endTrue);
    }

    /** The CLIENT span of {@code pod} making the call {@code x}. */
    void client(Output out, Cluster.Pod pod, String traceId, String spanId, String parentSpanId, Exchange x,
                long startTrue, long endTrue) {
        Request r = x.request();
        String peerHost = r.host();
        Otel.Attrs a = new Otel.Attrs();
        Span.Builder s = Span.newBuilder().setKind(Span.SpanKind.SPAN_KIND_CLIENT);
        Output.Scope scope;
        boolean go = pod.service().sdk() == Cluster.Sdk.GO;
        switch (r.proto()) {
            case HTTP -> {
                scope = JAVA_HTTP;
                s.setName("HTTP " + r.method());
                a.str("http.method", r.method()).str("http.url", "http://" + r.authority() + r.resource())
                        .num("http.status_code", x.responseCode()).str("net.peer.name", peerHost)
                        .num("net.peer.port", r.port()).str("net.protocol.name", "http")
                        .str("net.protocol.version", "1.1");
            }
            case GRPC -> {
                scope = go ? GO_GRPC : JAVA_GRPC;
                s.setName(r.rpcService() + "/" + r.rpcMethod());
                a.str("rpc.system", "grpc").str("rpc.service", r.rpcService()).str("rpc.method", r.rpcMethod())
                        .num("rpc.grpc.status_code", x.responseCode()).str("net.peer.name", peerHost)
                        .num("net.peer.port", r.port()).str("net.sock.peer.addr", x.server().side().ip());
            }
            case MYSQL -> {
                scope = JDBC;
                s.setName(r.rpcMethod() + " shop." + r.table());
                a.str("db.system", "mysql").str("db.connection_string", "mysql://" + r.authority() + ":" + r.port())
                        .str("db.user", "shop").str("db.name", "shop").str("db.statement", r.resource())
                        .str("db.operation", r.rpcMethod()).str("db.sql.table", r.table())
                        .str("net.peer.name", peerHost).num("net.peer.port", r.port());
            }
            case REDIS -> {
                scope = go ? GO_REDIS : LETTUCE;
                s.setName(go ? r.method().toLowerCase(Locale.ROOT) : r.method());
                a.str("db.system", "redis")
                        .str("db.statement", go ? r.resource().toLowerCase(Locale.ROOT) : r.resource());
                if (go) {
                    a.str("server.address", peerHost).num("server.port", r.port());
                } else {
                    a.str("net.peer.name", peerHost).num("net.peer.port", r.port());
                }
            }
            default -> throw new IllegalArgumentException("no client span for " + r.proto());
        }
        if (x.responseStatus() != 0) {
            s.setStatus(r.proto() == Proto.HTTP ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    : error(x.responseException()));
        }
        emit(out, pod, scope, s, a, traceId, spanId, parentSpanId, LOCAL, startTrue, endTrue);
    }

    private static Status.Builder error(String message) {
        return Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(message);
    }

    /** Requests that came through the ingress (X-Forwarded-For set) carry the browser's User-Agent. */
    private static String userAgent(Exchange x) {
        return x.proxyClient().isEmpty() ? "Java-http-client/17.0.12"
                : "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    }

    private void emit(Output out, Cluster.Pod pod, Output.Scope scope, Span.Builder s, Otel.Attrs a, String traceId,
                      String spanId, String parentSpanId, int flags, long startTrue, long endTrue) {
        long skew = pod.node().skewUs();
        // SDK clocks have ns resolution; the sub-µs digits vary like real ones
        s.setTraceId(Otel.id(traceId)).setSpanId(Otel.id(spanId)).setFlags(flags)
                .setStartTimeUnixNano((startTrue + skew) * 1000 + ids.between(0, 999))
                .setEndTimeUnixNano((endTrue + skew) * 1000 + ids.between(0, 999))
                .addAllAttributes(a.list);
        if (!parentSpanId.isEmpty()) {
            s.setParentSpanId(Otel.id(parentSpanId));
        }
        out.spans.add(new Output.SpanOut(pod, scope, s.build(), endTrue));
    }
}
