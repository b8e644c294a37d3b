package io.tracefill.serdes.otlp;

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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builders and samples for the OTLP decoder's tests. */
final class Otlp {
    static final String TRACE_5B = "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f";

    private Otlp() {
    }

    static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static KeyValue str(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static Resource resource(KeyValue... attributes) {
        Resource.Builder r = Resource.newBuilder();
        for (KeyValue kv : attributes) {
            r.addAttributes(kv);
        }
        return r.build();
    }

    /** A span with ids and times; kind SERVER unless changed. */
    static Span.Builder span(String traceId, String spanId, String parentSpanId, String name) {
        return Span.newBuilder()
                .setTraceId(id(traceId))
                .setSpanId(id(spanId))
                .setParentSpanId(parentSpanId.isEmpty() ? ByteString.EMPTY : id(parentSpanId))
                .setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_718_000_000_124_100_000L)
                .setEndTimeUnixNano(1_718_000_000_135_200_000L);
    }

    static ResourceSpans resourceSpans(Resource r, Span... spans) {
        ScopeSpans.Builder s = ScopeSpans.newBuilder();
        for (Span sp : spans) {
            s.addSpans(sp);
        }
        return ResourceSpans.newBuilder().setResource(r).addScopeSpans(s).build();
    }

    static TracesData traces(ResourceSpans... rs) {
        TracesData.Builder t = TracesData.newBuilder();
        for (ResourceSpans r : rs) {
            t.addResourceSpans(r);
        }
        return t.build();
    }

    /** formats §5.B built with the protobuf classes. */
    static TracesData sample5b() {
        Resource r = resource(str("service.name", "orders"), str("service.instance.id", "orders-7c9d8b6f5-p9m2z"),
                str("k8s.namespace.name", "shop"), str("telemetry.sdk.language", "java"));
        Span span = span(TRACE_5B, "3e4f5a6b7c8d9e0f", "a1b2c3d4e5f60718", "POST /api/v1/orders")
                .addAttributes(str("http.method", "POST"))
                .addAttributes(str("http.target", "/api/v1/orders"))
                .addAttributes(integer("http.status_code", 200))
                .addAttributes(str("net.peer.ip", "10.244.1.17"))
                .setStatus(Status.getDefaultInstance())
                .build();
        ScopeSpans scope = ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.tomcat-10.0").setVersion("2.4.0-alpha"))
                .addSpans(span)
                .build();
        return TracesData.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(r).addScopeSpans(scope))
                .build();
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try (InputStream in = Otlp.class.getResourceAsStream("/otlp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test record " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
