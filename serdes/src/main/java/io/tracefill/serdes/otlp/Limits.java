package io.tracefill.serdes.otlp;

/** Checks shared by both readers; field paths are built only when a check fails. */
final class Limits {
    private Limits() {
    }

    /** {@code s} when it has at most {@code max} characters, else a fault of {@code field}. */
    static String checked(String s, int max, String field) throws SpanFault {
        if (s.length() > max) {
            throw tooLong(s, max, field);
        }
        return s;
    }

    /** {@code s} when it has at most {@code max} characters, else a fault of {@code attributes[i].part}. */
    static String attribute(String s, int max, int i, String part) throws SpanFault {
        if (s.length() > max) {
            throw tooLong(s, max, "attributes[" + i + "]." + part);
        }
        return s;
    }

    private static SpanFault tooLong(String s, int max, String field) {
        return new SpanFault(field, "string of " + s.length() + " characters; at most " + max + " are accepted");
    }
}
