package io.tracefill.serdes.model;

/** {@code type} of an l7 row: request only, response only, or both merged into a session. */
public final class FlowType {
    public static final int REQUEST = 0;
    public static final int RESPONSE = 1;
    public static final int SESSION = 2;

    private FlowType() {
    }

    public static String displayName(int code) {
        return switch (code) {
            case REQUEST -> "Request";
            case RESPONSE -> "Response";
            case SESSION -> "Session";
            default -> null;
        };
    }

    public static int fromDisplayName(String name) {
        if (name == null) {
            return -1;
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "request" -> REQUEST;
            case "response" -> RESPONSE;
            case "session" -> SESSION;
            default -> -1;
        };
    }
}
