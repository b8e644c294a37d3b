package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.SignalSource;

/**
 * Test rows with the conventions of spec §15: a session, HTTP/1.1 {@code GET /a} → 200 over TCP,
 * server port 80, agent 1, {@code response_duration = end − start}, every id/seq 0 or empty,
 * {@code request_id} null, not async.
 *
 * <pre>
 * Flow cp = Flows.ebpf("cp", "c-p").times(1100, 8900).seq(1, 2).pod(11).pid(5).build();
 * </pre>
 */
public final class Flows {
    public static final int POD = 10;
    public static final int VM = 1;

    private final Flow.Builder b;
    private boolean durationSet;
    private FlowSide.Builder client = FlowSide.builder();
    private FlowSide.Builder server = FlowSide.builder();

    private Flows(String id, int signalSource, String tapSide) {
        b = Flow.builder()
                .id(id)
                .signalSource(signalSource)
                .tapSide(tapSide)
                .type(2)
                .l7Protocol(20)
                .l7ProtocolStr("HTTP")
                .protocol(6)
                .version("1.1")
                .requestType("GET")
                .requestResource("/a")
                .responseCode(200)
                .serverPort(80)
                .vtapId(1);
    }

    /** An eBPF row ({@code c-p}, {@code s-p}). */
    public static Flows ebpf(String id, String tapSide) {
        return new Flows(id, SignalSource.EBPF, tapSide);
    }

    /** A Packet row ({@code c}, {@code s}, {@code c-nd} …). */
    public static Flows pkt(String id, String tapSide) {
        return new Flows(id, SignalSource.PACKET, tapSide);
    }

    /** An OTel row ({@code s-app}, {@code c-app}, {@code app}). */
    public static Flows otel(String id, String tapSide) {
        return new Flows(id, SignalSource.OTEL, tapSide);
    }

    public Flows times(long startUs, long endUs) {
        b.startTimeUs(startUs).endTimeUs(endUs);
        return this;
    }

    /** A one-sided row at one instant (requests and responses). */
    public Flows at(long us) {
        return times(us, us);
    }

    public Flows duration(long us) {
        b.responseDuration(us);
        durationSet = true;
        return this;
    }

    public Flows type(int type) {
        b.type(type);
        return this;
    }

    public Flows request() {
        return type(0);
    }

    public Flows response() {
        return type(1);
    }

    public Flows seq(long req, long resp) {
        b.reqTcpSeq(req).respTcpSeq(resp);
        return this;
    }

    public Flows sys(long req, long resp) {
        b.syscallTraceIdRequest(req).syscallTraceIdResponse(resp);
        return this;
    }

    public Flows capSeq(long c0, long c1) {
        b.syscallCapSeq0(c0).syscallCapSeq1(c1);
        return this;
    }

    public Flows vtap(long v) {
        b.vtapId(v);
        return this;
    }

    public Flows trace(String traceId) {
        b.traceId(traceId);
        return this;
    }

    public Flows span(String spanId) {
        b.spanId(spanId);
        return this;
    }

    public Flows parent(String parentSpanId) {
        b.parentSpanId(parentSpanId);
        return this;
    }

    public Flows x0(String x) {
        b.xRequestId0(x);
        return this;
    }

    public Flows x1(String x) {
        b.xRequestId1(x);
        return this;
    }

    public Flows l7(int l7Protocol, String l7ProtocolStr) {
        b.l7Protocol(l7Protocol).l7ProtocolStr(l7ProtocolStr);
        return this;
    }

    public Flows mysql() {
        return l7(60, "MySQL");
    }

    public Flows grpc() {
        return l7(41, "gRPC");
    }

    public Flows http2() {
        return l7(21, "HTTP2");
    }

    public Flows dns() {
        return l7(120, "DNS").protocol(17);
    }

    public Flows protocol(int l4) {
        b.protocol(l4);
        return this;
    }

    public Flows requestId(Long id) {
        b.requestId(id);
        return this;
    }

    public Flows flowId(long id) {
        b.flowId(id);
        return this;
    }

    public Flows resource(String r) {
        b.requestResource(r);
        return this;
    }

    public Flows endpoint(String e) {
        b.endpoint(e);
        return this;
    }

    public Flows websphereMq() {
        return l7(108, "WebSphereMQ");
    }

    public Flows async() {
        b.isAsync(1);
        return this;
    }

    public Flows serverPort(int port) {
        b.serverPort(port);
        return this;
    }

    public Flows appService(String s) {
        b.appService(s);
        return this;
    }

    public Flows appInstance(String s) {
        b.appInstance(s);
        return this;
    }

    /** {@code inst N/pod}: instance id N of type pod, on both sides. */
    public Flows pod(long instanceId) {
        return instance(instanceId, POD);
    }

    /** {@code inst N/vm}: instance id N of type VM, on both sides. */
    public Flows vm(long instanceId) {
        return instance(instanceId, VM);
    }

    public Flows instance(long instanceId, int type) {
        client.autoInstanceId(instanceId).autoInstanceType(type);
        server.autoInstanceId(instanceId).autoInstanceType(type);
        return this;
    }

    /** The instance name ({@code auto_instance_0/1}) on both sides. */
    public Flows instanceName(String name) {
        client.autoInstance(name);
        server.autoInstance(name);
        return this;
    }

    /** {@code pid N}: process id N on both sides. */
    public Flows pid(int pid) {
        client.processId(pid);
        server.processId(pid);
        return this;
    }

    /** Direct access for fields the shortcuts do not cover. */
    public Flows with(java.util.function.Consumer<Flow.Builder> change) {
        change.accept(b);
        return this;
    }

    public Flows client(java.util.function.Consumer<FlowSide.Builder> change) {
        change.accept(client);
        return this;
    }

    public Flows server(java.util.function.Consumer<FlowSide.Builder> change) {
        change.accept(server);
        return this;
    }

    public Flow build() {
        b.client(client.build()).server(server.build());
        Flow f = b.build();
        if (!durationSet) {
            f = f.toBuilder().responseDuration(f.endTimeUs() - f.startTimeUs()).build();
        }
        return f;
    }
}
