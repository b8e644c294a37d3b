package io.tracefill.serdes.otlp;

import io.tracefill.serdes.model.L7Protocol;

import java.util.Locale;

/**
 * DeepFlow's reading of an OTel span's protocol word ({@code http.scheme}, {@code db.system},
 * {@code rpc.system}, {@code messaging.system} …) as an {@code l7_protocol} code: lower-cased, it
 * picks a protocol whose lower-case name <em>contains</em> the word ({@code "grpc"} → gRPC,
 * {@code "http"} → HTTP, {@code "apache_dubbo"} → none), HTTP or HTTP2 by the version's first
 * character, and marks TLS when the word contains {@code "https"} ({@code "https"} itself then
 * matches no protocol: a quirk kept, formats §7.9).
 *
 * <p>DeepFlow walks a Go map, so a word contained in several names ({@code "sql"}) gets any of
 * them; here it gets the one with the lowest code, every time.
 */
final class L7ProtocolGuess {
    /** DeepFlow's protocol names that take part, lower case, in code order. */
    private static final String[] NAMES = {"n/a", "http", "http2", "dubbo", "grpc", "sofarpc", "fastcgi", "brpc",
            "mysql", "postgresql", "oracle", "redis", "mongodb", "kafka", "mqtt", "amqp", "openwire", "nats", "pulsar",
            "zmtp", "dns", "tls", "custom"};
    private static final int[] CODES = {0, 20, 21, 40, 41, 43, 44, 45, 60, 61, 62, 80, 81, 100, 101, 102, 103, 104,
            105, 106, 120, 121, 127};

    private L7ProtocolGuess() {
    }

    /** The {@code l7_protocol} code of a protocol word; 0 when it names none. */
    static int code(String word, String version) {
        if (word == null || word.isEmpty()) {
            return L7Protocol.UNKNOWN;
        }
        String w = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].contains(w)) {
                int c = CODES[i];
                if (c == L7Protocol.HTTP1 || c == L7Protocol.HTTP2) {
                    return version != null && version.startsWith("2") ? L7Protocol.HTTP2 : L7Protocol.HTTP1;
                }
                return c;
            }
        }
        return L7Protocol.UNKNOWN;
    }

    /** {@code is_tls}: 1 when the word contains {@code https} in any case. */
    static int isTls(String word) {
        return word != null && word.toLowerCase(Locale.ROOT).contains("https") ? 1 : 0;
    }
}
