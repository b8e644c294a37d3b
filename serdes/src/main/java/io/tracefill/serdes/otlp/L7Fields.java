package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tracefill.serdes.model.L7Protocol;

/**
 * The L7 columns a span's attributes fill, read in one pass over them.
 *
 * <p>DeepFlow's ingester knows only the old semantic-convention names ({@code http.method},
 * {@code http.target}, {@code http.status_code}, {@code net.peer.ip} …); each of them is applied
 * here exactly as DeepFlow applies it (string values only where DeepFlow reads strings only, the
 * last occurrence wins). The current names ({@code http.request.method}, {@code url.path},
 * {@code http.response.status_code}, {@code server.address}, {@code db.query.text} …) are read
 * too, but only fill a column the old names left empty, so a span DeepFlow reads fully gets the
 * same row here (a deliberate divergence, docs/divergences.md).
 */
final class L7Fields {
    private static final int TCP = 6;
    private static final int UDP = 17;

    /** Some key starts with "http" (span or resource): DeepFlow then takes the span for HTTP. */
    boolean isHttp;

    // DeepFlow's names (old conventions)
    private String word;
    private String version;
    private Integer code;
    private String domain;
    private String type;
    private String resource;
    private String httpUrl;
    private int protocol;
    private String peerIp;

    // current names, used only where the old ones left the column empty
    private String newWord;
    private String newVersion;
    private Integer newCode;
    private String newDomain;
    private String newType;
    private String newResource;
    private String urlPath;
    private String urlQuery;
    private String urlFull;
    private int newProtocol;
    private String newPeerIp;

    // SkyWalking ids carried as attributes (DeepFlow's sw8 handling)
    String sw8TraceId;
    String sw8SpanId;
    String sw8ParentSpanId;
    String sw8SegmentId;

    /**
     * Reads one span attribute with a value.
     *
     * @return true when DeepFlow files it as a metric, so it is not kept among the attributes
     */
    boolean read(String key, AnyValue v, String text) {
        if (!isHttp && key.startsWith("http")) {
            isHttp = true;
        }
        String s = v.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? v.getStringValue() : "";
        switch (key) {
            // DeepFlow's own
            case "net.transport" -> protocol = transport(s, protocol);
            case "net.peer.ip" -> {
                String ip = IpLiteral.canonical(s);
                if (ip != null) {
                    peerIp = ip;
                }
            }
            case "http.scheme", "db.system", "rpc.system", "messaging.system", "messaging.protocol" -> word = s;
            case "http.flavor" -> version = s;
            case "http.status_code" -> code = statusCode(v, text);
            case "http.host", "db.connection_string" -> domain = s;
            case "http.method", "db.operation", "rpc.method" -> type = s;
            case "http.target", "db.statement", "messaging.url", "rpc.service" -> resource = s;
            case "http.url" -> httpUrl = s;
            // an empty SkyWalking id is taken as absent: it would blank the OTLP id (DeepFlow writes a
            // quoted "" there, an artefact of its text rendering)
            case "sw8.span_id" -> sw8SpanId = text.isEmpty() ? sw8SpanId : text;
            case "sw8.parent_span_id" -> sw8ParentSpanId = text.isEmpty() ? sw8ParentSpanId : text;
            case "sw8.segment_id" -> sw8SegmentId = text.isEmpty() ? sw8SegmentId : text;
            case "sw8.trace_id" -> sw8TraceId = text.isEmpty() ? sw8TraceId : text;
            case "http.request_content_length", "http.response_content_length", "db.cassandra.page_size",
                    "message.uncompressed_size", "messaging.message_payload_size_bytes",
                    "messaging.message_payload_compressed_size_bytes" -> {
                return true;
            }
            // current conventions
            case "network.transport" -> newProtocol = transport(s, newProtocol);
            case "network.peer.address", "net.sock.peer.addr" -> {
                String ip = IpLiteral.canonical(s);
                if (ip != null) {
                    newPeerIp = ip;
                }
            }
            case "db.system.name", "network.protocol.name" -> newWord = s;
            case "network.protocol.version" -> newVersion = s;
            case "http.response.status_code" -> newCode = statusCode(v, text);
            case "server.address" -> newDomain = s;
            case "http.request.method", "db.operation.name", "messaging.operation.name" -> newType = s;
            case "db.query.text", "messaging.destination.name" -> newResource = s;
            case "url.path" -> urlPath = s;
            case "url.query" -> urlQuery = s;
            case "url.full" -> urlFull = s;
            default -> {
            }
        }
        return false;
    }

    /** DeepFlow: a value containing "tcp" means TCP, else one containing "udp" UDP, else no change (0: none yet). */
    private static int transport(String s, int current) {
        if (s.contains("tcp")) {
            return TCP;
        }
        return s.contains("udp") ? UDP : current;
    }

    /**
     * DeepFlow parses the value's text as a decimal int ({@code strconv.Atoi}) and keeps 0 when
     * that fails; the column is set either way.
     */
    private static Integer statusCode(AnyValue v, String text) {
        if (v.getValueCase() == AnyValue.ValueCase.INT_VALUE) {
            return (int) v.getIntValue();
        }
        int n = text.length();
        if (n == 0 || n > 19) {
            return 0;
        }
        int i = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return 0;
        }
        long x = 0;
        for (int j = i; j < n; j++) {
            char c = text.charAt(j);
            if (c < '0' || c > '9') {
                return 0;
            }
            x = x * 10 + (c - '0');
        }
        return (int) (text.charAt(0) == '-' ? -x : x);
    }

    String protocolWord() {
        String w = present(word) ? word : present(newWord) ? newWord : "";
        return w.isEmpty() && isHttp ? L7Protocol.displayName(L7Protocol.HTTP1) : w;
    }

    String version() {
        return present(version) ? version : orEmpty(newVersion);
    }

    Integer responseCode() {
        return code != null ? code : newCode;
    }

    String requestDomain() {
        return present(domain) ? domain : orEmpty(newDomain);
    }

    String requestType() {
        return present(type) ? type : orEmpty(newType);
    }

    /**
     * DeepFlow: its resource names, else the path of {@code http.url}. Then the current names:
     * {@code url.path} (with {@code ?url.query}, as {@code http.target} had it), {@code db.query.text}
     * or {@code messaging.destination.name}, else the path of {@code url.full}.
     */
    String requestResource() {
        if (present(resource)) {
            return resource;
        }
        String p = urlPath(httpUrl);
        if (p != null) {
            return p;
        }
        if (present(urlPath)) {
            return present(urlQuery) ? urlPath + "?" + urlQuery : urlPath;
        }
        if (present(newResource)) {
            return newResource;
        }
        p = urlPath(urlFull);
        return p == null ? "" : p;
    }

    /** {@code protocol}: TCP unless a transport attribute says UDP (DeepFlow's name first). */
    int protocol() {
        return protocol != 0 ? protocol : newProtocol != 0 ? newProtocol : TCP;
    }

    /** The peer's address: the client's on a server or internal span, the server's on a client span. */
    String peerIp() {
        return peerIp != null ? peerIp : orEmpty(newPeerIp);
    }

    /**
     * DeepFlow's path of a URL: what follows the host after {@code ://}, {@code "/"} when nothing
     * does, null when the text has no {@code ://} or nothing after it.
     */
    static String urlPath(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0 || scheme + 3 == url.length()) {
            return null;
        }
        int slash = url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
