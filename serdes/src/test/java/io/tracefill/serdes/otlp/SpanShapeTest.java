package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.ResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.Consumer;

import static io.tracefill.serdes.otlp.TestSpan.app;
import static io.tracefill.serdes.otlp.TestSpan.ebpf;
import static io.tracefill.serdes.otlp.TestSpan.packet;
import static io.tracefill.serdes.otlp.TestSpan.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Span names, kinds, status, events and times. */
class SpanShapeTest {
    private final OtlpTraceEncoder encoder = new OtlpTraceEncoder();

    private Span only(TestSpan s) {
        return OtlpView.spans(encoder.encode(result(s.build()))).get(0).span();
    }

    private String nameOf(Consumer<Flow.Builder> row) {
        return only(ebpf(0, "c-p").flow(row)).getName();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            c-app   | SPAN_KIND_CLIENT
            s-app   | SPAN_KIND_SERVER
            app     | SPAN_KIND_INTERNAL
            c-p     | SPAN_KIND_CLIENT
            s-p     | SPAN_KIND_SERVER
            c       | SPAN_KIND_CLIENT
            s       | SPAN_KIND_SERVER
            c-nd    | SPAN_KIND_CLIENT
            s-gw-hv | SPAN_KIND_SERVER
            rest    | SPAN_KIND_UNSPECIFIED
            local   | SPAN_KIND_UNSPECIFIED
            """)
    void kindFollowsTheObservationPoint(String tapSide, Span.SpanKind kind) {
        assertThat(SpanKinds.kind(tapSide)).isEqualTo(kind);
    }

    @Test
    void namesReadLikeTheCall() {
        assertThat(nameOf(f -> f.requestResource("/api/v1/orders?id=7"))).isEqualTo("HTTP GET /api/v1/orders");
        assertThat(nameOf(f -> f.isTls(1))).isEqualTo("HTTPS GET /api/v1/orders");
        assertThat(nameOf(f -> f.l7Protocol(41).requestType("POST").requestResource("/shop.Orders/Get")))
                .isEqualTo("gRPC shop.Orders/Get");
        assertThat(nameOf(f -> f.l7Protocol(40).requestType("get").requestResource("com.shop.Orders")))
                .isEqualTo("Dubbo com.shop.Orders/get");
        assertThat(nameOf(f -> f.l7Protocol(60).requestType("COM_QUERY").requestResource("SELECT * FROM orders")))
                .isEqualTo("MySQL SELECT orders");
        assertThat(nameOf(f -> f.l7Protocol(60).requestType("COM_STMT_EXECUTE").requestResource("")))
                .isEqualTo("MySQL COM_STMT_EXECUTE");
        assertThat(nameOf(f -> f.l7Protocol(80).requestType("GET").requestResource("GET session:12345")))
                .isEqualTo("Redis GET");
        assertThat(nameOf(f -> f.l7Protocol(100).requestType("Produce").requestResource("orders")))
                .isEqualTo("Kafka Produce orders");
        assertThat(nameOf(f -> f.l7Protocol(120).requestType("A").requestResource("orders.shop.svc.cluster.local")))
                .isEqualTo("DNS A orders.shop.svc.cluster.local");
    }

    @Test
    void aSpanDeepFlowParsedNothingOfIsNamedByItsTransportAndServer() {
        assertThat(nameOf(f -> f.l7Protocol(0).requestType("").requestResource(""))).isEqualTo("TCP 10.0.0.2:8080");
        assertThat(nameOf(f -> f.l7Protocol(0).requestType("").requestResource("").protocol(17).serverPort(0)))
                .isEqualTo("UDP 10.0.0.2");
    }

    @Test
    void appSpansKeepTheirNameAndLongNamesAreCut() {
        assertThat(only(app(0, "s-app").flow(f -> f.endpoint("POST /api/v1/orders"))).getName())
                .isEqualTo("POST /api/v1/orders");
        assertThat(only(app(0, "s-app").flow(f -> f.endpoint(""))).getName()).isEqualTo("HTTP GET /api/v1/orders");
        String longName = nameOf(f -> f.requestResource("/" + "x".repeat(500)));
        assertThat(longName).hasSize(SpanNamer.MAX_LENGTH).endsWith("…");
    }

    @ParameterizedTest(name = "status {0} on {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | c-p | STATUS_CODE_UNSET
            1 | c-p | STATUS_CODE_ERROR
            2 | c-p | STATUS_CODE_ERROR
            3 | s-p | STATUS_CODE_ERROR
            4 | c-p | STATUS_CODE_ERROR
            4 | s-p | STATUS_CODE_UNSET
            5 | s-p | STATUS_CODE_UNSET
            6 | s-p | STATUS_CODE_UNSET
            """)
    void statusFollowsTheResponseStatus(int responseStatus, String tapSide, Status.StatusCode code) {
        assertThat(only(ebpf(0, tapSide).flow(f -> f.responseStatus(responseStatus))).getStatus().getCode())
                .isEqualTo(code);
    }

    @Test
    void anErrorSaysWhyAndAnExceptionBecomesAnEvent() {
        Span withCode = only(ebpf(0, "s-p").flow(f -> f.responseStatus(ResponseStatus.SERVER_ERROR).responseCode(503)));
        assertThat(withCode.getStatus().getMessage()).isEqualTo("Server Error 503");
        assertThat(withCode.getEventsCount()).isZero();

        Span withException = only(ebpf(0, "s-p").flow(f -> f.responseStatus(3).responseException("Out of stock")));
        assertThat(withException.getStatus().getMessage()).isEqualTo("Out of stock");
        assertThat(withException.getEvents(0).getName()).isEqualTo("exception");
        assertThat(withException.getEvents(0).getAttributes(0).getKey()).isEqualTo("exception.message");
        assertThat(withException.getEvents(0).getTimeUnixNano()).isEqualTo(withException.getEndTimeUnixNano());
    }

    @Test
    void anAppSpansExplicitOkComesBack() {
        // DeepFlow's ingest turns STATUS_CODE_OK into response_status 0 with response_code 1
        assertThat(only(app(0, "s-app").flow(f -> f.l7Protocol(0).responseStatus(0).responseCode(1))).getStatus().getCode())
                .isEqualTo(Status.StatusCode.STATUS_CODE_OK);
        assertThat(only(app(0, "s-app").flow(f -> f.responseStatus(0).responseCode(200))).getStatus().getCode())
                .isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }

    @Test
    void timesAreTheRenderTimesInNanoseconds() {
        Span s = only(packet(0, "s").flow(f -> f.startTimeUs(1_000_000).endTimeUs(3_000_000)).render(1_000_500, 3_000_500));
        assertThat(s.getStartTimeUnixNano()).isEqualTo(1_000_500_000L);
        assertThat(s.getEndTimeUnixNano()).isEqualTo(3_000_500_000L);
        assertThat(OtlpView.find(s.getAttributesList(), OtlpAttributes.CLOCK_CORRECTION_US).getIntValue()).isEqualTo(500);

        Span backwards = only(packet(0, "s").flow(f -> f.startTimeUs(5_000).endTimeUs(4_000)).render(5_000, 4_000));
        assertThat(backwards.getEndTimeUnixNano()).isEqualTo(backwards.getStartTimeUnixNano());
    }
}
