package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the value the parser stands on, each failing with a {@link DecodeException}
 * that names the field and says what was expected and what came. Shared by the decoders.
 */
final class JsonValues {
    static final long UINT32_MAX = 0xffff_ffffL;
    private static final String UINT64_MAX_TEXT = "18446744073709551615";

    private JsonValues() {
    }

    /** How a token reads in an error message: "string", "number", "object" … */
    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    static DecodeException wrongType(String field, String expected, JsonToken got) {
        return new DecodeException(field, "expected " + expected + ", got " + describe(got));
    }

    static String string(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw wrongType(field, "a string", t);
    }

    /** A JSON integer in {@code [min, max]}; decimals, strings and other types are refused. */
    static long integer(JsonParser p, JsonToken t, String field, long min, long max)
            throws IOException, DecodeException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType nt = p.getNumberType();
            if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
                long v = p.getLongValue();
                if (v < min) {
                    throw new DecodeException(field, min == 0 ? "must not be negative, got " + v
                            : "must be at least " + min + ", got " + v);
                }
                if (v > max) {
                    throw new DecodeException(field, "must be at most " + max + ", got " + v);
                }
                return v;
            }
            throw new DecodeException(field, "must be at most " + max + ", got " + abbreviate(p.getText()));
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new DecodeException(field, "expected an integer, got the decimal number " + abbreviate(p.getText()));
        }
        throw wrongType(field, "an integer", t);
    }

    static int int32(JsonParser p, JsonToken t, String field, int min, int max) throws IOException, DecodeException {
        return (int) integer(p, t, field, min, max);
    }

    /** A 0/1 flag; JSON booleans are taken as 1/0 too. */
    static int flag(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_TRUE) {
            return 1;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return 0;
        }
        return int32(p, t, field, 0, 255);
    }

    /**
     * An unsigned 64-bit value given as a JSON integer or as decimal text, returned as its bits in
     * a long (values above {@code Long.MAX_VALUE} come back negative).
     */
    static long unsigned64(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType nt = p.getNumberType();
            if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
                long v = p.getLongValue();
                if (v < 0) {
                    throw new DecodeException(field, "must not be negative, got " + v);
                }
                return v;
            }
            return parseUnsigned(p.getText(), field);
        }
        if (t == JsonToken.VALUE_STRING) {
            return parseUnsigned(p.getText(), field);
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new DecodeException(field, "expected an unsigned integer, got the decimal number " + abbreviate(p.getText()));
        }
        throw wrongType(field, "an unsigned integer (number or decimal text)", t);
    }

    /** The canonical decimal text (no sign, no leading zeros) of an unsigned 64-bit value. */
    static String unsigned64Text(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long v = p.getLongValue();
            if (v < 0) {
                throw new DecodeException(field, "must not be negative, got " + v);
            }
            return Long.toString(v);
        }
        return Long.toUnsignedString(unsigned64(p, t, field));
    }

    static long parseUnsigned(String text, String field) throws DecodeException {
        int n = text.length();
        if (n == 0) {
            throw new DecodeException(field, "expected an unsigned integer, got an empty string");
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DecodeException(field, (c == '-' && i == 0 ? "must not be negative, got "
                        : "expected an unsigned decimal integer, got ") + quote(text));
            }
        }
        while (start < n - 1 && text.charAt(start) == '0') {
            start++;
        }
        int digits = n - start;
        if (digits > 20 || digits == 20 && text.substring(start).compareTo(UINT64_MAX_TEXT) > 0) {
            throw new DecodeException(field, "beyond the unsigned 64-bit range (max " + UINT64_MAX_TEXT + "), got "
                    + abbreviate(text));
        }
        return Long.parseUnsignedLong(text, start, n, 10);
    }

    /** A JSON array of strings. */
    static List<String> stringArray(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t != JsonToken.START_ARRAY) {
            throw wrongType(field, "an array of strings", t);
        }
        List<String> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.VALUE_STRING) {
                throw new DecodeException(field + "[" + out.size() + "]", "expected a string, got " + describe(e));
            }
            out.add(p.getText());
        }
        return out;
    }

    /** A JSON object whose values are strings (null values are left out). */
    static Map<String, String> stringMap(JsonParser p, JsonToken t, String field) throws IOException, DecodeException {
        if (t != JsonToken.START_OBJECT) {
            throw wrongType(field, "an object of strings", t);
        }
        Map<String, String> out = new LinkedHashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                continue;
            }
            if (v != JsonToken.VALUE_STRING) {
                throw new DecodeException(field + "." + key, "expected a string, got " + describe(v));
            }
            out.put(key, p.getText());
        }
        return out;
    }

    static String quote(String s) {
        return "'" + abbreviate(s) + "'";
    }

    /** Long input echoed in a message is cut, so an error never carries a megabyte of payload. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
