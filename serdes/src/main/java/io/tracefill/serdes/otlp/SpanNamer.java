package io.tracefill.serdes.otlp;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.Values;

/**
 * Span names. An application span keeps its own name (DeepFlow's OTel ingest stores it in
 * {@code endpoint}). eBPF and Packet spans are named from what DeepFlow parsed, protocol first,
 * so that the c-p, network and s-p views of one call read alike in Jaeger's operation list:
 * <ul>
 *   <li>HTTP: {@code HTTP GET /api/v1/orders} (path without query; {@code HTTPS} when TLS);</li>
 *   <li>gRPC: {@code gRPC shop.Orders/Get}; Dubbo and other RPC: {@code Dubbo svc/method};</li>
 *   <li>SQL: {@code MySQL SELECT orders} from the statement, else {@code MySQL COM_QUERY};</li>
 *   <li>Redis, Memcached, MongoDB: {@code Redis GET} (the command, never its keys);</li>
 *   <li>messaging: {@code Kafka Produce orders}; DNS: {@code DNS A example.com};</li>
 *   <li>anything else: protocol, request type and resource that are present, and when nothing
 *       is, the transport and server address ({@code TCP 10.0.0.5:8080}).</li>
 * </ul>
 * DeepFlow's own exporter leaves the name empty for DNS and every protocol it does not list.
 * Names longer than {@value #MAX_LENGTH} characters are cut and end with "…".
 */
final class SpanNamer {
    static final int MAX_LENGTH = 200;

    private SpanNamer() {
    }

    static String name(Flow f) {
        if (f.signalSource() == SignalSource.OTEL && !f.endpoint().isEmpty()) {
            return cap(f.endpoint());
        }
        String name = describe(f);
        return cap(name.isEmpty() ? transport(f) : name);
    }

    private static String describe(Flow f) {
        int code = f.l7Protocol();
        String proto = ProtocolFamily.displayName(code);
        String type = f.requestType();
        String resource = f.requestResource();
        return switch (ProtocolFamily.of(code)) {
            case HTTP -> join(code == L7Protocol.HTTP1 && f.isTls() == 1 ? "HTTPS" : proto, type,
                    Values.firstPresent(UrlParts.path(resource), f.endpoint()));
            case RPC -> join(proto, rpcOperation(f), null);
            case SQL -> {
                SqlSummary sql = SqlSummary.of(resource);
                yield join(proto, sql != null ? sql.text() : type, null);
            }
            case KEY_VALUE, DOCUMENT -> join(proto, type, null);
            case MESSAGING, DNS -> join(proto, type, resource);
            case OTHER -> join(proto, type, Values.firstPresent(resource, f.endpoint()));
        };
    }

    /** gRPC {@code /pkg.Svc/Method} → {@code pkg.Svc/Method}; others {@code resource/type} as DeepFlow does. */
    static String rpcOperation(Flow f) {
        String resource = f.requestResource();
        if (f.l7Protocol() == L7Protocol.GRPC) {
            String path = UrlParts.path(resource);
            return path.startsWith("/") ? path.substring(1) : Values.firstPresent(path, f.endpoint());
        }
        if (resource.isEmpty()) {
            return Values.firstPresent(f.requestType(), f.endpoint());
        }
        return f.requestType().isEmpty() ? resource : resource + "/" + f.requestType();
    }

    /** What is left when DeepFlow parsed nothing: {@code TCP 10.0.0.5:8080}. */
    private static String transport(Flow f) {
        String l4 = f.protocol() == 6 ? "TCP" : f.protocol() == 17 ? "UDP" : "request";
        String ip = f.server().ip();
        if (ip.isEmpty()) {
            return l4;
        }
        return f.serverPort() > 1 ? l4 + " " + ip + ":" + f.serverPort() : l4 + " " + ip;
    }

    private static String join(String a, String b, String c) {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {a, b, c}) {
            if (part != null && !part.isBlank()) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(part.strip());
            }
        }
        return out.toString();
    }

    static String cap(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
