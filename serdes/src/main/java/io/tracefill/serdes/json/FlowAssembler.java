package io.tracefill.serdes.json;

import io.tracefill.serdes.model.Flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a record said ({@link RowFields}) into a {@link Flow}: checks the required fields,
 * picks between the querier's and the exporter's key where both name one column, joins trace
 * ids the way the querier shows them, and derives ids for resources known only by name.
 */
final class FlowAssembler {
    private FlowAssembler() {
    }

    static Flow assemble(RowFields r) throws DecodeException {
        if (r.id == null) {
            throw new DecodeException("_id", "missing: every l7_flow_log row needs its _id");
        }
        long start = time(r.startTimeUs, r.startTime, "start_time");
        TimeField endField = r.endTimeUs != null ? r.endTimeUs : r.endTime;
        long end = time(r.endTimeUs, r.endTime, "end_time");
        if (end < start) {
            throw new DecodeException(endField.key, "before the start time (" + end + " < " + start + ")");
        }
        return Flow.builder()
                .id(r.id)
                .signalSource(r.signalSource)
                .tapSide(r.tapSide != null ? r.tapSide : r.observationPoint)
                .type(r.type)
                .l7Protocol(r.l7Protocol)
                .l7ProtocolStr(r.l7ProtocolStr != null ? r.l7ProtocolStr : r.bizProtocol)
                .protocol(r.protocol)
                .version(r.version)
                .startTimeUs(start)
                .endTimeUs(end)
                .responseDuration(r.responseDuration)
                .vtapId(vtapId(r))
                .flowId(r.flowId)
                .reqTcpSeq(r.reqTcpSeq)
                .respTcpSeq(r.respTcpSeq)
                .syscallTraceIdRequest(r.syscallTraceIdRequest)
                .syscallTraceIdResponse(r.syscallTraceIdResponse)
                .syscallCapSeq0(r.syscallCapSeq0)
                .syscallCapSeq1(r.syscallCapSeq1)
                .traceId(joinTraceIds(r.traceId, r.traceId2))
                .spanId(r.spanId)
                .parentSpanId(r.parentSpanId)
                .xRequestId0(r.xRequestId0)
                .xRequestId1(r.xRequestId1)
                .requestId(r.requestId)
                .appService(r.appService)
                .appInstance(r.appInstance)
                .isAsync(r.isAsync)
                .isTls(r.isTls)
                .serverPort(r.serverPort)
                .endpoint(r.endpoint != null ? r.endpoint : r.endPoint)
                .requestType(r.requestType)
                .requestDomain(r.requestDomain)
                .requestResource(r.requestResource)
                .responseCode(r.responseCode)
                .responseException(r.responseException)
                .responseResult(r.responseResult)
                .httpProxyClient(r.httpProxyClient)
                .responseStatus(r.responseStatus)
                .bizResponseCode(r.bizResponseCode)
                .client(r.client.toFlowSide(r.isIpv4))
                .server(r.server.toFlowSide(r.isIpv4))
                .tapPort(r.tapPort)
                .tapPortName(r.tapPortName)
                .tapPortType(r.tapPortType)
                .tapId(r.tapId)
                .tap(r.tap)
                .resourceFromVtap(r.resourceFromVtap)
                .querierRegion(r.querierRegion)
                .tapSideEnum(r.tapSideEnum)
                .l7ProtocolEnum(r.l7ProtocolEnum)
                .attributes(attributes(r))
                .build();
    }

    /** The querier's µs key when present, else the exporter's (also µs). */
    private static long time(TimeField querier, TimeField exporter, String name) throws DecodeException {
        TimeField f = querier != null ? querier : exporter;
        if (f == null) {
            throw new DecodeException(name, "missing: every row needs its " + name
                    + " in microseconds (" + name + "_us in the querier's rows)");
        }
        return f.microseconds();
    }

    /** A numeric agent id wins; an agent known by name gets a derived id. */
    private static long vtapId(RowFields r) {
        if (r.vtapId != RowFields.ABSENT) {
            return r.vtapId;
        }
        return r.agentName == null || r.agentName.isEmpty() ? 0 : DerivedIds.agent(r.agentName);
    }

    /**
     * The querier shows {@code trace_id} and {@code _trace_id_2} as one string {@code "a, b"}. A
     * second id already part of the first string (a querier row that carries both) is not added
     * again.
     */
    static String joinTraceIds(String first, String second) {
        if (second == null || second.isEmpty()) {
            return first;
        }
        if (first == null || first.isEmpty()) {
            return second;
        }
        if (Flow.splitTraceIds(first).contains(second.strip())) {
            return first;
        }
        return first + ", " + second;
    }

    private static Map<String, String> attributes(RowFields r) throws DecodeException {
        List<String> names = r.attributeNames;
        List<String> values = r.attributeValues;
        if (names == null && values == null) {
            return r.attribute;
        }
        int n = names == null ? 0 : names.size();
        int m = values == null ? 0 : values.size();
        if (n != m) {
            throw new DecodeException("attribute_values", m + " values for " + n
                    + " attribute_names (the two arrays are parallel)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(names.get(i), values.get(i));
        }
        if (r.attribute != null) {
            out.putAll(r.attribute);
        }
        return out;
    }
}
