package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of the value a Jackson parser stands on (the request decoder), each failing with a
 * {@link DecodeException} that names the field and says what was expected and what came; and the
 * number and message helpers both decoders share.
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

    static String quote(String s) {
        return "'" + abbreviate(s) + "'";
    }

    /** Long input echoed in a message is cut, so an error never carries a megabyte of payload. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
