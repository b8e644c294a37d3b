package io.tracefill.tracing.merge;

import io.tracefill.serdes.model.Flow;

import static io.tracefill.serdes.model.Values.present;

/**
 * When a row merges into an earlier one, every field of the earlier row that is absent (falsy)
 * is taken from the merged row (spec §5.2): a request's empty response code, resp seq or trace
 * id is filled from its response. The record's identity ({@code _id}) and {@code type} are
 * handled by the merger itself.
 */
final class AbsentFieldFill {
    private AbsentFieldFill() {
    }

    static Flow fill(Flow e, Flow r) {
        return new Flow(
                e.id(),
                e.signalSource() != 0 ? e.signalSource() : r.signalSource(),
                present(e.tapSide()) ? e.tapSide() : r.tapSide(),
                e.type(),
                e.l7Protocol() != 0 ? e.l7Protocol() : r.l7Protocol(),
                present(e.l7ProtocolStr()) ? e.l7ProtocolStr() : r.l7ProtocolStr(),
                e.protocol() != 0 ? e.protocol() : r.protocol(),
                present(e.version()) ? e.version() : r.version(),
                e.startTimeUs() != 0 ? e.startTimeUs() : r.startTimeUs(),
                e.endTimeUs() != 0 ? e.endTimeUs() : r.endTimeUs(),
                e.responseDuration() != 0 ? e.responseDuration() : r.responseDuration(),
                e.vtapId() != 0 ? e.vtapId() : r.vtapId(),
                e.flowId() != 0 ? e.flowId() : r.flowId(),
                e.reqTcpSeq() != 0 ? e.reqTcpSeq() : r.reqTcpSeq(),
                e.respTcpSeq() != 0 ? e.respTcpSeq() : r.respTcpSeq(),
                e.syscallTraceIdRequest() != 0 ? e.syscallTraceIdRequest() : r.syscallTraceIdRequest(),
                e.syscallTraceIdResponse() != 0 ? e.syscallTraceIdResponse() : r.syscallTraceIdResponse(),
                e.syscallCapSeq0() != 0 ? e.syscallCapSeq0() : r.syscallCapSeq0(),
                e.syscallCapSeq1() != 0 ? e.syscallCapSeq1() : r.syscallCapSeq1(),
                present(e.traceId()) ? e.traceId() : r.traceId(),
                present(e.spanId()) ? e.spanId() : r.spanId(),
                present(e.parentSpanId()) ? e.parentSpanId() : r.parentSpanId(),
                present(e.xRequestId0()) ? e.xRequestId0() : r.xRequestId0(),
                present(e.xRequestId1()) ? e.xRequestId1() : r.xRequestId1(),
                present(e.requestId()) ? e.requestId() : r.requestId(),
                present(e.appService()) ? e.appService() : r.appService(),
                present(e.appInstance()) ? e.appInstance() : r.appInstance(),
                e.isAsync() != 0 ? e.isAsync() : r.isAsync(),
                e.isTls() != 0 ? e.isTls() : r.isTls(),
                e.serverPort() != 0 ? e.serverPort() : r.serverPort(),
                present(e.endpoint()) ? e.endpoint() : r.endpoint(),
                present(e.requestType()) ? e.requestType() : r.requestType(),
                present(e.requestDomain()) ? e.requestDomain() : r.requestDomain(),
                present(e.requestResource()) ? e.requestResource() : r.requestResource(),
                present(e.responseCode()) ? e.responseCode() : r.responseCode(),
                present(e.responseException()) ? e.responseException() : r.responseException(),
                present(e.responseResult()) ? e.responseResult() : r.responseResult(),
                present(e.httpProxyClient()) ? e.httpProxyClient() : r.httpProxyClient(),
                e.responseStatus() != 0 ? e.responseStatus() : r.responseStatus(),
                present(e.bizResponseCode()) ? e.bizResponseCode() : r.bizResponseCode(),
                e.client().fillAbsentFrom(r.client()),
                e.server().fillAbsentFrom(r.server()),
                e.tapPort() != 0 ? e.tapPort() : r.tapPort(),
                present(e.tapPortName()) ? e.tapPortName() : r.tapPortName(),
                e.tapPortType() != 0 ? e.tapPortType() : r.tapPortType(),
                e.tapId() != 0 ? e.tapId() : r.tapId(),
                present(e.tap()) ? e.tap() : r.tap(),
                e.resourceFromVtap() != null ? e.resourceFromVtap() : r.resourceFromVtap(),
                present(e.querierRegion()) ? e.querierRegion() : r.querierRegion(),
                present(e.tapSideEnum()) ? e.tapSideEnum() : r.tapSideEnum(),
                present(e.l7ProtocolEnum()) ? e.l7ProtocolEnum() : r.l7ProtocolEnum(),
                present(e.attributes()) ? e.attributes() : r.attributes());
    }
}
