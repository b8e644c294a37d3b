package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tracefill.serdes.otlp.Otlp.integer;
import static io.tracefill.serdes.otlp.Otlp.resource;
import static io.tracefill.serdes.otlp.Otlp.resourceSpans;
import static io.tracefill.serdes.otlp.Otlp.span;
import static io.tracefill.serdes.otlp.Otlp.str;
import static io.tracefill.serdes.otlp.Otlp.traces;
import static org.assertj.core.api.Assertions.assertThat;

/** The attribute and status mapping of formats §3, old and current semantic conventions. */
class OtlpMappingTest {
    private final OtlpSpanDecoder decoder = new OtlpSpanDecoder();

    private Flow row(Span.SpanKind kind, KeyValue... attributes) throws Exception {
        return row(Resource.getDefaultInstance(), kind, null, attributes);
    }

    private Flow row(Resource r, Span.SpanKind kind, Status status, KeyValue... attributes) throws Exception {
        Span.Builder s = span(Otlp.TRACE_5B, "0000000000000001", "", "op").setKind(kind);
        for (KeyValue kv : attributes) {
            s.addAttributes(kv);
        }
        if (status != null) {
            s.setStatus(status);
        }
        List<Flow> flows = decoder.decodeProto(traces(resourceSpans(r, s.build())).toByteArray());
        assertThat(flows).hasSize(1);
        return flows.get(0);
    }

    @Test
    void oldAndCurrentHttpConventionsFillTheSameColumns() throws Exception {
        Flow old = row(Span.SpanKind.SPAN_KIND_SERVER, str("http.method", "GET"), str("http.target", "/a/b?c=1"),
                integer("http.status_code", 404), str("http.host", "shop:8080"), str("http.flavor", "2"),
                str("net.peer.ip", "10.1.1.1"), str("net.transport", "ip_tcp"));
        Flow current = row(Span.SpanKind.SPAN_KIND_SERVER, str("http.request.method", "GET"), str("url.path", "/a/b"),
                str("url.query", "c=1"), integer("http.response.status_code", 404), str("server.address", "shop:8080"),
                str("network.protocol.version", "2"), str("network.peer.address", "10.1.1.1"),
                str("network.transport", "tcp"));

        for (Flow f : List.of(old, current)) {
            assertThat(f.requestType()).isEqualTo("GET");
            assertThat(f.requestResource()).isEqualTo("/a/b?c=1");
            assertThat(f.responseCode()).isEqualTo(404);
            assertThat(f.responseStatus()).isEqualTo(4);
            assertThat(f.responseException()).isEqualTo("Not Found");
            assertThat(f.requestDomain()).isEqualTo("shop:8080");
            assertThat(f.version()).isEqualTo("2");
            assertThat(f.l7Protocol()).as("HTTP with version 2").isEqualTo(21);
            assertThat(f.l7ProtocolStr()).isEqualTo("HTTP");
            assertThat(f.client().ip()).isEqualTo("10.1.1.1");
            assertThat(f.protocol()).isEqualTo(6);
        }
    }

    @Test
    void whereBothConventionsAreGivenDeepFlowsOldNamesWin() throws Exception {
        Flow f = row(Span.SpanKind.SPAN_KIND_CLIENT, str("http.request.method", "PUT"), str("http.method", "GET"),
                str("url.path", "/new"), str("http.target", "/old"), integer("http.response.status_code", 500),
                integer("http.status_code", 201), str("net.transport", "ip_tcp"), str("network.transport", "udp"),
                str("network.peer.address", "10.0.0.2"), str("net.peer.ip", "10.0.0.1"));

        assertThat(f.requestType()).isEqualTo("GET");
        assertThat(f.requestResource()).isEqualTo("/old");
        assertThat(f.responseCode()).isEqualTo(201);
        assertThat(f.responseStatus()).isZero();
        assertThat(f.protocol()).isEqualTo(6);
        assertThat(f.server().ip()).as("the peer of a client span is the server").isEqualTo("10.0.0.1");
    }

