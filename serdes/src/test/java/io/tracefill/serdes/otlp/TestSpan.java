package io.tracefill.serdes.otlp;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.SpanServiceTags;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hand-built spans of a {@link TracingResult}, as the engine would output them. Rows default to
 * an HTTP/1.1 {@code GET /api/v1/orders} → 200 session over TCP from 10.0.0.1 to 10.0.0.2:8080.
 *
 * <pre>
 * TracedSpan sp = TestSpan.ebpf(2, "s-p").parent(1, "x.c.1").dfId("x.s-p.2").build();
 * </pre>
 */
public final class TestSpan {
    private final int index;
    private final Flow.Builder flow;
    private FlowSide.Builder client = FlowSide.builder().ip("10.0.0.1");
    private FlowSide.Builder server = FlowSide.builder().ip("10.0.0.2");
    private int parentId = -1;
    private String dfId;
    private String dfParent = "";
    private String reason;
    private List<String> ids;
    private List<String> related = List.of();
    private List<Integer> childs = List.of();
    private Integer processId;
    private long selftime = -1;
    private long renderStart;
    private long renderEnd;
    private SpanServiceTags tags = SpanServiceTags.NONE;

    private TestSpan(int index, int signalSource, String tapSide) {
        this.index = index;
        this.flow = Flow.builder()
                .id(Long.toString(7_000_000_000L + index))
                .signalSource(signalSource)
                .tapSide(tapSide)
                .type(2)
                .l7Protocol(20)
                .l7ProtocolStr("HTTP")
                .protocol(6)
                .version("1.1")
                .requestType("GET")
                .requestResource("/api/v1/orders")
                .responseCode(200)
                .serverPort(8080)
                .vtapId(1)
                .startTimeUs(1_700_000_000_000_000L + index * 10L)
                .endTimeUs(1_700_000_000_010_000L - index * 10L)
                .responseDuration(10_000 - index * 20L);
    }

    public static TestSpan app(int index, String tapSide) {
        return new TestSpan(index, SignalSource.OTEL, tapSide);
    }

    public static TestSpan ebpf(int index, String tapSide) {
        return new TestSpan(index, SignalSource.EBPF, tapSide);
    }

    public static TestSpan packet(int index, String tapSide) {
        return new TestSpan(index, SignalSource.PACKET, tapSide);
    }

    public TestSpan flow(Consumer<Flow.Builder> change) {
        change.accept(flow);
        return this;
    }

    public TestSpan client(Consumer<FlowSide.Builder> change) {
        change.accept(client);
        return this;
    }

    public TestSpan server(Consumer<FlowSide.Builder> change) {
        change.accept(server);
        return this;
    }

    public TestSpan trace(String traceId) {
        flow.traceId(traceId);
        return this;
    }

    public TestSpan spanId(String spanId) {
        flow.spanId(spanId);
        return this;
    }

    public TestSpan parentSpanId(String parentSpanId) {
        flow.parentSpanId(parentSpanId);
        return this;
    }

    /** The engine's parent: its index and its {@code deepflow_span_id}. */
    public TestSpan parent(int parentIndex, String deepflowParentSpanId) {
        this.parentId = parentIndex;
        this.dfParent = deepflowParentSpanId;
        this.reason = "test mounted";
        return this;
    }

    public TestSpan dfId(String deepflowSpanId) {
        this.dfId = deepflowSpanId;
        return this;
    }

    public TestSpan reason(String setParentInfo) {
        this.reason = setParentInfo;
        return this;
    }

    public TestSpan ids(String... flowIds) {
        this.ids = List.of(flowIds);
        return this;
    }

    public TestSpan related(String... relatedIds) {
        this.related = List.of(relatedIds);
        return this;
    }

    public TestSpan childs(Integer... childIndexes) {
        this.childs = List.of(childIndexes);
        return this;
    }

    public TestSpan processId(Integer pid) {
        this.processId = pid;
        return this;
    }

    public TestSpan selftime(long us) {
        this.selftime = us;
        return this;
    }

    public TestSpan render(long startUs, long endUs) {
        this.renderStart = startUs;
        this.renderEnd = endUs;
        return this;
    }

    public TestSpan tags(SpanServiceTags tags) {
        this.tags = tags;
        return this;
    }

    public TestSpan attributes(Map<String, String> attributes) {
        flow.attributes(attributes);
        return this;
    }

    public TracedSpan build() {
        Flow f = flow.client(client.build()).server(server.build()).build();
        String deepflowId = dfId != null ? dfId
                : f.signalSource() == SignalSource.OTEL ? f.spanId() : "0xabc." + f.tapSide() + "." + index;
        long self = selftime >= 0 ? selftime : f.responseDuration();
        long rs = renderStart != 0 || renderEnd != 0 ? renderStart : f.startTimeUs();
        long re = renderStart != 0 || renderEnd != 0 ? renderEnd : f.endTimeUs();
        return new TracedSpan(index, ids != null ? ids : List.of(f.id()), related, f, self, parentId, childs,
                processId, null, null, reason, tags, deepflowId, dfParent, rs, re);
    }

    /** A found result of these spans, in this order. */
    public static TracingResult result(TracedSpan... spans) {
        return new TracingResult(true, List.of(spans), List.of(), Map.of(), List.of());
    }

    public static TracingResult result(List<String> notes, TracedSpan... spans) {
        return new TracingResult(true, List.of(spans), List.of(), Map.of(), notes);
    }

    static List<TracedSpan> list(TracedSpan... spans) {
        return new ArrayList<>(List.of(spans));
    }
}
