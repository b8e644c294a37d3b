package io.tracefill.serdes.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A strict JSON scanner over UTF-8 bytes, made for the row decoder's hot path: one object of
 * mostly flat keys. Keys are matched from their bytes ({@link RowKey}) without making Strings,
 * skipped values are only scanned, numbers are read straight from the digits. It accepts exactly
 * RFC 8259 JSON: no comments, no leading zeros, no NaN, no raw control characters in strings,
 * only space, tab, CR and LF between tokens; a UTF-8 byte order mark at the start is skipped.
 *
 * <p>The input must be valid UTF-8 (see {@link Utf8}): bytes from 0x80 up are taken as string
 * content without further checks. Every failure is a {@link DecodeException} saying what was
 * wrong and at which byte offset; inside a key's value it names that key.
 */
final class JsonCursor {
    static final int STRING = 0;
    static final int NUMBER = 1;
    static final int TRUE = 2;
    static final int FALSE = 3;
    static final int NULL = 4;
    static final int OBJECT = 5;
    static final int ARRAY = 6;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final int MAX_NUMBER_LENGTH = 64;

    private final byte[] b;
    private final int start;
    private final int end;
    private final int maxString;
    private final int maxDepth;
    private int pos;
    private int depth;

    private int keyFrom;
    private int keyTo;
    private boolean keyEscaped;
    /** The last key of the root object, named in errors while its value is read. */
    private int rootKeyFrom = -1;
    private int rootKeyTo;
    private boolean rootKeyEscaped;
    private boolean inRootValue;

    private int numFrom;
    private int numTo;
    private boolean numInteger;

    JsonCursor(byte[] b, int offset, int length, DecodeLimits limits) {
        this.b = b;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
        this.maxString = limits.maxStringLength();
        this.maxDepth = limits.maxNestingDepth();
    }

    // ---- structure ----

    /** Enters the document's root object. */
    void openRoot() throws DecodeException {
        if (end - pos >= 3 && b[pos] == (byte) 0xef && b[pos + 1] == (byte) 0xbb && b[pos + 2] == (byte) 0xbf) {
            pos += 3;
        }
        int c = peek();
        if (c < 0) {
            throw new DecodeException(null, "empty input: expected a JSON object");
        }
        if (c != '{') {
            throw new DecodeException(null, "expected a JSON object, got " + describe(kindOf(c)));
        }
        open();
    }

    /** After the root object: only whitespace may follow. */
    void closeRoot() throws DecodeException {
        inRootValue = false;
        if (peek() >= 0) {
            throw malformed("unexpected content after the JSON object (one record per message)");
        }
    }

    /** Enters the object or array the cursor stands on. */
    void open() throws DecodeException {
        if (++depth > maxDepth) {
            throw tooLarge("nesting deeper than " + maxDepth + " levels");
        }
        pos++;
    }

