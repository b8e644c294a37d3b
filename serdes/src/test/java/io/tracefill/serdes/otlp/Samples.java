package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;

import static io.tracefill.serdes.otlp.Otlp.integer;
import static io.tracefill.serdes.otlp.Otlp.resource;
import static io.tracefill.serdes.otlp.Otlp.span;
import static io.tracefill.serdes.otlp.Otlp.str;

/** Realistic OTLP batches and attribute builders. */
final class Samples {
    static final String T1 = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String T2 = "0af7651916cd43dd8448eb211c80319c";
    /** Spans in {@link #mixedBatch()}. */
    static final int MIXED_SPANS = 8;

    private Samples() {
    }

    static KeyValue bool(String key, boolean v) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(v)).build();
    }

    static KeyValue dbl(String key, double v) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(v)).build();
    }

    static KeyValue bytes(String key, byte[] v) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(v))).build();
    }

    static KeyValue array(String key, String... values) {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        for (String v : values) {
            a.addValues(AnyValue.newBuilder().setStringValue(v));
        }
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setArrayValue(a)).build();
    }

    static KeyValue kvlist(String key, String innerKey, long innerValue) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder().addValues(integer(innerKey, innerValue)))).build();
    }

    /**
     * Three resources (frontend, orders with two scopes, payments) and eight spans of two traces:
     * HTTP with old and current conventions, gRPC, MySQL, Kafka, an error, and every value type.
     */
    static TracesData mixedBatch() {
        Resource frontend = resource(str("service.name", "frontend"), str("k8s.pod.name", "frontend-6d5f9c7b8-x2k4q"),
                str("k8s.deployment.name", "frontend"), str("k8s.node.name", "node-a"), str("app.host.ip", "10.244.1.17"));
        Resource orders = resource(str("service.name", "orders"), str("service.instance.id", "orders-1"),
                str("k8s.pod.name", "orders-7c9d8b6f5-p9m2z"), str("df.capture_info.agent", "node-b-V3"));
        Resource payments = resource(str("service.name", "payments"), str("host.name", "vm-payments-01"),
                integer("process.pid", 4242), array("process.command_args", "java", "-jar", "pay.jar"));

        Span f1 = span(T1, "1000000000000001", "", "GET /cart").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(str("http.method", "GET")).addAttributes(str("http.target", "/cart?id=3"))
                .addAttributes(integer("http.status_code", 200)).addAttributes(str("http.flavor", "1.1"))
                .addAttributes(str("net.peer.ip", "10.244.0.1")).build();
        Span f2 = span(T1, "1000000000000002", "1000000000000001", "render").setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)).build();
        Span f3 = span(T1, "1000000000000003", "1000000000000001", "POST").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .addAttributes(str("http.request.method", "POST")).addAttributes(str("url.full", "http://orders:8080/api/v1/orders?x=1"))
                .addAttributes(integer("http.response.status_code", 503)).addAttributes(str("server.address", "orders"))
                .addAttributes(str("network.protocol.version", "2")).addAttributes(str("network.peer.address", "10.244.2.33"))
                .build();
        Span o1 = span(T1, "2000000000000001", "1000000000000003", "orders.Orders/Create").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(str("rpc.system", "grpc")).addAttributes(str("rpc.service", "orders.Orders"))
                .addAttributes(str("rpc.method", "Create")).build();
        Span o2 = span(T1, "2000000000000002", "2000000000000001", "INSERT shop.orders").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .addAttributes(str("db.system", "mysql")).addAttributes(str("db.operation", "INSERT"))
                .addAttributes(str("db.statement", "INSERT INTO orders VALUES (?)"))
                .addAttributes(str("db.connection_string", "mysql://db:3306")).build();
        Span o3 = span(T2, "2000000000000003", "", "orders send").setKind(Span.SpanKind.SPAN_KIND_PRODUCER)
                .addAttributes(str("messaging.system", "kafka")).addAttributes(str("messaging.destination.name", "orders"))
                .addAttributes(str("messaging.operation.name", "send")).addAttributes(str("network.transport", "tcp")).build();
        Span p1 = span(T2, "3000000000000001", "2000000000000003", "orders process").setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
                .addAttributes(str("messaging.system", "kafka")).addAttributes(dbl("ratio", 0.5))
                .addAttributes(dbl("nan", Double.NaN)).addAttributes(bool("retry", false))
                .addAttributes(bytes("raw", new byte[]{(byte) 0xde, (byte) 0xad}))
                .addAttributes(kvlist("labels", "attempt", 2))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("card declined"))
                .build();
        Span p2 = span(T2, "3000000000000002", "3000000000000001", "udp ping").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(str("net.transport", "ip_udp")).addAttributes(str("net.peer.ip", "fe80::0:1")).build();

        return TracesData.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(frontend)
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(f1).addSpans(f2).addSpans(f3)))
                .addResourceSpans(ResourceSpans.newBuilder().setResource(orders)
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(o1).addSpans(o2))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(o3)))
                .addResourceSpans(ResourceSpans.newBuilder().setResource(payments)
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(p1).addSpans(p2)))
                .build();
    }
}
