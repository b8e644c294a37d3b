package io.tracefill.serdes.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code l7_protocol} codes and the display names of DeepFlow's enum file (formats §1.3). */
public final class L7Protocol {
    public static final int UNKNOWN = 0;
    public static final int HTTP1 = 20;
    public static final int HTTP2 = 21;
    public static final int DUBBO = 40;
    public static final int GRPC = 41;
    public static final int ISO8583 = 48;
    public static final int MYSQL = 60;
    public static final int POSTGRESQL = 61;
    public static final int REDIS = 80;
    public static final int KAFKA = 100;
    public static final int WEBSPHERE_MQ = 108;
    public static final int DNS = 120;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        name(0, "N/A");
        name(20, "HTTP");
        name(21, "HTTP2");
        name(40, "Dubbo");
        name(41, "gRPC");
        name(43, "SofaRPC");
        name(44, "FastCGI");
        name(45, "bRPC");
        name(46, "Tars");
        name(47, "Some/IP");
        name(48, "ISO-8583");
        name(49, "Triple");
        name(50, "NetSign");
        name(60, "MySQL");
        name(61, "PostgreSQL");
        name(62, "Oracle");
        name(63, "Dameng");
        name(80, "Redis");
        name(81, "MongoDB");
        name(82, "Memcached");
        name(100, "Kafka");
        name(101, "MQTT");
        name(102, "AMQP");
        name(103, "OpenWire");
        name(104, "NATS");
        name(105, "Pulsar");
        name(106, "ZMTP");
        name(107, "RocketMQ");
        name(108, "WebSphereMQ");
        name(120, "DNS");
        name(121, "TLS");
        name(122, "Ping");
        name(127, "Custom");
    }

    private static void name(int code, String display) {
        NAMES.put(code, display);
        CODES.put(display.toLowerCase(Locale.ROOT), code);
    }

    private L7Protocol() {
    }

    public static String displayName(int code) {
        return NAMES.get(code);
    }

    /** Code of a display name (case-insensitive), or -1. */
    public static int fromDisplayName(String name) {
        if (name == null) {
            return -1;
        }
        Integer c = CODES.get(name.toLowerCase(Locale.ROOT));
        return c == null ? -1 : c;
    }
}
