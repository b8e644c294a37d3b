package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A strict OTLP/JSON reader for tests, written from the OTLP specification independently of
 * {@link TracesDataJsonWriter}: hex ids, 64-bit integers as decimal strings, enums as integers. It
 * refuses any field it does not know and any value of the wrong JSON type, so a writer slip (a
 * base64 id, a number where a string belongs, a misspelt name) fails the round trip instead of
 * being skipped.
 */
public final class TracesDataJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TracesDataJsonReader() {
    }

    public static TracesData read(byte[] json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            TracesData.Builder b = TracesData.newBuilder();
            fields(root, Set.of("resourceSpans"), (name, v) -> {
                for (JsonNode rs : array(v)) {
                    b.addResourceSpans(resourceSpans(rs));
                }
            });
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResourceSpans resourceSpans(JsonNode n) {
        ResourceSpans.Builder b = ResourceSpans.newBuilder();
        fields(n, Set.of("resource", "scopeSpans", "schemaUrl"), (name, v) -> {
            switch (name) {
                case "resource" -> {
                    Resource.Builder r = Resource.newBuilder();
                    fields(v, Set.of("attributes", "droppedAttributesCount"), (k, x) -> {
                        if (k.equals("attributes")) {
                            array(x).forEach(a -> r.addAttributes(keyValue(a)));
                        } else {
                            r.setDroppedAttributesCount(uint32(x));
                        }
                    });
                    b.setResource(r);
                }
                case "scopeSpans" -> array(v).forEach(s -> b.addScopeSpans(scopeSpans(s)));
                default -> b.setSchemaUrl(text(v));
            }
        });
        return b.build();
    }

    private static ScopeSpans scopeSpans(JsonNode n) {
        ScopeSpans.Builder b = ScopeSpans.newBuilder();
        fields(n, Set.of("scope", "spans", "schemaUrl"), (name, v) -> {
            switch (name) {
                case "scope" -> {
                    InstrumentationScope.Builder s = InstrumentationScope.newBuilder();
                    fields(v, Set.of("name", "version", "attributes", "droppedAttributesCount"), (k, x) -> {
                        switch (k) {
                            case "name" -> s.setName(text(x));
                            case "version" -> s.setVersion(text(x));
                            case "attributes" -> array(x).forEach(a -> s.addAttributes(keyValue(a)));
                            default -> s.setDroppedAttributesCount(uint32(x));
                        }
                    });
                    b.setScope(s);
                }
                case "spans" -> array(v).forEach(s -> b.addSpans(span(s)));
                default -> b.setSchemaUrl(text(v));
            }
        });
        return b.build();
    }

    private static Span span(JsonNode n) {
        Span.Builder b = Span.newBuilder();
        fields(n, Set.of("traceId", "spanId", "traceState", "parentSpanId", "flags", "name", "kind",
                "startTimeUnixNano", "endTimeUnixNano", "attributes", "droppedAttributesCount", "events",
                "droppedEventsCount", "links", "droppedLinksCount", "status"), (name, v) -> {
            switch (name) {
                case "traceId" -> b.setTraceId(hex(v, 16));
                case "spanId" -> b.setSpanId(hex(v, 8));
                case "traceState" -> b.setTraceState(text(v));
                case "parentSpanId" -> b.setParentSpanId(hex(v, 8));
                case "flags" -> b.setFlags(uint32(v));
                case "name" -> b.setName(text(v));
                case "kind" -> b.setKindValue(enumValue(v));
                case "startTimeUnixNano" -> b.setStartTimeUnixNano(int64(v));
                case "endTimeUnixNano" -> b.setEndTimeUnixNano(int64(v));
                case "attributes" -> array(v).forEach(a -> b.addAttributes(keyValue(a)));
                case "droppedAttributesCount" -> b.setDroppedAttributesCount(uint32(v));
                case "events" -> array(v).forEach(e -> b.addEvents(event(e)));
                case "droppedEventsCount" -> b.setDroppedEventsCount(uint32(v));
                case "links" -> throw new IllegalArgumentException("links are not expected in tracefill output");
                case "droppedLinksCount" -> b.setDroppedLinksCount(uint32(v));
                default -> {
                    Status.Builder s = Status.newBuilder();
                    fields(v, Set.of("message", "code"), (k, x) -> {
                        if (k.equals("message")) {
                            s.setMessage(text(x));
                        } else {
                            s.setCodeValue(enumValue(x));
                        }
                    });
                    b.setStatus(s);
                }
            }
        });
        return b.build();
    }

    private static Span.Event event(JsonNode n) {
        Span.Event.Builder b = Span.Event.newBuilder();
        fields(n, Set.of("timeUnixNano", "name", "attributes", "droppedAttributesCount"), (k, v) -> {
            switch (k) {
                case "timeUnixNano" -> b.setTimeUnixNano(int64(v));
                case "name" -> b.setName(text(v));
                case "attributes" -> array(v).forEach(a -> b.addAttributes(keyValue(a)));
                default -> b.setDroppedAttributesCount(uint32(v));
            }
        });
        return b.build();
    }

    private static KeyValue keyValue(JsonNode n) {
        KeyValue.Builder b = KeyValue.newBuilder();
        fields(n, Set.of("key", "value"), (k, v) -> {
            if (k.equals("key")) {
                b.setKey(text(v));
            } else {
                b.setValue(anyValue(v));
            }
        });
        return b.build();
    }

    private static AnyValue anyValue(JsonNode n) {
        AnyValue.Builder b = AnyValue.newBuilder();
        fields(n, Set.of("stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue",
                "bytesValue"), (k, v) -> {
            switch (k) {
                case "stringValue" -> b.setStringValue(text(v));
                case "boolValue" -> {
                    require(v.isBoolean(), "boolValue must be a JSON boolean");
                    b.setBoolValue(v.booleanValue());
                }
                case "intValue" -> b.setIntValue(int64(v));
                case "doubleValue" -> b.setDoubleValue(v.isTextual() ? Double.parseDouble(v.textValue()) : v.doubleValue());
                case "arrayValue" -> {
                    ArrayValue.Builder a = ArrayValue.newBuilder();
                    fields(v, Set.of("values"), (x, values) -> array(values).forEach(item -> a.addValues(anyValue(item))));
                    b.setArrayValue(a);
                }
                case "kvlistValue" -> {
                    KeyValueList.Builder l = KeyValueList.newBuilder();
                    fields(v, Set.of("values"), (x, values) -> array(values).forEach(item -> l.addValues(keyValue(item))));
                    b.setKvlistValue(l);
                }
                default -> b.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(text(v))));
            }
        });
        return b.build();
    }

    private static void fields(JsonNode n, Set<String> known, BiConsumer<String, JsonNode> each) {
        require(n.isObject(), "expected an object, got " + n.getNodeType());
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            require(known.contains(e.getKey()), "unknown field " + e.getKey());
            each.accept(e.getKey(), e.getValue());
        }
    }

    private static Iterable<JsonNode> array(JsonNode n) {
        require(n.isArray(), "expected an array, got " + n.getNodeType());
        return n;
    }

    private static String text(JsonNode n) {
        require(n.isTextual(), "expected a string, got " + n.getNodeType());
        return n.textValue();
    }

    /** OTLP/JSON ids: lowercase or uppercase hex of exactly the id's length. */
    private static ByteString hex(JsonNode n, int bytes) {
        String s = text(n);
        require(s.length() == bytes * 2 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0),
                "expected " + bytes * 2 + " hex digits, got " + s);
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return ByteString.copyFrom(out);
    }

    /** 64-bit integers are decimal strings in OTLP/JSON (receivers also take numbers; this test reader does not). */
    private static long int64(JsonNode n) {
        String s = text(n);
        return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
    }

    private static int uint32(JsonNode n) {
        require(n.isIntegralNumber(), "expected an integer, got " + n.getNodeType());
        return (int) n.longValue();
    }

    private static int enumValue(JsonNode n) {
        require(n.isInt(), "enums are integers in OTLP/JSON, got " + n.getNodeType());
        return n.intValue();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
