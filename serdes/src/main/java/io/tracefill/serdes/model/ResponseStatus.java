package io.tracefill.serdes.model;

import java.util.Locale;

/**
 * {@code response_status} codes and the English display names of DeepFlow's enum file
 * (formats §1.3). Older DeepFlow versions named code 2 "Unknown"; the current file names it
 * "Timeout" and uses 5 for "Unknown", which is what this table follows.
 */
public final class ResponseStatus {
    public static final int SUCCESS = 0;
    /** Legacy; has no display name, so DeepFlow's translated JSON leaves it out. */
    public static final int ERROR = 1;
    public static final int TIMEOUT = 2;
    public static final int SERVER_ERROR = 3;
    public static final int CLIENT_ERROR = 4;
    public static final int UNKNOWN = 5;
    public static final int PARSE_FAILED = 6;

    private ResponseStatus() {
    }

    /** DeepFlow's display name of a code, or null when the code has none. */
    public static String displayName(int code) {
        return switch (code) {
            case SUCCESS -> "Success";
            case TIMEOUT -> "Timeout";
            case SERVER_ERROR -> "Server Error";
            case CLIENT_ERROR -> "Client Error";
            case UNKNOWN -> "Unknown";
            case PARSE_FAILED -> "Parse Failed";
            default -> null;
        };
    }

    /** Code of a display name (case-insensitive; the legacy "Error" included), or -1. */
    public static int fromDisplayName(String name) {
        if (name == null) {
            return -1;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "success" -> SUCCESS;
            case "error" -> ERROR;
            case "timeout" -> TIMEOUT;
            case "server error" -> SERVER_ERROR;
            case "client error" -> CLIENT_ERROR;
            case "unknown" -> UNKNOWN;
            case "parse failed" -> PARSE_FAILED;
            default -> -1;
        };
    }
}
