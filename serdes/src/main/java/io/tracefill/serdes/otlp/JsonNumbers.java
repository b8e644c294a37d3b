package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;

/**
 * OTLP/JSON scalars. Numbers: 64-bit integers as decimal strings (the OTLP rule) or numbers (which
 * receivers also accept), doubles as numbers or the strings {@code NaN}, {@code Infinity},
 * {@code -Infinity} or decimal text; bytes as base64. A value out of range or of another form is a fault of the
 * span noted through the reader, and reads as 0.
 */
final class JsonNumbers {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonNumbers() {
    }

    /**
     * An integer: {@code unsigned} for fixed64/uint64 fields (bits kept in a long), else int64.
     */
    static long integer(JsonSpanReader r, JsonParser p, JsonToken t, boolean unsigned) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long v = p.getLongValue();
                if (unsigned && v < 0) {
                    r.fault("must not be negative, got " + v);
                    return 0;
                }
                return v;
            }
            return big(r, p.getBigIntegerValue(), unsigned);
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            if (!isDecimal(s)) {
                r.fault("expected a decimal integer, got " + JsonWords.describeText(s));
                return 0;
            }
            if (s.length() <= 18) {
                return small(r, s, unsigned); // fits a long: no BigInteger for the usual timestamp
            }
            return big(r, new BigInteger(s), unsigned);
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            r.fault("expected an integer, got a number with a fraction or exponent");
            return 0;
        }
        r.wrongType(t, "an integer (a decimal string or a number)");
        return 0;
    }

    /** Decimal text of at most 18 characters, already checked by {@link #isDecimal}. */
    private static long small(JsonSpanReader r, String s, boolean unsigned) throws IOException {
        boolean negative = s.charAt(0) == '-';
        long v = 0;
        for (int i = negative ? 1 : 0; i < s.length(); i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        if (negative && unsigned && v != 0) {
            r.fault("must not be negative, got " + s);
            return 0;
        }
        return negative ? -v : v;
    }

    private static long big(JsonSpanReader r, BigInteger v, boolean unsigned) throws IOException {
        if (unsigned) {
            if (v.signum() < 0) {
                r.fault("must not be negative, got " + v);
                return 0;
            }
            if (v.compareTo(UINT64_MAX) > 0) {
                r.fault(v + " is out of range (unsigned 64-bit)");
                return 0;
            }
            return v.longValue();
        }
        if (v.bitLength() > 63) {
            r.fault(v + " is out of range (signed 64-bit)");
            return 0;
        }
        return v.longValue();
    }

    /** An optional minus and 1 to 20 digits: what a 64-bit integer can need. */
    private static boolean isDecimal(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int n = s.length() - i;
        if (n < 1 || n > 20) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static double double64(JsonSpanReader r, JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            if (!s.isEmpty() && s.length() <= 400 && s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-'
                    || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    // falls through to the fault
                }
            }
            r.fault("expected a number, got " + JsonWords.describeText(s));
            return 0;
        }
        r.wrongType(t, "a number");
        return 0;
    }

    /** Base64 text (standard, else URL-safe), as proto3 JSON writes bytes. */
    static ByteString bytes(JsonSpanReader r, JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            r.wrongType(t, "a base64 string");
            return ByteString.EMPTY;
        }
        String text = p.getText();
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            try {
                return ByteString.copyFrom(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException e2) {
                r.fault("not base64");
                return ByteString.EMPTY;
            }
        }
    }
}
