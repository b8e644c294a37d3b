package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.json.Utf8;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Reads one span or one resource of OTLP/JSON into its protobuf message, so both encodings go
 * through the same mapping. Keys in lowerCamelCase or snake_case; trace and span ids in hex;
 * 64-bit integers as decimal strings or numbers; enums as integers or their names; unknown keys
 * skipped; {@code null} is "not given".
 *
 * <p>A value of the wrong type or form is this span's fault, not the record's: it is noted (the
 * first one wins), the value is skipped, and reading goes on to the span's end, so the record
 * stays readable. JSON syntax errors are left to the caller (they end the record).
 */
final class JsonSpanReader {
    private final JsonParser p;
    /** The input holds a {@code \}{@code u} escape of a surrogate: decoded strings must then be checked. */
    private final boolean checkSurrogates;
    private String faultField;
    private String faultReason;
    /** The last span's ids as read (empty when absent or unreadable), for naming a rejected span. */
    private ByteString traceId = ByteString.EMPTY;
    private ByteString spanId = ByteString.EMPTY;
    /** Where the value being read stands, kept in parts so that a path is built only for a fault. */
    private String atField;
    private int atIndex = -1;
    private String atPart;

    JsonSpanReader(JsonParser p, boolean checkSurrogates) {
        this.p = p;
        this.checkSurrogates = checkSurrogates;
    }

    /** The first fault of the last span or resource read, or null. */
    SpanFault fault() {
        return faultField == null ? null : new SpanFault(faultField, faultReason);
    }

    /** The last span's trace id in lowercase hex, when it was readable; else "". */
    String traceHex() {
        return hexOf(traceId, 16);
    }

    String spanHex() {
        return hexOf(spanId, 8);
    }

