package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Test-only OTLP/JSON writer (the fields the decoder reads), so that the same message can be
 * decoded from both encodings: hex ids, 64-bit integers as strings (or numbers), enums as integers.
 */
final class OtlpJsonWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private OtlpJsonWriter() {
    }

    static String write(TracesData t) {
        return write(t, false);
    }

    /** @param numbers write 64-bit integers as JSON numbers instead of strings */
    static String write(TracesData t, boolean numbers) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("resourceSpans");
            for (ResourceSpans rs : t.getResourceSpansList()) {
                g.writeStartObject();
                g.writeObjectFieldStart("resource");
                attributes(g, rs.getResource().getAttributesList(), numbers);
                g.writeEndObject();
                g.writeArrayFieldStart("scopeSpans");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("scope");
                    g.writeStringField("name", ss.getScope().getName());
                    g.writeEndObject();
                    g.writeArrayFieldStart("spans");
                    for (Span s : ss.getSpansList()) {
                        span(g, s, numbers);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void span(JsonGenerator g, Span s, boolean numbers) throws IOException {
        g.writeStartObject();
        g.writeStringField("traceId", hex(s.getTraceId()));
        g.writeStringField("spanId", hex(s.getSpanId()));
        g.writeStringField("parentSpanId", hex(s.getParentSpanId()));
        g.writeStringField("name", s.getName());
        g.writeNumberField("kind", s.getKindValue());
        unsigned(g, "startTimeUnixNano", s.getStartTimeUnixNano(), numbers);
        unsigned(g, "endTimeUnixNano", s.getEndTimeUnixNano(), numbers);
        attributes(g, s.getAttributesList(), numbers);
        if (s.getLinksCount() > 0) {
            g.writeArrayFieldStart("links");
            for (Span.Link l : s.getLinksList()) {
                g.writeStartObject();
                attributes(g, l.getAttributesList(), numbers);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (s.hasStatus()) {
            g.writeObjectFieldStart("status");
            if (s.getStatus().getCodeValue() != 0) {
                g.writeNumberField("code", s.getStatus().getCodeValue());
            }
            if (!s.getStatus().getMessage().isEmpty()) {
                g.writeStringField("message", s.getStatus().getMessage());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void unsigned(JsonGenerator g, String name, long v, boolean numbers) throws IOException {
        if (numbers) {
            g.writeFieldName(name);
            g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v)));
        } else {
            g.writeStringField(name, Long.toUnsignedString(v));
        }
    }

    private static void attributes(JsonGenerator g, java.util.List<KeyValue> kvs, boolean numbers) throws IOException {
        g.writeArrayFieldStart("attributes");
        for (KeyValue kv : kvs) {
            g.writeStartObject();
            g.writeStringField("key", kv.getKey());
            if (kv.hasValue()) {
                g.writeFieldName("value");
                value(g, kv.getValue(), numbers);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void value(JsonGenerator g, AnyValue v, boolean numbers) throws IOException {
        g.writeStartObject();
        switch (v.getValueCase()) {
            case STRING_VALUE -> g.writeStringField("stringValue", v.getStringValue());
            case BOOL_VALUE -> g.writeBooleanField("boolValue", v.getBoolValue());
            case INT_VALUE -> {
                if (numbers) {
                    g.writeNumberField("intValue", v.getIntValue());
                } else {
                    g.writeStringField("intValue", Long.toString(v.getIntValue()));
                }
            }
            case DOUBLE_VALUE -> {
                double d = v.getDoubleValue();
                if (Double.isFinite(d)) {
                    g.writeNumberField("doubleValue", d);
                } else {
                    g.writeStringField("doubleValue", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
            }
            case BYTES_VALUE -> g.writeStringField("bytesValue",
                    Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                g.writeObjectFieldStart("arrayValue");
                g.writeArrayFieldStart("values");
                for (AnyValue e : v.getArrayValue().getValuesList()) {
                    value(g, e, numbers);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            case KVLIST_VALUE -> {
                g.writeObjectFieldStart("kvlistValue");
                g.writeFieldName("values");
                g.writeStartArray();
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    g.writeStartObject();
                    g.writeStringField("key", kv.getKey());
                    g.writeFieldName("value");
                    value(g, kv.getValue(), numbers);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            default -> {
            }
        }
        g.writeEndObject();
    }

    private static String hex(ByteString b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }
}
