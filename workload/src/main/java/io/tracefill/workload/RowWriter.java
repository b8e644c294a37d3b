package io.tracefill.workload;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.ResponseStatus;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.serdes.json.DerivedIds;
import io.tracefill.workload.deepflow.ExporterJson;
import io.tracefill.workload.deepflow.ExporterTags;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes what DeepFlow exports for one observation of an exchange: a session row, or now and then
 * a request row and a response row (the agent flushed them apart). Times passed in are true times;
 * each row is stamped by its agent's clock. The record reaches Kafka at the agent's next flush
 * (once a second) plus the ingester's delay, which is what disorders the topic a little.
 */
final class RowWriter {
    private static final long FLUSH_US = 1_000_000;
    /** DeepFlow's {@code capture_network_type_id} of cloud networks: every row here. */
    private static final int CLOUD_NETWORK = 3;

    private final Ids ids;
    private final double splitShare;
    private final Map<String, Long> flushPhase = new HashMap<>();

    RowWriter(Ids ids, double splitShare) {
        this.ids = ids;
        this.splitShare = splitShare;
    }

    /**
     * One observation point's rows.
     *
     * @param sysReq  syscall trace id of the request's syscall (eBPF only, else 0)
     * @param sysResp syscall trace id of the response's syscall (eBPF only, else 0)
     * @param thread  the observing process's thread (eBPF only, else 0)
     */
    void observe(Output out, Exchange x, String tapSide, Cluster.Node agent, long startTrue, long endTrue,
                 long sysReq, long sysResp, int thread) {
        boolean ebpf = TapSide.isProcess(tapSide);
        boolean clientProcess = TapSide.CLIENT_PROCESS.equals(tapSide);
        boolean serverProcess = TapSide.SERVER_PROCESS.equals(tapSide);
        long capSeq = clientProcess ? x.clientCapSeq() : serverProcess ? x.serverCapSeq() : 0;
        Flow base = Flow.builder()
                .signalSource(ebpf ? SignalSource.EBPF : SignalSource.PACKET).tapSide(tapSide)
                .l7Protocol(x.proto().l7Protocol).l7ProtocolStr(x.proto().name).version(x.proto().version)
                .protocol(x.proto().l4Protocol).vtapId(DerivedIds.agent(agent.agent()))
                .flowId(ids.unsigned64()).serverPort(x.serverPort()).requestId(x.requestId())
                .client(clientProcess ? x.client().withProcess() : x.client().side())
                .server(serverProcess ? x.server().withProcess() : x.server().side())
                .tapId(CLOUD_NETWORK).tapPort(ebpf ? 0 : ipNumber(capturingIp(tapSide, x, agent)))
                .build();
        ExporterTags tags = new ExporterTags(agent.agent(), x.clientPort(), x.request().requestBytes(),
                x.request().responseBytes(), clientProcess ? thread : 0, serverProcess ? thread : 0,
                x.client().tags(), x.server().tags());
        long start = startTrue + agent.skewUs();
        long end = endTrue + agent.skewUs();
        if (!x.proto().splittable() || !ids.chance(splitShare)) {
            Flow f = response(request(base, x, start, sysReq, capSeq), x, sysResp, capSeq)
                    .type(FlowType.SESSION).endTimeUs(end).responseDuration(end - start)
                    .id(ids.rowId(end, agent.analyzer())).build();
            emit(out, f, tags, agent, endTrue);
            return;
        }
        // the request row carries what the request said; the response row only what came back
        Flow req = request(base, x, start, sysReq, capSeq).type(FlowType.REQUEST).endTimeUs(start)
                .responseStatus(ResponseStatus.UNKNOWN).id(ids.rowId(start, agent.analyzer())).build();
        emit(out, req, tags, agent, startTrue);
        Flow resp = response(base.toBuilder(), x, sysResp, capSeq).type(FlowType.RESPONSE).startTimeUs(end)
                .endTimeUs(end).id(ids.rowId(end, agent.analyzer())).build();
        emit(out, resp, tags, agent, endTrue);
    }

    /** The request half: what every row of the observation that saw the request holds. */
    private static Flow.Builder request(Flow base, Exchange x, long start, long sysReq, long capSeq) {
        Request r = x.request();
        return base.toBuilder().startTimeUs(start)
                .reqTcpSeq(x.reqSeq()).syscallTraceIdRequest(sysReq).syscallCapSeq0(capSeq)
                .traceId(x.traceId()).spanId(x.spanId())
                .xRequestId0(x.xRequestId0()).httpProxyClient(x.proxyClient())
                .requestType(r.method()).requestDomain(r.domain()).requestResource(r.resource())
                .endpoint(r.endpoint());
    }

    /** The response half; a process's response syscall is the next capture on its socket. */
    private static Flow.Builder response(Flow.Builder b, Exchange x, long sysResp, long capSeq) {
        return b.respTcpSeq(x.respSeq()).syscallTraceIdResponse(sysResp).syscallCapSeq1(capSeq == 0 ? 0 : capSeq + 1)
                .xRequestId1(x.xRequestId1()).responseCode(x.responseCode()).responseStatus(x.responseStatus())
                .responseException(x.responseException()).responseResult(x.responseResult());
    }

    private void emit(Output out, Flow f, ExporterTags tags, Cluster.Node agent, long trueUs) {
        WireRecord record = new WireRecord(Topic.DEEPFLOW, null, ExporterJson.render(f, tags),
                Math.floorDiv(f.endTimeUs(), 1000L));
        out.row(sendTime(agent, trueUs), record, f.id());
    }

    /** The agent's next flush after the row is complete, then 20–300 ms through the ingester. */
    private long sendTime(Cluster.Node agent, long trueUs) {
        long phase = flushPhase.computeIfAbsent(agent.agent(), a -> ids.between(0, FLUSH_US - 1));
        long tick = OtlpBatches.nextTick(phase, FLUSH_US, trueUs);
        return tick + ids.between(20_000, 300_000);
    }

    /** The address of the interface a Packet row was captured on: DeepFlow's {@code capture_nic} names it. */
    private static String capturingIp(String tapSide, Exchange x, Cluster.Node agent) {
        return switch (tapSide) {
            case TapSide.CLIENT_NIC -> x.client().side().ip();
            case TapSide.SERVER_NIC -> x.server().side().ip();
            default -> agent.ip();
        };
    }

    private static long ipNumber(String ip) {
        long n = 0;
        for (String part : ip.split("\\.")) {
            n = n << 8 | Integer.parseInt(part);
        }
        return n & 0xffff_ffffL;
    }
}