    /**
     * Moves to the next key of the current object and past its colon; false at the object's end.
     *
     * @param first whether no key of this object has been read yet
     */
    boolean nextKey(boolean first) throws DecodeException {
        if (depth == 1) {
            inRootValue = false;
        }
        int c = peek();
        if (c == '}') {
            pos++;
            depth--;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw malformed(c < 0 ? "unexpected end of input inside an object" : "expected ',' or '}' after a value");
            }
            pos++;
            c = peek();
        }
        if (c != '"') {
            throw malformed(c < 0 ? "unexpected end of input, expected a key" : "expected a key in double quotes");
        }
        keyFrom = pos + 1;
        keyTo = scanString(keyFrom);
        keyEscaped = scannedEscape;
        pos = keyTo + 1;
        if (depth == 1) {
            rootKeyFrom = keyFrom;
            rootKeyTo = keyTo;
            rootKeyEscaped = keyEscaped;
            inRootValue = true;
        }
        if (peek() != ':') {
            throw malformed("expected ':' after a key");
        }
        pos++;
        return true;
    }

    /**
     * Moves to the next element of the current array; false at the array's end.
     *
     * @param first whether no element of this array has been read yet
     */
    boolean nextElement(boolean first) throws DecodeException {
        int c = peek();
        if (first && c == ']') {
            pos++;
            depth--;
            return false;
        }
        if (!first) {
            if (c == ']') {
                pos++;
                depth--;
                return false;
            }
            if (c != ',') {
                throw malformed(c < 0 ? "unexpected end of input inside an array" : "expected ',' or ']' after a value");
            }
            pos++;
        }
        return true;
    }

    /** The known key just read, or null for a key the row decoder skips. */
    RowKey rowKey() {
        return keyEscaped ? RowKey.of(decode(keyFrom, keyTo, true)) : RowKey.of(b, keyFrom, keyTo);
    }

    /** The key just read, as text. */
    String keyText() {
        return decode(keyFrom, keyTo, keyEscaped);
    }

    // ---- values ----

    /** The kind of the value that follows ({@link #STRING} …), without consuming it. */
    int kind() throws DecodeException {
        int c = peek();
        if (c < 0) {
            throw malformed("unexpected end of input, expected a value");
        }
        int k = kindOf(c);
        if (k < 0) {
            throw malformed("unexpected character " + printable(c) + ", expected a value");
        }
        return k;
    }

    /** Reads the string that follows (the caller checked {@link #kind()}). */
    String string() throws DecodeException {
        int from = pos + 1;
        int to = scanString(from);
        pos = to + 1;
        return decode(from, to, scannedEscape);
    }

    /** Reads the number that follows; see {@link #integer()} and {@link #numberText()}. */
    void number() throws DecodeException {
        int i = pos;
        if (b[i] == '-') {
            i++;
        }
        int intStart = i;
        if (i < end && b[i] == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i == intStart) {
            throw malformed("a number needs digits");
        }
        boolean integer = true;
        if (i < end && b[i] == '.') {
            integer = false;
            int d = ++i;
            if ((i = digits(i)) == d) {
                throw malformed("a number needs digits after its decimal point");
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            integer = false;
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int d = i;
            if ((i = digits(i)) == d) {
                throw malformed("a number needs digits in its exponent");
            }
        }
        if (i - pos > MAX_NUMBER_LENGTH) {
            throw tooLarge("a number of " + (i - pos) + " characters (at most " + MAX_NUMBER_LENGTH + ")");
        }
        numFrom = pos;
        numTo = i;
        numInteger = integer;
        pos = i;
        boolean leadingZero = b[intStart] == '0' && i == intStart + 1 && i < end && b[i] >= '0' && b[i] <= '9';
        requireDelimiter(leadingZero ? "no leading zeros in numbers" : "a number must end at a delimiter");
    }

    /** Whether the number just read is an integer (no fraction, no exponent). */
    boolean isInteger() {
        return numInteger;
    }

    boolean isNegative() {
        return b[numFrom] == '-';
    }

    /** Digits of the integer just read, without sign. */
    int integerDigits() {
        return numTo - numFrom - (isNegative() ? 1 : 0);
    }

    /**
     * The integer just read, when it has at most 18 digits (always fits a long); callers check
     * {@link #integerDigits()} first and use {@link #numberText()} beyond.
     */
    long smallInteger() {
        boolean negative = isNegative();
        long v = 0;
        for (int i = negative ? numFrom + 1 : numFrom; i < numTo; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    private static final byte[] UINT64_MAX_DIGITS = "18446744073709551615".getBytes(StandardCharsets.ISO_8859_1);

    /** Whether the non-negative integer just read is at most 2^64 − 1. */
    boolean fitsUnsigned64() {
        int n = integerDigits();
        if (n != UINT64_MAX_DIGITS.length) {
            return n < UINT64_MAX_DIGITS.length;
        }
        return java.util.Arrays.compare(b, numFrom, numTo, UINT64_MAX_DIGITS, 0, n) <= 0;
    }

    /** The non-negative integer just read as unsigned 64-bit bits (check {@link #fitsUnsigned64()}). */
    long unsignedBits() {
        long v = 0;
        for (int i = numFrom; i < numTo; i++) {
            v = v * 10 + (b[i] - '0'); // wraps modulo 2^64: right for every value that fits
        }
        return v;
    }

    /** The number just read, as written. */
    String numberText() {
        return new String(b, numFrom, numTo - numFrom, StandardCharsets.ISO_8859_1);
    }

    /** Reads {@code true}, {@code false} or {@code null} (the caller checked {@link #kind()}). */
    void literal(int kind) throws DecodeException {
        String word = kind == TRUE ? "true" : kind == FALSE ? "false" : "null";
        int n = word.length();
        if (end - pos < n) {
            throw malformed("unexpected end of input in " + word);
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw malformed("unrecognised token, expected " + word);
            }
        }
        pos += n;
        requireDelimiter("unrecognised token after " + word);
    }

    /** Reads past the value that follows, checking its syntax. */
    void skip() throws DecodeException {
        int kind = kind();
        switch (kind) {
            case STRING -> pos = scanString(pos + 1) + 1;
            case NUMBER -> number();
            case OBJECT -> {
                open();
                for (boolean first = true; nextKey(first); first = false) {
                    skip();
                }
            }
            case ARRAY -> {
                open();
                for (boolean first = true; nextElement(first); first = false) {
                    skip();
                }
            }
            default -> literal(kind);
        }
    }

    // ---- errors ----

    /** A syntax error at the current position. */
    DecodeException malformed(String what) {
        return new DecodeException(errorField(), "malformed JSON: " + what + " at byte offset " + (pos - start));
    }

    DecodeException tooLarge(String what) {
        return new DecodeException(errorField(), "too large: " + what);
    }

    /** The root key whose value is being read, or null between entries. */
    private String errorField() {
        if (rootKeyFrom < 0 || !inRootValue) {
            return null;
        }
        if (!rootKeyEscaped) {
            RowKey k = RowKey.of(b, rootKeyFrom, rootKeyTo);
            if (k != null) {
                return k.json;
            }
        }
        return decode(rootKeyFrom, rootKeyTo, rootKeyEscaped);
    }

    static String describe(int kind) {
        return switch (kind) {
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
            case OBJECT -> "object";
            case ARRAY -> "array";
            default -> "malformed JSON";
        };
    }

    // ---- lexical details ----

    private static int kindOf(int c) {
        return switch (c) {
            case '"' -> STRING;
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> NUMBER;
            case 't' -> TRUE;
            case 'f' -> FALSE;
            case 'n' -> NULL;
            case '{' -> OBJECT;
            case '[' -> ARRAY;
            default -> -1;
        };
    }

    /** Skips whitespace; the next byte, or -1 at the end. */
    private int peek() {
        while (pos < end) {
            int c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c & 0xff;
            }
            pos++;
        }
        return -1;
    }

    private int digits(int i) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private void requireDelimiter(String problem) throws DecodeException {
        if (pos < end) {
            int c = b[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw malformed(problem);
            }
        }
    }

    /** Set by {@link #scanString}: whether the string just scanned holds an escape. */
    private boolean scannedEscape;

    /**
     * Finds the closing quote of the string whose content starts at {@code from}: checks its escapes
     * and its UTF-8, and refuses raw control characters. Eight bytes at a time: a word with nothing
     * special is skipped whole, else the first special byte is found by its bit position.
     */
    private int scanString(int from) throws DecodeException {
        boolean escaped = false;
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
                pos = i;
                throw malformed("unterminated string");
            }
            c = b[i] & 0xff;
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                i = escape(i);
            } else if (c >= 0x80) {
                int n = Utf8.sequenceLength(b, i, end, c);
                if (n < 0) {
                    throw new DecodeException(null, "invalid UTF-8 at byte offset " + (i - start)
                            + " (0x" + Integer.toHexString(c) + ")");
                }
                i += n;
            } else if (c < 0x20) {
                pos = i;
                throw malformed("control character " + printable(c) + " in a string (it must be escaped)");
            } else {
                i++;
            }
        }
        if (i - from > maxString) {
            throw tooLarge("a string of " + (i - from) + " bytes (at most " + maxString + ")");
        }
        scannedEscape = escaped;
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
            pos = i;
            throw malformed("unterminated string");
        }
        int c = b[i + 1];
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                for (int k = i + 2; k < i + 6; k++) {
                    if (k >= end || hex(b[k]) < 0) {
                        pos = i;
                        throw malformed("a \\u escape needs four hex digits");
                    }
                }
                return i + 6;
            }
            default -> {
                pos = i;
                throw malformed("invalid escape \\" + printable(c & 0xff));
            }
        }
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

    /** The text of a scanned string's content {@code [from, to)}. */
    private String decode(int from, int to, boolean escaped) {
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

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
    }
}
