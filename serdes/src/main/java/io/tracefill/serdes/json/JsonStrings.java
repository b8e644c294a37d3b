package io.tracefill.serdes.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The string part of {@link JsonCursor}: finds where a string ends while checking it (escapes,
 * raw control characters, UTF-8), and turns its bytes into text. Scanning is where the row
 * decoder spends most of its time, hence the eight-bytes-at-a-time search.
 */
final class JsonStrings {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    private final byte[] b;
    private final int start;
    private final int end;
    private final int maxString;
    private final JsonCursor owner;
    /** Whether the string scanned last holds an escape (then its text must be unescaped). */
    private boolean escaped;

    JsonStrings(byte[] b, int start, int end, int maxString, JsonCursor owner) {
        this.b = b;
        this.start = start;
        this.end = end;
        this.maxString = maxString;
        this.owner = owner;
    }

    boolean escaped() {
        return escaped;
    }

    /**
     * Finds the closing quote of the string whose content starts at {@code from}: checks its escapes
     * and its UTF-8, and refuses raw control characters. Eight bytes at a time: a word with nothing
     * special is skipped whole, else the first special byte is found by its bit position.
     */
    int scan(int from) throws DecodeException {
        boolean hasEscape = false;
        int i = from;
        while (true) {
            int c;
            if (end - i >= 8) {
                long special = special((long) LONGS.get(b, i));
                if (special == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(special) >>> 3;
            } else if (i >= end) {
                throw owner.malformedAt(i, "unterminated string");
            }
            c = b[i] & 0xff;
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                hasEscape = true;
                i = escape(i);
            } else if (c >= 0x80) {
                int n = Utf8.sequenceLength(b, i, end, c);
                if (n < 0) {
                    throw new DecodeException(owner.errorField(), "invalid UTF-8 at byte offset " + (i - start)
                            + " (0x" + Integer.toHexString(c) + ")");
                }
                i += n;
            } else if (c < 0x20) {
                throw owner.malformedAt(i, "control character " + printable(c) + " in a string (it must be escaped)");
            } else {
                i++;
            }
        }
        if (i - from > maxString) {
            throw owner.tooLarge("a string of " + (i - from) + " bytes (at most " + maxString + ")");
        }
        escaped = hasEscape;
        return i;
    }

    /**
     * The high bit of each byte that is a quote, a backslash, a control character or not ASCII
     * (a lead or continuation byte of a multi-byte character), among the eight; 0 for none. A set
     * bit above the lowest may be spurious (borrows), the lowest never is.
     */
    private static long special(long w) {
        long quote = w ^ 0x2222222222222222L;
        long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
        long zeroQuote = (quote - ONES) & ~quote;
        long zeroBackslash = (backslash - ONES) & ~backslash;
        long control = (w - 0x2020202020202020L) & ~w;
        return (zeroQuote | zeroBackslash | control | w) & HIGH;
    }

    /** Checks the escape at {@code i} (a backslash); the index after it. */
    private int escape(int i) throws DecodeException {
        if (i + 1 >= end) {
            throw owner.malformedAt(i, "unterminated string");
        }
        int c = b[i + 1];
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                char u = unicodeEscape(i);
                if (!Character.isSurrogate(u)) {
                    return i + 6;
                }
                // a surrogate escape must be a high one followed by a low one: anything else is not
                // Unicode text, and would later fail (or be mangled) wherever the text is encoded
                if (Character.isHighSurrogate(u) && i + 7 < end && b[i + 6] == '\\' && b[i + 7] == 'u'
                        && Character.isLowSurrogate(unicodeEscape(i + 6))) {
                    return i + 12;
                }
                throw new DecodeException(owner.errorField(), "unpaired UTF-16 surrogate escape \\u"
                        + String.format("%04x", (int) u) + " at byte offset " + (i - start) + " (not valid Unicode text)");
            }
            default -> throw owner.malformedAt(i, "invalid escape \\" + printable(c & 0xff));
        }
    }

    /** The code unit of the {@code \\uXXXX} escape at {@code i} (its backslash). */
    private char unicodeEscape(int i) throws DecodeException {
        int v = 0;
        for (int k = i + 2; k < i + 6; k++) {
            int h = k < end ? hex(b[k]) : -1;
            if (h < 0) {
                throw owner.malformedAt(i, "a \\u escape needs four hex digits");
            }
            v = v << 4 | h;
        }
        return (char) v;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The text of a scanned string's content {@code b[from, to)}. */
    static String decode(byte[] b, int from, int to, boolean escaped) {
        if (!escaped) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(to - from);
        int run = from;
        int i = from;
        while (i < to) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            int c = b[i + 1];
            switch (c) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5])));
                default -> sb.append((char) c);
            }
            i += c == 'u' ? 6 : 2;
            run = i;
        }
        sb.append(new String(b, run, to - run, StandardCharsets.UTF_8));
        return sb.toString();
    }

    static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
    }
}
