package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * {@link TracesData} as OTLP/JSON, by the OTLP specification's "JSON Protobuf Encoding" — not
 * protobuf's {@code JsonFormat}, whose output OTLP receivers misread:
 * <ul>
 *   <li>lowerCamelCase field names ({@code resourceSpans}, {@code parentSpanId});</li>
 *   <li>{@code traceId}, {@code spanId}, {@code parentSpanId} as lowercase hex, not base64
 *       (other bytes, i.e. {@code bytesValue}, stay base64 as in proto3 JSON);</li>
 *   <li>enums ({@code kind}, {@code status.code}) as integers;</li>
 *   <li>64-bit integers ({@code startTimeUnixNano}, {@code intValue}) as decimal strings;</li>
 *   <li>fields holding their default value (0, "", empty, unset message) left out, as proto3
 *       JSON does, so equal messages give equal text.</li>
 * </ul>
 * Fields are written in field-number order. Covers every field of the trace messages of
 * opentelemetry-proto 1.x that an OTLP trace exporter sets (resource, scope, span, event, link,
 * status, all {@code AnyValue} kinds).
 */
public final class TracesDataJsonWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private TracesDataJsonWriter() {
    }

    /** The OTLP/JSON text of {@code data}, UTF-8. */
    public static byte[] write(TracesData data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.getSerializedSize() * 3 + 64);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (data.getResourceSpansCount() > 0) {
                g.writeArrayFieldStart("resourceSpans");
                for (ResourceSpans rs : data.getResourceSpansList()) {
                    resourceSpans(g, rs);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void resourceSpans(JsonGenerator g, ResourceSpans rs) throws IOException {
        g.writeStartObject();
        if (rs.hasResource()) {
            resource(g, rs.getResource());
        }
        if (rs.getScopeSpansCount() > 0) {
            g.writeArrayFieldStart("scopeSpans");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                scopeSpans(g, ss);
            }
            g.writeEndArray();
        }
        string(g, "schemaUrl", rs.getSchemaUrl());
        g.writeEndObject();
    }

    private static void resource(JsonGenerator g, Resource r) throws IOException {
        g.writeObjectFieldStart("resource");
        attributes(g, r.getAttributesList());
        uint32(g, "droppedAttributesCount", r.getDroppedAttributesCount());
        g.writeEndObject();
    }

    private static void scopeSpans(JsonGenerator g, ScopeSpans ss) throws IOException {
        g.writeStartObject();
        if (ss.hasScope()) {
            InstrumentationScope scope = ss.getScope();
            g.writeObjectFieldStart("scope");
            string(g, "name", scope.getName());
            string(g, "version", scope.getVersion());
            attributes(g, scope.getAttributesList());
            uint32(g, "droppedAttributesCount", scope.getDroppedAttributesCount());
            g.writeEndObject();
        }
        if (ss.getSpansCount() > 0) {
            g.writeArrayFieldStart("spans");
            for (Span span : ss.getSpansList()) {
                span(g, span);
            }
            g.writeEndArray();
        }
        string(g, "schemaUrl", ss.getSchemaUrl());
        g.writeEndObject();
    }

    private static void span(JsonGenerator g, Span s) throws IOException {
        g.writeStartObject();
        hexId(g, "traceId", s.getTraceId());
        hexId(g, "spanId", s.getSpanId());
        string(g, "traceState", s.getTraceState());
        hexId(g, "parentSpanId", s.getParentSpanId());
        string(g, "name", s.getName());
        if (s.getKindValue() != 0) {
            g.writeNumberField("kind", s.getKindValue());
        }
        fixed64(g, "startTimeUnixNano", s.getStartTimeUnixNano());
        fixed64(g, "endTimeUnixNano", s.getEndTimeUnixNano());
        attributes(g, s.getAttributesList());
        uint32(g, "droppedAttributesCount", s.getDroppedAttributesCount());
        if (s.getEventsCount() > 0) {
            g.writeArrayFieldStart("events");
            for (Span.Event e : s.getEventsList()) {
                g.writeStartObject();
                fixed64(g, "timeUnixNano", e.getTimeUnixNano());
                string(g, "name", e.getName());
                attributes(g, e.getAttributesList());
                uint32(g, "droppedAttributesCount", e.getDroppedAttributesCount());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        uint32(g, "droppedEventsCount", s.getDroppedEventsCount());
        if (s.getLinksCount() > 0) {
            g.writeArrayFieldStart("links");
            for (Span.Link l : s.getLinksList()) {
                g.writeStartObject();
                hexId(g, "traceId", l.getTraceId());
                hexId(g, "spanId", l.getSpanId());
                string(g, "traceState", l.getTraceState());
                attributes(g, l.getAttributesList());
                uint32(g, "droppedAttributesCount", l.getDroppedAttributesCount());
                uint32(g, "flags", l.getFlags());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        uint32(g, "droppedLinksCount", s.getDroppedLinksCount());
        if (s.hasStatus() && !s.getStatus().equals(Status.getDefaultInstance())) {
            g.writeObjectFieldStart("status");
            string(g, "message", s.getStatus().getMessage());
            if (s.getStatus().getCodeValue() != 0) {
                g.writeNumberField("code", s.getStatus().getCodeValue());
            }
            g.writeEndObject();
        }
        uint32(g, "flags", s.getFlags());
        g.writeEndObject();
    }

    private static void attributes(JsonGenerator g, List<KeyValue> attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("attributes");
        keyValues(g, attributes);
        g.writeEndArray();
    }

    private static void keyValues(JsonGenerator g, List<KeyValue> kvs) throws IOException {
        for (KeyValue kv : kvs) {
            g.writeStartObject();
            string(g, "key", kv.getKey());
            if (kv.hasValue()) {
                g.writeFieldName("value");
                anyValue(g, kv.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void anyValue(JsonGenerator g, AnyValue v) throws IOException {
        g.writeStartObject();
        switch (v.getValueCase()) {
            case STRING_VALUE -> g.writeStringField("stringValue", AttributeList.clean(v.getStringValue()));
            case BOOL_VALUE -> g.writeBooleanField("boolValue", v.getBoolValue());
            case INT_VALUE -> g.writeStringField("intValue", Long.toString(v.getIntValue()));
            case DOUBLE_VALUE -> doubleField(g, v.getDoubleValue());
            case ARRAY_VALUE -> {
                g.writeObjectFieldStart("arrayValue");
                if (v.getArrayValue().getValuesCount() > 0) {
                    g.writeArrayFieldStart("values");
                    for (AnyValue item : v.getArrayValue().getValuesList()) {
                        anyValue(g, item);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            case KVLIST_VALUE -> {
                g.writeObjectFieldStart("kvlistValue");
                if (v.getKvlistValue().getValuesCount() > 0) {
                    g.writeArrayFieldStart("values");
                    keyValues(g, v.getKvlistValue().getValuesList());
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            case BYTES_VALUE -> g.writeStringField("bytesValue",
                    Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case VALUE_NOT_SET -> {
            }
            default -> {
                // a value kind newer than this writer (e.g. a string-table reference) has no JSON form here
            }
        }
        g.writeEndObject();
    }

    /** proto3 JSON writes NaN and infinities as strings. */
    private static void doubleField(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d)) {
            g.writeStringField("doubleValue", "NaN");
        } else if (Double.isInfinite(d)) {
            g.writeStringField("doubleValue", d > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumberField("doubleValue", d);
        }
    }

    private static void hexId(JsonGenerator g, String name, ByteString id) throws IOException {
        if (!id.isEmpty()) {
            g.writeStringField(name, OtlpIds.hex(id));
        }
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(name, AttributeList.clean(value));
        }
    }

    private static void fixed64(JsonGenerator g, String name, long value) throws IOException {
        if (value != 0) {
            g.writeStringField(name, Long.toUnsignedString(value));
        }
    }

    private static void uint32(JsonGenerator g, String name, int value) throws IOException {
        if (value != 0) {
            g.writeNumberField(name, Integer.toUnsignedLong(value));
        }
    }
}
