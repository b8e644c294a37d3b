package io.tracefill.serdes.binary;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed flows whose bytes the golden tests pin. */
final class GoldenFlows {
    private GoldenFlows() {
    }

    /** formats §5.A's s-p row, with both sides, a nullable of each kind set and two attributes out of order. */
    static Flow serverProcess() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("http_user_agent", "Go-http-client/1.1");
        attributes.put("ünicode", "日本");
        return Flow.builder()
                .id("7378753814532206649")
                .signalSource(3)
                .tapSide("s-p")
                .type(2)
                .l7Protocol(20)
                .l7ProtocolStr("HTTP")
                .protocol(6)
                .version("1.1")
                .startTimeUs(1_718_000_000_123_456L)
                .endTimeUs(1_718_000_000_135_790L)
                .responseDuration(12_334)
                .vtapId(3)
                .flowId(1_234_567_890_123_456_789L)
                .reqTcpSeq(2_093_847_561L)
                .respTcpSeq(3_847_561_029L)
                .syscallTraceIdRequest(0x8000_0000_0000_0001L) // above Long.MAX_VALUE as unsigned
                .syscallTraceIdResponse(8_816_312_217_543_229_442L)
                .syscallCapSeq1(77)
                .traceId("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f")
                .spanId("a1b2c3d4e5f60718")
                .xRequestId0("7f9c2d4e-1b3a-4c5d-9e8f-0a1b2c3d4e5f")
                .requestId(-1L)                               // UInt64 max
                .serverPort(8080)
                .endpoint("/api/v1")
                .requestType("POST")
                .requestDomain("orders.shop.svc.cluster.local:8080")
                .requestResource("/api/v1/orders")
                .responseCode(-200)
                .client(FlowSide.builder().ip("10.244.1.17").autoInstanceId(17).autoInstance("frontend")
                        .autoInstanceType(10).build())
                .server(FlowSide.builder().processId(2381).ip("10.244.2.33").processKname("java").gprocess("java")
                        .build())
                .tapSideEnum("Server Process")
                .attributes(attributes)
                .build();
    }
}
