package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.Base64;

/**
 * An attribute value as the text kept in a row's {@code attributes}. Strings stay as they are;
 * other values get a plain, deterministic rendering: integers in decimal, booleans as
 * {@code true}/{@code false}, integral doubles without a fraction ({@code 200}), other doubles in
 * Java's round-trip form, bytes in base64, arrays and key-value lists as compact JSON.
 *
 * <p>DeepFlow renders non-string values through Go's protobuf text format and keeps what follows
 * the first colon, which gives e.g. {@code {values:{string_value:"a"}}} for an array and
 * {@code ""} (two quote characters) for an empty string; that is not reproduced (see
 * {@code docs/divergences.md}).
 */
final class AttributeText {
    private AttributeText() {
    }

    static String of(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue() ? "true" : "false";
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> number(v.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> {
                StringBuilder b = new StringBuilder();
                json(v, b);
                yield b.toString();
            }
            // a string-table index belongs to profiles, which have the table; spans carry none
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
        };
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static void json(AnyValue v, StringBuilder b) {
        switch (v.getValueCase()) {
            case STRING_VALUE -> quote(v.getStringValue(), b);
            case BOOL_VALUE, INT_VALUE -> b.append(of(v));
            case DOUBLE_VALUE -> {
                double d = v.getDoubleValue();
                if (Double.isFinite(d)) {
                    b.append(number(d));
                } else {
                    quote(Double.toString(d), b); // JSON has no NaN or Infinity
                }
            }
            case BYTES_VALUE -> quote(of(v), b);
            case ARRAY_VALUE -> {
                b.append('[');
                int n = v.getArrayValue().getValuesCount();
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    json(v.getArrayValue().getValues(i), b);
                }
                b.append(']');
            }
            case KVLIST_VALUE -> {
                b.append('{');
                int n = v.getKvlistValue().getValuesCount();
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    KeyValue kv = v.getKvlistValue().getValues(i);
                    quote(kv.getKey(), b);
                    b.append(':');
                    json(kv.getValue(), b);
                }
                b.append('}');
            }
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> b.append("null");
        }
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
