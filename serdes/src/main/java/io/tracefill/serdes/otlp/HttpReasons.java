package io.tracefill.serdes.otlp;

/**
 * The {@code response_exception} DeepFlow's ingester writes for an OTel span with a 4xx or 5xx
 * HTTP status: the reason phrase of its HTTP status table, with the RFC notes that table carries
 * (codes it does not list give {@code ""}).
 */
final class HttpReasons {
    private static final String[] CLIENT = new String[100];
    private static final String[] SERVER = new String[100];

    static {
        CLIENT[0] = "Bad Request";
        CLIENT[1] = "Unauthorized (RFC 7235)";
        CLIENT[2] = "Payment Required";
        CLIENT[3] = "Forbidden";
        CLIENT[4] = "Not Found";
        CLIENT[5] = "Method Not Allowed";
        CLIENT[6] = "Not Acceptable";
        CLIENT[7] = "Proxy Authentication Required (RFC 7235)";
        CLIENT[8] = "Request Timeout";
        CLIENT[9] = "Conflict";
        CLIENT[10] = "Gone";
        CLIENT[11] = "Length Required";
        CLIENT[12] = "Precondition Failed (RFC 7232)";
        CLIENT[13] = "Payload Too Large (RFC 7231)";
        CLIENT[14] = "URI Too Long (RFC 7231)";
        CLIENT[15] = "Unsupported Media Type (RFC 7231)";
        CLIENT[16] = "Range Not Satisfiable (RFC 7233)";
        CLIENT[17] = "Expectation Failed";
        CLIENT[18] = "I'm a teapot (RFC 2324, RFC 7168)";
        CLIENT[21] = "Misdirected Request (RFC 7540)";
        CLIENT[22] = "Unprocessable Entity (WebDAV; RFC 4918)";
        CLIENT[23] = "Locked (WebDAV; RFC 4918)";
        CLIENT[24] = "Failed Dependency (WebDAV; RFC 4918)";
        CLIENT[25] = "Too Early (RFC 8470)";
        CLIENT[26] = "Upgrade Required";
        CLIENT[28] = "Precondition Required (RFC 6585)";
        CLIENT[29] = "Too Many Requests (RFC 6585)";
        CLIENT[31] = "Request Header Fields Too Large (RFC 6585)";
        CLIENT[51] = "Unavailable For Legal Reasons (RFC 7725)";
        SERVER[0] = "Internal Server Error";
        SERVER[1] = "Not Implemented";
        SERVER[2] = "Bad Gateway";
        SERVER[3] = "Service Unavailable";
        SERVER[4] = "Gateway Timeout";
        SERVER[5] = "HTTP Version Not Supported";
        SERVER[6] = "Variant Also Negotiates (RFC 2295)";
        SERVER[7] = "Insufficient Storage (WebDAV; RFC 4918)";
        SERVER[8] = "Loop Detected (WebDAV; RFC 5842)";
        SERVER[10] = "Not Extended (RFC 2774)";
        SERVER[11] = "Network Authentication Required (RFC 6585)";
    }

    private HttpReasons() {
    }

    /** The reason text of a 4xx or 5xx code, {@code ""} for other or unlisted codes. */
    static String of(int code) {
        String r = null;
        if (code >= 400 && code < 500) {
            r = CLIENT[code - 400];
        } else if (code >= 500 && code < 600) {
            r = SERVER[code - 500];
        }
        return r == null ? "" : r;
    }
}
