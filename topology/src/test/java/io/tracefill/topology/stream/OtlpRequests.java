package io.tracefill.topology.stream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.util.HexFormat;

/** OTLP records as the Collector's Kafka exporter writes them, built span by span for tests. */
final class OtlpRequests {
    private final ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();

    /** Adds a span of {@code service} running in pod {@code pod}; ids in hex, parent "" for a root. */
    OtlpRequests span(String service, String pod, String traceId, String spanId, String parentId, Span.SpanKind kind,
                      long startUs, long endUs) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
                .setName(service + " " + kind.name().toLowerCase())
                .setKind(kind)
                .setStartTimeUnixNano(startUs * 1000)
                .setEndTimeUnixNano(endUs * 1000);
        if (!parentId.isEmpty()) {
            span.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentId)));
        }
        request.addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", service))
                        .addAttributes(text("k8s.pod.name", pod)))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)));
        return this;
    }

    byte[] bytes() {
        return request.build().toByteArray();
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
