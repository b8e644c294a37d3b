package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.Span;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.L7Protocol;

/**
 * OpenTelemetry semantic-convention attributes, only where a DeepFlow field maps onto one
 * cleanly: HTTP ({@code http.request.method}, {@code url.path}, {@code url.query},
 * {@code http.response.status_code}), RPC ({@code rpc.system}, {@code rpc.service},
 * {@code rpc.method}), databases ({@code db.system}, {@code db.operation.name},
 * {@code db.collection.name}, {@code db.query.text}), messaging ({@code messaging.system},
 * {@code messaging.destination.name}, {@code messaging.operation.name}), DNS
 * ({@code dns.question.name}), and the network ({@code network.transport},
 * {@code network.protocol.*}, {@code client.address}, {@code server.address}/{@code server.port},
 * {@code network.peer.*} as seen from the span's side).
 */
final class SemanticAttributes {
    /** DeepFlow marks a unix-socket server with port 1 (spec §2.3). */
    private static final int UNIX_SOCKET_PORT = 1;

    private SemanticAttributes() {
    }

    static void add(AttributeList a, Flow f, Span.SpanKind kind) {
        switch (ProtocolFamily.of(f.l7Protocol())) {
            case HTTP -> http(a, f);
            case RPC -> rpc(a, f);
            case SQL, KEY_VALUE, DOCUMENT -> database(a, f);
            case MESSAGING -> messaging(a, f);
            case DNS -> a.put("dns.question.name", f.requestResource());
            case OTHER -> {
            }
        }
        network(a, f, kind);
    }

    private static void http(AttributeList a, Flow f) {
        a.putShared("http.request.method", f.requestType());
        a.put("url.path", UrlParts.path(f.requestResource()));
        a.put("url.query", UrlParts.query(f.requestResource()));
        Integer code = f.responseCode();
        if (code != null && code >= 100 && code <= 599) {
            a.put("http.response.status_code", code);
        }
        a.putShared("network.protocol.name", "http");
        a.putShared("network.protocol.version", f.version().isEmpty() && f.l7Protocol() == L7Protocol.HTTP2 ? "2" : f.version());
    }

    private static void rpc(AttributeList a, Flow f) {
        String system = ProtocolFamily.rpcSystem(f.l7Protocol());
        if (system == null) {
            return;
        }
        a.putShared("rpc.system", system);
        if (f.l7Protocol() == L7Protocol.GRPC) {
            // "/pkg.Service/Method"
            String path = UrlParts.path(f.requestResource());
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                a.put("rpc.service", path.substring(path.startsWith("/") ? 1 : 0, slash));
                a.put("rpc.method", path.substring(slash + 1));
            }
        } else {
            a.put("rpc.service", f.requestResource());
            a.put("rpc.method", f.requestType());
        }
    }

    private static void database(AttributeList a, Flow f) {
        String system = ProtocolFamily.dbSystem(f.l7Protocol());
        if (system == null) {
            return;
        }
        a.putShared("db.system", system);
        SqlSummary sql = ProtocolFamily.of(f.l7Protocol()) == ProtocolFamily.SQL ? SqlSummary.of(f.requestResource()) : null;
        if (sql != null) {
            a.putShared("db.operation.name", sql.operation());
            a.put("db.collection.name", sql.table());
        } else {
            a.putShared("db.operation.name", f.requestType());
        }
        a.put("db.query.text", f.requestResource());
    }

    private static void messaging(AttributeList a, Flow f) {
        String system = ProtocolFamily.messagingSystem(f.l7Protocol());
        if (system == null) {
            return;
        }
        a.putShared("messaging.system", system);
        a.put("messaging.destination.name", f.requestResource());
        a.putShared("messaging.operation.name", f.requestType());
    }

    private static void network(AttributeList a, Flow f, Span.SpanKind kind) {
        boolean unix = f.serverPort() == UNIX_SOCKET_PORT;
        a.putShared("network.transport", unix ? "unix" : f.protocol() == 6 ? "tcp" : f.protocol() == 17 ? "udp" : null);
        String client = f.client().ip();
        String server = f.server().ip();
        a.put("client.address", client);
        a.put("server.address", server);
        if (f.serverPort() > UNIX_SOCKET_PORT) {
            a.put("server.port", f.serverPort());
        }
        if (kind == Span.SpanKind.SPAN_KIND_CLIENT) {
            a.put("network.peer.address", server);
            if (f.serverPort() > UNIX_SOCKET_PORT && !server.isEmpty()) {
                a.put("network.peer.port", f.serverPort());
            }
        } else if (kind == Span.SpanKind.SPAN_KIND_SERVER) {
            a.put("network.peer.address", client);
        }
    }
}
