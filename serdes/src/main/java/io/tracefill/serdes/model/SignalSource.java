package io.tracefill.serdes.model;

/** {@code signal_source} codes (DeepFlow {@code SignalSource}). */
public final class SignalSource {
    public static final int PACKET = 0;
    public static final int XFLOW = 1;
    public static final int EBPF = 3;
    public static final int OTEL = 4;

    private SignalSource() {
    }

    /** Display name used by DeepFlow's Kafka exporter, or null for an unknown code. */
    public static String displayName(int code) {
        return switch (code) {
            case PACKET -> "Packet";
            case XFLOW -> "xFlow";
            case EBPF -> "eBPF";
            case OTEL -> "OTel";
            default -> null;
        };
    }

    /** Code for a display name (case-insensitive), or -1. */
    public static int fromDisplayName(String name) {
        if (name == null) {
            return -1;
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "packet" -> PACKET;
            case "xflow" -> XFLOW;
            case "ebpf" -> EBPF;
            case "otel" -> OTEL;
            default -> -1;
        };
    }
}
