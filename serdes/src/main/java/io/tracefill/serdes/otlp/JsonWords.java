package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.core.JsonToken;

/** Words of the OTLP/JSON readers: enum names and how a value is described in an error. */
final class JsonWords {
    private JsonWords() {
    }

    static int spanKind(String name) {
        return switch (name) {
            case "SPAN_KIND_UNSPECIFIED" -> 0;
            case "SPAN_KIND_INTERNAL" -> 1;
            case "SPAN_KIND_SERVER" -> 2;
            case "SPAN_KIND_CLIENT" -> 3;
            case "SPAN_KIND_PRODUCER" -> 4;
            case "SPAN_KIND_CONSUMER" -> 5;
            default -> -1;
        };
    }

    static int statusCode(String name) {
        return switch (name) {
            case "STATUS_CODE_UNSET" -> 0;
            case "STATUS_CODE_OK" -> 1;
            case "STATUS_CODE_ERROR" -> 2;
            default -> -1;
        };
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    static String describeText(String s) {
        return s.length() <= 40 ? "\"" + s + "\"" : "a string of " + s.length() + " characters";
    }
}
