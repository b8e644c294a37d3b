package io.tracefill.serdes.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict JSON scanner over UTF-8 bytes, made for the row decoder's hot path: one object of
 * mostly flat keys. Keys are matched from their bytes ({@link RowKey}) without making Strings,
 * skipped values are only scanned, numbers are read straight from the digits. It accepts exactly
 * RFC 8259 JSON: no comments, no leading zeros, no NaN, no raw control characters in strings,
 * only space, tab, CR and LF between tokens; a UTF-8 byte order mark at the start is skipped.
 *
 * <p>Bytes from 0x80 up can only be valid inside strings, where {@link JsonStrings} checks that
 * they are strict UTF-8; anywhere else they are a syntax error. So an accepted document is valid
 * UTF-8 throughout without a separate pass. Every failure is a {@link DecodeException} saying
 * what was wrong and at which byte offset; inside a key's value it names that key.
 */
final class JsonCursor {
    static final int STRING = 0;
    static final int NUMBER = 1;
    static final int TRUE = 2;
    static final int FALSE = 3;
    static final int NULL = 4;
    static final int OBJECT = 5;
    static final int ARRAY = 6;

    private static final int MAX_NUMBER_LENGTH = 64;
    private static final byte[] UINT64_MAX_DIGITS = "18446744073709551615".getBytes(StandardCharsets.ISO_8859_1);

    private final byte[] b;
    private final int start;
    private final int end;
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

    private final JsonStrings strings;

    private int numFrom;
    private int numTo;
    private boolean numInteger;
    /** The integer digits' value, modulo 2^64. */
    private long numMagnitude;
    private String lastString;

    JsonCursor(byte[] b, int offset, int length, DecodeLimits limits) {
        this.b = b;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
        this.maxDepth = limits.maxNestingDepth();
        this.strings = new JsonStrings(b, start, end, limits.maxStringLength(), this);
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
            if (kindOf(c) < 0) {
                throw malformed("unexpected character " + JsonStrings.printable(c) + ", expected a JSON object");
            }
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
        keyTo = strings.scan(keyFrom);
        keyEscaped = strings.escaped();
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
        return keyEscaped ? RowKey.of(JsonStrings.decode(b, keyFrom, keyTo, true)) : RowKey.of(b, keyFrom, keyTo);
    }

    /** The key just read, as text. */
    String keyText() {
        return JsonStrings.decode(b, keyFrom, keyTo, keyEscaped);
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
            throw malformed("unexpected character " + JsonStrings.printable(c) + ", expected a value");
        }
        return k;
    }

    /** Reads the string that follows (the caller checked {@link #kind()}). */
    String string() throws DecodeException {
        int from = pos + 1;
        int to = strings.scan(from);
        pos = to + 1;
        return JsonStrings.decode(b, from, to, strings.escaped());
    }

    /**
     * Reads the number that follows, checking its syntax; then {@link #isInteger()},
     * {@link #smallInteger()}, {@link #numberText()} … describe it. The integer digits are summed
     * on the way, so most integers need no second pass.
     */
    void number() throws DecodeException {
        int i = pos;
        if (b[i] == '-') {
            i++;
        }
        int intStart = i;
        long sum = 0;
        if (i < end && b[i] == '0') {
            i++;
        } else {
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                sum = sum * 10 + (b[i++] - '0'); // wraps beyond 19 digits: then unused
            }
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
        numMagnitude = sum;
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
     * The integer just read, exact when it has at most 18 digits (always fits a long); callers
     * check {@link #integerDigits()} first and use {@link #numberText()} beyond.
     */
    long smallInteger() {
        return isNegative() ? -numMagnitude : numMagnitude;
    }

    /** Whether the non-negative integer just read is at most 2^64 − 1. */
    boolean fitsUnsigned64() {
        int n = integerDigits();
        if (n != UINT64_MAX_DIGITS.length) {
            return n < UINT64_MAX_DIGITS.length;
        }
        return Arrays.compare(b, numFrom, numTo, UINT64_MAX_DIGITS, 0, n) <= 0;
    }

    /** The non-negative integer just read as unsigned 64-bit bits (check {@link #fitsUnsigned64()}). */
    long unsignedBits() {
        return numMagnitude; // modulo 2^64: right for every value that fits
    }

    /** The number just read, as written. */
    String numberText() {
        return new String(b, numFrom, numTo - numFrom, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads the string that follows. When it is 1 to 20 plain digits (a 64-bit id as the querier
     * may write it), it is then described like a number just read, without making a String, and
     * true is returned; else its text is kept for {@link #lastString()} and false is returned.
     */
    boolean digitString() throws DecodeException {
        int from = pos + 1;
        int to = strings.scan(from);
        pos = to + 1;
        int len = to - from;
        if (!strings.escaped() && len >= 1 && len <= 20) {
            long sum = 0;
            int i = from;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                sum = sum * 10 + (b[i] - '0');
            }
            if (i == to) {
                int first = from;
                while (first < to - 1 && b[first] == '0') {
                    first++; // leading zeros: the value's canonical digits start later
                }
                numFrom = first;
                numTo = to;
                numInteger = true;
                numMagnitude = sum;
                return true;
            }
        }
        lastString = JsonStrings.decode(b, from, to, strings.escaped());
        return false;
    }

    /** The text of the string {@link #digitString()} declined. */
    String lastString() {
        return lastString;
    }

    /** Whether the number just read is zero (Python's truth of a number). */
    boolean numberIsZero() {
        for (int i = numFrom; i < numTo; i++) {
            byte c = b[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
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
            case STRING -> pos = strings.scan(pos + 1) + 1;
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
        return malformedAt(pos, what);
    }

    /** A syntax error at byte {@code at} of the buffer. */
    DecodeException malformedAt(int at, String what) {
        return new DecodeException(errorField(), "malformed JSON: " + what + " at byte offset " + (at - start));
    }

    DecodeException tooLarge(String what) {
        return new DecodeException(errorField(), "too large: " + what);
    }

    /** The root key whose value is being read, or null between entries. */
    String errorField() {
        if (rootKeyFrom < 0 || !inRootValue) {
            return null;
        }
        if (!rootKeyEscaped) {
            RowKey k = RowKey.of(b, rootKeyFrom, rootKeyTo);
            if (k != null) {
                return k.json;
            }
        }
        return JsonStrings.decode(b, rootKeyFrom, rootKeyTo, rootKeyEscaped);
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

}
