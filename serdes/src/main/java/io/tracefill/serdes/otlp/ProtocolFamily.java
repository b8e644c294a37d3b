package io.tracefill.serdes.otlp;

import io.tracefill.serdes.model.L7Protocol;

/**
 * DeepFlow's {@code l7_protocol} codes grouped the way span names and semantic-convention
 * attributes need them (the groups of formats §1.3), with the OpenTelemetry system names where a
 * registered one exists.
 */
enum ProtocolFamily {
    HTTP, RPC, SQL, KEY_VALUE, DOCUMENT, MESSAGING, DNS, OTHER;

    static ProtocolFamily of(int l7Protocol) {
        if (l7Protocol == L7Protocol.HTTP1 || l7Protocol == L7Protocol.HTTP2) {
            return HTTP;
        }
        if (l7Protocol >= 40 && l7Protocol <= 59) {
            return RPC;
        }
        if (l7Protocol >= 60 && l7Protocol <= 79) {
            return SQL;
        }
        if (l7Protocol == 80 || l7Protocol == 82) {
            return KEY_VALUE;
        }
        if (l7Protocol == 81) {
            return DOCUMENT;
        }
        if (l7Protocol >= 100 && l7Protocol <= 119) {
            return MESSAGING;
        }
        if (l7Protocol == L7Protocol.DNS) {
            return DNS;
        }
        return OTHER;
    }

    /** {@code db.system} of the database semantic conventions, or null. */
    static String dbSystem(int l7Protocol) {
        return switch (l7Protocol) {
            case 60 -> "mysql";
            case 61 -> "postgresql";
            case 62 -> "oracle";
            case 80 -> "redis";
            case 81 -> "mongodb";
            case 82 -> "memcached";
            default -> null;
        };
    }

    /** {@code rpc.system}, or null. */
    static String rpcSystem(int l7Protocol) {
        return switch (l7Protocol) {
            case 40 -> "apache_dubbo";
            case 41 -> "grpc";
            default -> null;
        };
    }

    /** {@code messaging.system}, or null (only where the wire protocol names one system: AMQP does not). */
    static String messagingSystem(int l7Protocol) {
        return switch (l7Protocol) {
            case 100 -> "kafka";
            case 104 -> "nats";
            case 105 -> "pulsar";
            case 107 -> "rocketmq";
            default -> null;
        };
    }

    /** DeepFlow's display name of the protocol, or null for 0 (N/A) and unknown codes. */
    static String displayName(int l7Protocol) {
        return l7Protocol == L7Protocol.UNKNOWN ? null : L7Protocol.displayName(l7Protocol);
    }
}
