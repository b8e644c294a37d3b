package io.tracefill.serdes.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the value a {@link JsonCursor} stands on, each failing with a
 * {@link DecodeException} that names the field and says what was expected and what came
 * ({@code trace_id: expected a string, got number}).
 */
final class CursorValues {
    private static final int SMALL_DIGITS = 18; // any 18-digit integer fits a long

    private CursorValues() {
    }

    static DecodeException wrongType(String field, String expected, int kind) {
        return new DecodeException(field, "expected " + expected + ", got " + JsonCursor.describe(kind));
    }

    static String string(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind != JsonCursor.STRING) {
            throw wrongType(field, "a string", kind);
        }
        return c.string();
    }

    /** A JSON integer in {@code [min, max]}; decimals, strings and other types are refused. */
    static long integer(JsonCursor c, int kind, String field, long min, long max) throws DecodeException {
        if (kind != JsonCursor.NUMBER) {
            throw wrongType(field, "an integer", kind);
        }
        c.number();
        return checkedInteger(c, field, min, max);
    }

    /** The number the cursor just read, as an integer in {@code [min, max]}. */
    static long checkedInteger(JsonCursor c, String field, long min, long max) throws DecodeException {
        if (!c.isInteger()) {
            throw new DecodeException(field, "expected an integer, got the decimal number " + c.numberText());
        }
        long v;
        if (c.integerDigits() <= SMALL_DIGITS) {
            v = c.smallInteger();
        } else {
            v = longOrOutOfRange(c, field, min, max);
        }
        if (v < min) {
            throw new DecodeException(field, min == 0 ? "must not be negative, got " + v : "must be at least " + min + ", got " + v);
        }
        if (v > max) {
            throw new DecodeException(field, "must be at most " + max + ", got " + v);
        }
        return v;
    }

    /** A 19-digit or longer integer: a long if it fits, else out of the range asked for. */
    private static long longOrOutOfRange(JsonCursor c, String field, long min, long max) throws DecodeException {
        String text = c.numberText();
        if (c.integerDigits() == 19) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException beyondLong) {
                // reported below
            }
        }
        throw new DecodeException(field, (c.isNegative() ? "must be at least " + min : "must be at most " + max)
                + ", got " + JsonValues.abbreviate(text));
    }

    static int int32(JsonCursor c, int kind, String field, int min, int max) throws DecodeException {
        return (int) integer(c, kind, field, min, max);
    }

    /** A 0/1 flag; JSON booleans are taken as 1/0 too. */
    static int flag(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.TRUE || kind == JsonCursor.FALSE) {
            c.literal(kind);
            return kind == JsonCursor.TRUE ? 1 : 0;
        }
        return int32(c, kind, field, 0, 255);
    }

    /**
     * An unsigned 64-bit value given as a JSON integer or as decimal text, returned as its bits in a
     * long (values above {@code Long.MAX_VALUE} come back negative).
     */
    static long unsigned64(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind == JsonCursor.STRING) {
            if (!c.digitString()) {
                return JsonValues.parseUnsigned(c.lastString(), field); // refuses it, or reads what is unusual
            }
            if (!c.fitsUnsigned64()) {
                throw beyondUnsigned64(c, field);
            }
            return c.unsignedBits();
        }
        if (kind != JsonCursor.NUMBER) {
            throw wrongType(field, "an unsigned integer (number or decimal text)", kind);
        }
        c.number();
        if (!c.isInteger()) {
            throw new DecodeException(field, "expected an unsigned integer, got the decimal number " + c.numberText());
        }
        if (c.isNegative()) {
            throw new DecodeException(field, "must not be negative, got " + c.numberText());
        }
        if (!c.fitsUnsigned64()) {
            throw beyondUnsigned64(c, field);
        }
        return c.unsignedBits();
    }

    /** The canonical decimal text (no sign, no leading zeros) of an unsigned 64-bit value. */
    static String unsigned64Text(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind != JsonCursor.NUMBER && kind != JsonCursor.STRING) {
            throw wrongType(field, "an unsigned integer (number or decimal text)", kind);
        }
        if (kind == JsonCursor.STRING && !c.digitString()) {
            return Long.toUnsignedString(JsonValues.parseUnsigned(c.lastString(), field));
        }
        if (kind == JsonCursor.NUMBER) {
            unsigned64(c, kind, field);
        } else if (!c.fitsUnsigned64()) {
            throw beyondUnsigned64(c, field);
        }
        return c.numberText(); // the digits without leading zeros: already canonical
    }

    private static DecodeException beyondUnsigned64(JsonCursor c, String field) {
        return new DecodeException(field, "beyond the unsigned 64-bit range (max 18446744073709551615), got "
                + JsonValues.abbreviate(c.numberText()));
    }

    /** A JSON array of strings. */
    static List<String> stringArray(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind != JsonCursor.ARRAY) {
            throw wrongType(field, "an array of strings", kind);
        }
        c.open();
        List<String> out = new ArrayList<>();
        for (boolean first = true; c.nextElement(first); first = false) {
            int k = c.kind();
            if (k != JsonCursor.STRING) {
                throw wrongType(field + "[" + out.size() + "]", "a string", k);
            }
            out.add(c.string());
        }
        return out;
    }

    /** A JSON object whose values are strings (null values are left out). */
    static Map<String, String> stringMap(JsonCursor c, int kind, String field) throws DecodeException {
        if (kind != JsonCursor.OBJECT) {
            throw wrongType(field, "an object of strings", kind);
        }
        c.open();
        Map<String, String> out = new LinkedHashMap<>();
        for (boolean first = true; c.nextKey(first); first = false) {
            String key = c.keyText();
            int k = c.kind();
            if (k == JsonCursor.NULL) {
                c.literal(k);
                continue;
            }
            if (k != JsonCursor.STRING) {
                throw wrongType(field + "." + key, "a string", k);
            }
            out.put(key, c.string());
        }
        return out;
    }
}
