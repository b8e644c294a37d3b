package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.SignalSource;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the rows DeepFlow stores for one observation of a call: one session row, or now and
 * then a request row and a response row (when the agent flushed them apart), and the OTel rows
 * of application spans. Times passed in are true times; each row gets its agent's clock error.
 */
final class FlowFactory {
    private final IdSource ids;
    private final SplittableRandom rng;
    private final double splitShare;

    FlowFactory(IdSource ids, SplittableRandom rng, double splitShare) {
        this.ids = ids;
        this.rng = rng;
        this.splitShare = splitShare;
    }

    /**
     * An eBPF ({@code c-p}, {@code s-p}) or Packet observation of a call.
     *
     * @param sysReq  syscall trace id of the request's syscall (eBPF only, else 0)
     * @param sysResp syscall trace id of the response's syscall (eBPF only, else 0)
     */
    void observe(List<Flow> out, CallHeaders h, String tapSide, int signalSource, Cluster.Node node,
                 long startTrue, long endTrue, FlowSide client, FlowSide server, long sysReq, long sysResp) {
        long start = startTrue + node.clockSkewUs();
        long end = endTrue + node.clockSkewUs();
        boolean ebpf = signalSource == SignalSource.EBPF;
        long capSeq = ebpf ? ids.capSeq() : 0;
        long flowId = ids.flowId();
        boolean split = rng.nextDouble() < splitShare && h.splittable();
        Flow.Builder b = common(h, tapSide, signalSource, node, client, server).flowId(flowId);
        if (!split) {
            out.add(b.id(ids.rowId(end)).type(FlowType.SESSION)
                    .startTimeUs(start).endTimeUs(end).responseDuration(end - start)
                    .reqTcpSeq(h.reqTcpSeq()).respTcpSeq(h.respTcpSeq())
                    .syscallTraceIdRequest(sysReq).syscallTraceIdResponse(sysResp)
                    .syscallCapSeq0(capSeq).syscallCapSeq1(ebpf ? capSeq + 1 : 0)
                    .traceId(h.traceId()).spanId(h.spanId())
                    .xRequestId0(h.xRequestId0()).xRequestId1(h.xRequestId1())
                    .requestType(h.requestType()).requestDomain(h.requestDomain())
                    .requestResource(h.requestResource()).endpoint(h.endpoint())
                    .responseCode(h.responseCode())
                    .build());
            return;
        }
        // the request carries the headers (trace context, request fields); the response only its own
        out.add(b.id(ids.rowId(start)).type(FlowType.REQUEST)
                .startTimeUs(start).endTimeUs(start).responseDuration(0)
                .reqTcpSeq(h.reqTcpSeq()).syscallTraceIdRequest(sysReq).syscallCapSeq0(capSeq)
                .traceId(h.traceId()).spanId(h.spanId()).xRequestId0(h.xRequestId0())
                .requestType(h.requestType()).requestDomain(h.requestDomain())
                .requestResource(h.requestResource()).endpoint(h.endpoint())
                .build());
        out.add(common(h, tapSide, signalSource, node, client, server).flowId(flowId)
                .id(ids.rowId(end)).type(FlowType.RESPONSE)
                .startTimeUs(end).endTimeUs(end).responseDuration(0)
                .respTcpSeq(h.respTcpSeq()).syscallTraceIdResponse(sysResp).syscallCapSeq1(ebpf ? capSeq + 1 : 0)
                .xRequestId1(h.xRequestId1()).responseCode(h.responseCode())
                .build());
    }

    /** Fields every row of a call has, whatever its direction. */
    private static Flow.Builder common(CallHeaders h, String tapSide, int signalSource, Cluster.Node node,
                                       FlowSide client, FlowSide server) {
        return Flow.builder()
                .signalSource(signalSource).tapSide(tapSide)
                .l7Protocol(h.l7Protocol()).l7ProtocolStr(h.l7ProtocolStr()).version(h.version())
                .protocol(h.l4Protocol()).vtapId(node.agentId()).requestId(h.requestId())
                .serverPort(h.serverPort()).client(client).server(server)
                .tap("cloud");
    }

    /**
     * An OTel span as DeepFlow stores it: a session row on the agent of the pod's node, with
     * the pod as the client ({@code c-app}) or server ({@code s-app}) instance.
     */
    Flow appSpan(String tapSide, Cluster.Pod pod, long startTrue, long endTrue, String traceId, String spanId,
                 String parentSpanId, CallHeaders h) {
        long start = startTrue + pod.node().clockSkewUs();
        long end = endTrue + pod.node().clockSkewUs();
        boolean client = tapSide.startsWith("c");
        return Flow.builder()
                .id(ids.rowId(end)).signalSource(SignalSource.OTEL).tapSide(tapSide).type(FlowType.SESSION)
                .l7Protocol(h.l7Protocol()).l7ProtocolStr(h.l7ProtocolStr()).version(h.version())
                .startTimeUs(start).endTimeUs(end).responseDuration(end - start)
                .vtapId(pod.node().agentId())
                .traceId(traceId).spanId(spanId).parentSpanId(parentSpanId)
                .appService(pod.service()).appInstance(pod.name())
                .requestType(h.requestType()).requestDomain(h.requestDomain())
                .requestResource(h.requestResource()).endpoint(h.endpoint())
                .responseCode(h.responseCode())
                .client(client ? pod.side() : FlowSide.EMPTY).server(client ? FlowSide.EMPTY : pod.side())
                .build();
    }
}
