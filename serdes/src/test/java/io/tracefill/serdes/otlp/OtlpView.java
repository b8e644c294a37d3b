package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;

import java.util.ArrayList;
import java.util.List;

/** Read access to encoded traces for tests: every span with its resource, attributes by key. */
public final class OtlpView {
    private OtlpView() {
    }

    /** A span and the resource it was written under. */
    public record Placed(Span span, Resource resource) {
        public String spanId() {
            return hex(span.getSpanId());
        }

        public String parentSpanId() {
            return hex(span.getParentSpanId());
        }

        public String traceId() {
            return hex(span.getTraceId());
        }

        /** A span attribute, or null. */
        public AnyValue attr(String key) {
            return find(span.getAttributesList(), key);
        }

        public String str(String key) {
            AnyValue v = attr(key);
            return v == null ? null : v.getStringValue();
        }

        public String serviceName() {
            return resourceStr("service.name");
        }

        public String resourceStr(String key) {
            AnyValue v = find(resource.getAttributesList(), key);
            return v == null ? null : v.getStringValue();
        }
    }

    public static List<Placed> spans(TracesData data) {
        List<Placed> out = new ArrayList<>();
        for (ResourceSpans rs : data.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    out.add(new Placed(s, rs.getResource()));
                }
            }
        }
        return out;
    }

    /** The span whose {@code df.tracing.index} is {@code index}. */
    public static Placed byIndex(TracesData data, int index) {
        for (Placed p : spans(data)) {
            AnyValue v = p.attr(OtlpAttributes.INDEX);
            if (v != null && v.getIntValue() == index) {
                return p;
            }
        }
        throw new AssertionError("no span with index " + index);
    }

    public static AnyValue find(List<KeyValue> attributes, String key) {
        AnyValue found = null;
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                if (found != null) {
                    throw new AssertionError("attribute " + key + " written twice");
                }
                found = kv.getValue();
            }
        }
        return found;
    }

    public static String hex(ByteString bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    public static List<String> strings(AnyValue array) {
        List<String> out = new ArrayList<>();
        for (AnyValue v : array.getArrayValue().getValuesList()) {
            out.add(v.getStringValue());
        }
        return out;
    }
}
