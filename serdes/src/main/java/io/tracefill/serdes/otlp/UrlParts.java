package io.tracefill.serdes.otlp;

/**
 * The path and query of an HTTP {@code request_resource}, which DeepFlow stores as the request
 * target: usually {@code /path?query}, an absolute URL when the client talks to a proxy.
 */
final class UrlParts {
    private UrlParts() {
    }

    /** The path without query and fragment; "" when there is none. */
    static String path(String target) {
        String t = withoutOrigin(target);
        int end = t.length();
        int q = t.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = t.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        return t.substring(0, end);
    }

    /** The query without its {@code ?} and without a fragment; "" when there is none. */
    static String query(String target) {
        String t = withoutOrigin(target);
        int q = t.indexOf('?');
        if (q < 0) {
            return "";
        }
        int h = t.indexOf('#', q);
        return t.substring(q + 1, h < 0 ? t.length() : h);
    }

    private static String withoutOrigin(String target) {
        if (target == null) {
            return "";
        }
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 10 && !target.startsWith("/")) {
            int slash = target.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }
}