    @Test
    void theUrlsPathFillsTheResourceWhenNoTargetIsGiven() throws Exception {
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("http.url", "http://nacos:8848/nacos/v1/ns?x=1"))
                .requestResource()).isEqualTo("/nacos/v1/ns?x=1");
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("http.url", "https://nacos")).requestResource()).isEqualTo("/");
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("http.url", "not a url")).requestResource()).isEmpty();
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("url.full", "http://h:1/p")).requestResource()).isEqualTo("/p");
    }

    @Test
    void statusMappingFollowsDeepFlow() throws Exception {
        Status ok = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).build();
        Status error = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom").build();
        Status unset = Status.newBuilder().setMessage("ignored").build();
        Resource none = Resource.getDefaultInstance();
        Span.SpanKind server = Span.SpanKind.SPAN_KIND_SERVER;

        Flow okRow = row(none, server, ok);
        assertThat(okRow.responseStatus()).isZero();
        assertThat(okRow.responseCode()).isEqualTo(1);
        Flow errorRow = row(none, server, error);
        assertThat(errorRow.responseStatus()).isEqualTo(3);
        assertThat(errorRow.responseCode()).isEqualTo(2);
        assertThat(errorRow.responseException()).isEqualTo("boom");
        Flow unsetRow = row(none, server, unset);
        assertThat(unsetRow.responseStatus()).isEqualTo(5);
        assertThat(unsetRow.responseCode()).isNull();
        assertThat(unsetRow.responseException()).isEmpty();
        Flow noStatus = row(none, server, null);
        assertThat(noStatus.responseStatus()).isEqualTo(5);
        assertThat(noStatus.responseCode()).isNull();
        Flow unknownCode = row(none, server, Status.newBuilder().setCodeValue(7).build());
        assertThat(unknownCode.responseStatus()).isEqualTo(5);
        assertThat(unknownCode.responseCode()).isEqualTo(7);

        Flow http503 = row(none, server, error, integer("http.status_code", 503));
        assertThat(http503.responseStatus()).as("an HTTP code decides over the span status").isEqualTo(3);
        assertThat(http503.responseCode()).isEqualTo(503);
        assertThat(http503.responseException()).isEqualTo("Service Unavailable");
        Flow http302 = row(none, server, error, str("http.status_code", "302"));
        assertThat(http302.responseStatus()).isZero();
        assertThat(http302.responseException()).isEmpty();
        Flow http599 = row(none, server, null, integer("http.status_code", 599));
        assertThat(http599.responseStatus()).isEqualTo(3);
        assertThat(http599.responseException()).as("not in DeepFlow's table").isEmpty();
        Flow garbled = row(none, server, unset, str("http.status_code", "abc"));
        assertThat(garbled.responseCode()).as("DeepFlow keeps the failed parse as 0").isZero();
        assertThat(garbled.responseStatus()).isEqualTo(5);
        Flow garbledOk = row(none, server, ok, str("http.status_code", "abc"));
        assertThat(garbledOk.responseCode()).isEqualTo(1);
    }

    @Test
    void databaseRpcAndMessagingProtocolsAreRecognised() throws Exception {
        Flow mysql = row(Span.SpanKind.SPAN_KIND_CLIENT, str("db.system", "mysql"), str("db.operation", "SELECT"),
                str("db.statement", "SELECT 1"), str("db.connection_string", "mysql://db"));
        assertThat(mysql.l7Protocol()).isEqualTo(60);
        assertThat(mysql.l7ProtocolStr()).isEqualTo("mysql");
        assertThat(mysql.requestType()).isEqualTo("SELECT");
        assertThat(mysql.requestResource()).isEqualTo("SELECT 1");
        assertThat(mysql.requestDomain()).isEqualTo("mysql://db");

        Flow postgres = row(Span.SpanKind.SPAN_KIND_CLIENT, str("db.system.name", "postgresql"),
                str("db.operation.name", "SELECT"), str("db.query.text", "SELECT 2"));
        assertThat(postgres.l7Protocol()).isEqualTo(61);
        assertThat(postgres.requestType()).isEqualTo("SELECT");
        assertThat(postgres.requestResource()).isEqualTo("SELECT 2");

        Flow grpc = row(Span.SpanKind.SPAN_KIND_SERVER, str("rpc.system", "grpc"), str("rpc.service", "a.B"),
                str("rpc.method", "Call"));
        assertThat(grpc.l7Protocol()).isEqualTo(41);
        assertThat(grpc.requestResource()).isEqualTo("a.B");
        assertThat(grpc.requestType()).isEqualTo("Call");

        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("rpc.system", "apache_dubbo")).l7Protocol())
                .as("DeepFlow's substring match knows no apache_dubbo").isZero();
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("rpc.system", "dubbo")).l7Protocol()).isEqualTo(40);
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("db.system", "redis")).l7Protocol()).isEqualTo(80);
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("db.system", "sql")).l7Protocol())
                .as("several names contain it: the lowest code, every time").isEqualTo(60);

        Flow kafka = row(Span.SpanKind.SPAN_KIND_PRODUCER, str("messaging.system", "kafka"),
                str("messaging.destination.name", "orders"), str("messaging.operation.name", "send"));
        assertThat(kafka.l7Protocol()).isEqualTo(100);
        assertThat(kafka.requestResource()).isEqualTo("orders");
        assertThat(kafka.requestType()).isEqualTo("send");
        assertThat(row(Span.SpanKind.SPAN_KIND_CONSUMER, str("messaging.url", "amqp://q")).requestResource())
                .isEqualTo("amqp://q");
    }

    @Test
    void httpsSchemeKeepsDeepFlowsQuirk() throws Exception {
        Flow f = row(Span.SpanKind.SPAN_KIND_CLIENT, str("http.scheme", "https"), str("http.method", "GET"));

        assertThat(f.isTls()).isEqualTo(1);
        assertThat(f.l7Protocol()).as("formats §7.9: https matches no protocol name").isZero();
        assertThat(f.l7ProtocolStr()).isEqualTo("https");
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("url.scheme", "https"), str("http.request.method", "GET"))
                .l7Protocol()).as("url.scheme is not read: the current names give HTTP").isEqualTo(20);
    }

    @Test
    void udpTransportMakesProtocol17() throws Exception {
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("net.transport", "ip_udp")).protocol()).isEqualTo(17);
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("network.transport", "udp")).protocol()).isEqualTo(17);
        assertThat(row(Span.SpanKind.SPAN_KIND_CLIENT, str("net.transport", "inproc")).protocol()).isEqualTo(6);
    }

    @Test
    void peerAddressesMustBeIpLiteralsAndAreWrittenCanonically() throws Exception {
        assertThat(row(Span.SpanKind.SPAN_KIND_SERVER, str("net.peer.ip", "FE80:0:0:0:0:0:0:1")).client().ip())
                .isEqualTo("fe80::1");
        assertThat(row(Span.SpanKind.SPAN_KIND_SERVER, str("net.peer.ip", "::ffff:10.2.3.4")).client().ip())
                .isEqualTo("10.2.3.4");
        assertThat(row(Span.SpanKind.SPAN_KIND_SERVER, str("net.peer.ip", "orders.shop")).client().ip()).isEmpty();
        assertThat(row(Span.SpanKind.SPAN_KIND_SERVER, str("net.peer.ip", "010.1.1.1")).client().ip()).isEmpty();
        assertThat(row(Span.SpanKind.SPAN_KIND_SERVER, str("net.peer.ip", "1.2.3.4"), str("net.peer.ip", "bad"))
                .client().ip()).as("an unparsable value changes nothing").isEqualTo("1.2.3.4");
    }

    @Test
    void resourceGivesServiceInstanceOwnAddressAndAgent() throws Exception {
        Resource r = resource(str("service.name", "cart"), str("service.instance.id", "cart-7"),
                str("app.host.ip", "10.9.9.9"), str("df.capture_info.agent", "node-b-V3"));

        Flow f = row(r, Span.SpanKind.SPAN_KIND_CLIENT, null);

        assertThat(f.appService()).isEqualTo("cart");
        assertThat(f.appInstance()).isEqualTo("cart-7");
        assertThat(f.client().ip()).isEqualTo("10.9.9.9");
        assertThat(f.vtapId()).as("the id the exporter JSON's agent name gets")
                .isEqualTo(io.tracefill.serdes.json.DerivedIds.agent("node-b-V3"));
        assertThat(row(resource(integer("df.capture_info.agent", 12)), Span.SpanKind.SPAN_KIND_CLIENT, null).vtapId())
                .isEqualTo(12);
    }

    @Test
    void skyWalkingAttributesReplaceTheIdsAsInDeepFlow() throws Exception {
        Flow f = row(resource(str("sw8.trace_id", "a1.b2.c3")), Span.SpanKind.SPAN_KIND_SERVER, null,
                str("sw8.trace_id", "span-level"), str("sw8.segment_id", "seg"), str("sw8.span_id", "1"),
                str("sw8.parent_span_id", "0"));

        assertThat(f.traceId()).as("the resource's comes after the span's").isEqualTo("a1.b2.c3");
        assertThat(f.spanId()).isEqualTo("seg-1");
        assertThat(f.parentSpanId()).isEqualTo("seg-0");
        assertThat(f.id()).as("still from the OTLP ids").isEqualTo(
                OtlpRowIds.of(Otlp.id(Otlp.TRACE_5B), Otlp.id("0000000000000001")));

        Span.Builder linked = span(Otlp.TRACE_5B, "0000000000000002", "", "op")
                .addAttributes(str("sw8.segment_id", "seg2")).addAttributes(str("sw8.span_id", "3"))
                .addLinks(Span.Link.newBuilder().addAttributes(str("refType", "CrossProcess"))
                        .addAttributes(str("sw8.parent_span_id", "5")).addAttributes(str("sw8.parent_segment_id", "up")));
        Flow g = decoder.decodeProto(traces(resourceSpans(Resource.getDefaultInstance(), linked.build())).toByteArray()).get(0);
        assertThat(g.spanId()).isEqualTo("seg2-3");
        assertThat(g.parentSpanId()).isEqualTo("up-5");
    }
}