    /** Reads a span object: the parser stands on its START_OBJECT and ends on its END_OBJECT. */
    Span span() throws IOException {
        reset();
        Span.Builder s = Span.newBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "traceId", "trace_id" -> {
                    traceId = id(t, 16, "traceId");
                    s.setTraceId(traceId);
                }
                case "spanId", "span_id" -> {
                    spanId = id(t, 8, "spanId");
                    s.setSpanId(spanId);
                }
                case "parentSpanId", "parent_span_id" -> s.setParentSpanId(id(t, 8, "parentSpanId"));
                case "name" -> {
                    at("name", -1, null);
                    s.setName(string(t));
                }
                case "kind" -> {
                    at("kind", -1, null);
                    s.setKindValue(enumValue(t, JsonWords::spanKind));
                }
                case "startTimeUnixNano", "start_time_unix_nano" -> {
                    at("startTimeUnixNano", -1, null);
                    s.setStartTimeUnixNano(JsonNumbers.integer(this, p, t, true));
                }
                case "endTimeUnixNano", "end_time_unix_nano" -> {
                    at("endTimeUnixNano", -1, null);
                    s.setEndTimeUnixNano(JsonNumbers.integer(this, p, t, true));
                }
                case "attributes" -> attributes(t, "attributes", s::addAttributes);
                case "status" -> status(t, s);
                case "links" -> links(t, s);
                default -> p.skipChildren(); // traceState, flags, events, dropped counts: DeepFlow keeps none
            }
        }
        return s.build();
    }

    /** Reads a resource object: the parser stands on its START_OBJECT and ends on its END_OBJECT. */
    Resource resource() throws IOException {
        reset();
        Resource.Builder r = Resource.newBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("attributes") && t != JsonToken.VALUE_NULL) {
                attributes(t, "attributes", r::addAttributes);
            } else {
                p.skipChildren();
            }
        }
        return r.build();
    }

    private void reset() {
        faultField = null;
        faultReason = null;
        traceId = ByteString.EMPTY;
        spanId = ByteString.EMPTY;
    }

    /** The value about to be read is {@code field}, or {@code field[index].part} when index ≥ 0. */
    private void at(String field, int index, String part) {
        atField = field;
        atIndex = index;
        atPart = part;
    }

    private String where() {
        return atIndex < 0 ? atField : atField + "[" + atIndex + "]" + (atPart == null ? "" : "." + atPart);
    }

    /** Notes a fault of the current value (the first fault wins) and skips the value. */
    void fault(String reason) throws IOException {
        if (faultField == null) {
            faultField = where();
            faultReason = reason;
        }
        p.skipChildren();
    }

    void wrongType(JsonToken t, String expected) throws IOException {
        fault("expected " + expected + ", got " + JsonWords.describe(t));
    }

    private ByteString id(JsonToken t, int bytes, String field) throws IOException {
        at(field, -1, null);
        if (t != JsonToken.VALUE_STRING) {
            wrongType(t, "a hex string");
            return ByteString.EMPTY;
        }
        String text = p.getText();
        if (text.isEmpty()) {
            return ByteString.EMPTY;
        }
        byte[] raw = Hex.parse(text, bytes);
        if (raw == null) {
            boolean base64 = text.length() == (bytes + 2) / 3 * 4 && text.endsWith("=");
            fault("expected " + 2 * bytes + " hex characters, got " + JsonWords.describeText(text)
                    + (base64 ? " (OTLP/JSON ids are hex, not base64)" : ""));
            return ByteString.EMPTY;
        }
        return ByteString.copyFrom(raw);
    }

    private static String hexOf(ByteString id, int size) {
        return id.size() == size ? Hex.of(id) : "";
    }

    private String string(JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            wrongType(t, "a string");
            return "";
        }
        String s = p.getText();
        if (checkSurrogates && Utf8.firstUnpairedSurrogate(s) >= 0) {
            fault("not valid Unicode: an escaped UTF-16 surrogate without its pair");
            return "";
        }
        return s;
    }

    private void attributes(JsonToken t, String field, Consumer<KeyValue> add) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            at(field, -1, null);
            wrongType(t, "an array");
            return;
        }
        int i = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken(), i++) {
            if (e != JsonToken.START_OBJECT) {
                at(field, i, null);
                wrongType(e, "an object");
                continue;
            }
            String before = faultField;
            KeyValue.Builder kv = KeyValue.newBuilder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken x = p.nextToken();
                if (x == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "key" -> {
                        at(field, i, "key");
                        kv.setKey(string(x));
                    }
                    case "value" -> kv.setValue(anyValue(x, field, i, true));
                    default -> p.skipChildren();
                }
            }
            if (faultField == before) {
                add.accept(kv.build());
            }
        }
    }

    /**
     * An {@code AnyValue} object standing at {@code field[i].value} (the value of a key-value,
     * {@code kv}) or at {@code field[i]} (an element of an array value).
     */
    private AnyValue anyValue(JsonToken t, String field, int i, boolean kv) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            at(field, i, kv ? "value" : null);
            wrongType(t, "an object");
            return AnyValue.getDefaultInstance();
        }
        AnyValue.Builder v = AnyValue.newBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken x = p.nextToken();
            if (x == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "stringValue", "string_value" -> {
                    at(field, i, kv ? "value.stringValue" : "stringValue");
                    v.setStringValue(string(x));
                }
                case "boolValue", "bool_value" -> {
                    at(field, i, kv ? "value.boolValue" : "boolValue");
                    if (x == JsonToken.VALUE_TRUE || x == JsonToken.VALUE_FALSE) {
                        v.setBoolValue(x == JsonToken.VALUE_TRUE);
                    } else {
                        wrongType(x, "true or false");
                    }
                }
                case "intValue", "int_value" -> {
                    at(field, i, kv ? "value.intValue" : "intValue");
                    v.setIntValue(JsonNumbers.integer(this, p, x, false));
                }
                case "doubleValue", "double_value" -> {
                    at(field, i, kv ? "value.doubleValue" : "doubleValue");
                    v.setDoubleValue(JsonNumbers.double64(this, p, x));
                }
                case "bytesValue", "bytes_value" -> {
                    at(field, i, kv ? "value.bytesValue" : "bytesValue");
                    v.setBytesValue(JsonNumbers.bytes(this, p, x));
                }
                case "arrayValue", "array_value" -> {
                    ArrayValue.Builder a = ArrayValue.newBuilder();
                    String inner = path(field, i, kv ? "value.arrayValue" : "arrayValue");
                    values(x, inner, () -> {
                        int k = 0;
                        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken(), k++) {
                            a.addValues(anyValue(e, inner + ".values", k, false));
                        }
                    });
                    v.setArrayValue(a);
                }
                case "kvlistValue", "kvlist_value" -> {
                    KeyValueList.Builder l = KeyValueList.newBuilder();
                    String inner = path(field, i, kv ? "value.kvlistValue" : "kvlistValue");
                    values(x, inner, () -> attributes(JsonToken.START_ARRAY, inner + ".values", l::addValues));
                    v.setKvlistValue(l);
                }
                default -> p.skipChildren();
            }
        }
        return v.build();
    }

    private interface Body {
        void read() throws IOException;
    }

    /** {@code {"values": [ … ]}}: {@code body} reads the array after its START_ARRAY. */
    private void values(JsonToken t, String field, Body body) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            at(field, -1, null);
            wrongType(t, "an object");
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken x = p.nextToken();
            if (name.equals("values") && x == JsonToken.START_ARRAY) {
                body.read();
            } else if (name.equals("values") && x != JsonToken.VALUE_NULL) {
                at(field + ".values", -1, null);
                wrongType(x, "an array");
            } else {
                p.skipChildren();
            }
        }
    }

    private void status(JsonToken t, Span.Builder s) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            at("status", -1, null);
            wrongType(t, "an object");
            return;
        }
        Status.Builder st = Status.newBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken x = p.nextToken();
            if (x == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "code" -> {
                    at("status.code", -1, null);
                    st.setCodeValue(enumValue(x, JsonWords::statusCode));
                }
                case "message" -> {
                    at("status.message", -1, null);
                    st.setMessage(string(x));
                }
                default -> p.skipChildren();
            }
        }
        s.setStatus(st);
    }

    /** Links matter only for their attributes (DeepFlow's SkyWalking parent); the rest is skipped. */
    private void links(JsonToken t, Span.Builder s) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            at("links", -1, null);
            wrongType(t, "an array");
            return;
        }
        int i = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken(), i++) {
            if (e != JsonToken.START_OBJECT) {
                at("links", i, null);
                wrongType(e, "an object");
                continue;
            }
            Span.Link.Builder link = Span.Link.newBuilder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken x = p.nextToken();
                if (name.equals("attributes") && x != JsonToken.VALUE_NULL) {
                    attributes(x, "links[" + i + "].attributes", link::addAttributes);
                } else {
                    p.skipChildren();
                }
            }
            s.addLinks(link);
        }
    }

    private int enumValue(JsonToken t, ToIntFunction<String> byName) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            int v = byName.applyAsInt(p.getText());
            if (v >= 0) {
                return v;
            }
            fault("unknown name " + JsonWords.describeText(p.getText()));
            return 0;
        }
        wrongType(t, "an integer (or the enum's name)");
        return 0;
    }

    private static String path(String field, int i, String part) {
        return field + "[" + i + "]." + part;
    }

}
