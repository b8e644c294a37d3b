package io.tracefill.serdes.json;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.TapSide;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FlowRowRoundTripTest {
    private static final List<String> TAP_SIDES = List.of("", "rest", "c", "s", "local", "c-nd", "s-nd", "c-hv", "s-hv",
            "c-gw-hv", "s-gw-hv", "c-gw", "s-gw", "c-p", "s-p", "app", "c-app", "s-app");

    private final FlowRowDecoder decoder = new FlowRowDecoder();
    private final FlowRowEncoder encoder = new FlowRowEncoder();

    @Test
    void everySampleSurvivesEncodeThenDecode() throws Exception {
        for (String sample : Samples.ALL) {
            Flow once = decoder.decode(Samples.bytes(sample));

            assertThat(decoder.decode(encoder.encode(once))).as(sample).isEqualTo(once);
        }
    }

    @Test
    void exporterRowsBecomeQuerierRowsWithTheirDerivedIds() throws Exception {
        Flow exported = decoder.decode(Samples.bytes(Samples.EXPORTER_NAMES));

        String row = encoder.encodeToString(exported);

        assertThat(row).contains("\"tap_side\":\"s-p\"", "\"vtap_id\":" + DerivedIds.agent("node-b-V3"),
                "\"start_time_us\":1718000000123456");
    }

    @Test
    void randomFlowsSurviveEncodeThenDecode() throws Exception {
        Random rnd = new Random(0x5eed_0005L);
        for (int i = 0; i < 3_000; i++) {
            Flow f = randomFlow(rnd);

            Flow back = decoder.decode(encoder.encode(f));

            if (!back.equals(f)) {
                assertThat(back).as(encoder.encodeToString(f)).isEqualTo(f);
            }
        }
    }

    private static Flow randomFlow(Random rnd) {
        long start = rnd.nextLong(TimeField.MAX_US);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            attributes.put(text(rnd), text(rnd));
        }
        return Flow.builder()
                .id(Long.toUnsignedString(rnd.nextLong()))
                .signalSource(rnd.nextInt(0x10000))
                .tapSide(TAP_SIDES.get(rnd.nextInt(TAP_SIDES.size())))
                .type(rnd.nextInt(3))
                .l7Protocol(rnd.nextInt(256))
                .l7ProtocolStr(text(rnd))
                .protocol(rnd.nextBoolean() ? 6 : 17)
                .version(text(rnd))
                .startTimeUs(start)
                .endTimeUs(start + rnd.nextLong(TimeField.MAX_US - start + 1))
                .responseDuration(rnd.nextLong(Long.MAX_VALUE))
                .vtapId(rnd.nextBoolean() ? rnd.nextInt(0x10000) : DerivedIds.agent(text(rnd)))
                .flowId(rnd.nextLong())
                .reqTcpSeq(rnd.nextLong(1L << 32))
                .respTcpSeq(rnd.nextLong(1L << 32))
                .syscallTraceIdRequest(rnd.nextLong())
                .syscallTraceIdResponse(rnd.nextLong())
                .syscallCapSeq0(rnd.nextLong(1L << 32))
                .syscallCapSeq1(rnd.nextLong(1L << 32))
                .traceId(rnd.nextBoolean() ? text(rnd) : text(rnd) + ", " + text(rnd))
                .spanId(text(rnd))
                .parentSpanId(text(rnd))
                .xRequestId0(text(rnd))
                .xRequestId1(text(rnd))
                .requestId(rnd.nextBoolean() ? null : rnd.nextLong())
                .appService(text(rnd))
                .appInstance(text(rnd))
                .isAsync(rnd.nextInt(2))
                .isTls(rnd.nextInt(2))
                .serverPort(rnd.nextInt(0x10000))
                .endpoint(text(rnd))
                .requestType(text(rnd))
                .requestDomain(text(rnd))
                .requestResource(text(rnd))
                .responseCode(rnd.nextBoolean() ? null : rnd.nextInt())
                .responseException(text(rnd))
                .responseResult(text(rnd))
                .httpProxyClient(text(rnd))
                .responseStatus(rnd.nextInt(7))
                .bizResponseCode(text(rnd))
                .client(side(rnd))
                .server(side(rnd))
                .tapPort(rnd.nextLong(1L << 32))
                .tapPortName(text(rnd))
                .tapPortType(rnd.nextInt(256))
                .tapId(rnd.nextLong(1L << 32))
                .tap(text(rnd))
                .resourceFromVtap(rnd.nextBoolean() ? null : text(rnd))
                .querierRegion(text(rnd))
                .tapSideEnum(rnd.nextBoolean() ? null : text(rnd))
                .l7ProtocolEnum(rnd.nextBoolean() ? null : text(rnd))
                .attributes(attributes)
                .build();
    }

    private static FlowSide side(Random rnd) {
        return new FlowSide(rnd.nextInt(), rnd.nextLong(1L << 53), text(rnd), rnd.nextInt(256), rnd.nextLong(1L << 53),
                text(rnd), rnd.nextInt(256), rnd.nextLong(1L << 53), text(rnd), text(rnd), text(rnd), text(rnd));
    }

    /** Mostly short ASCII, sometimes empty, sometimes with quotes, escapes, non-BMP characters. */
    private static String text(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "";
            case 1 -> "q\"uo\\te\n\t\u0001";
            case 2 -> "héllo \u6587 \uD83D\uDE00";
            default -> Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36);
        };
    }

    @Test
    void tapSidesListIsComplete() {
        assertThat(TAP_SIDES.stream().filter(t -> !t.isEmpty())).allMatch(TapSide::isKnown);
    }
}
