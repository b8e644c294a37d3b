package io.tracefill.serdes.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One {@code l7_flow_log} row (a request, a response or a session), or an application span
 * turned into such a row. Field names follow DeepFlow's querier columns (spec §2.2) in camel
 * case; {@code tapSide} is the observation point and {@code vtapId} the capturing agent.
 *
 * <p>Absent values follow DeepFlow: {@code 0} or {@code ""}. The two nullable columns of the
 * reference ({@code request_id}, {@code response_code}) are boxed and may be {@code null}.
 *
 * @param id                 the row's {@code _id} as text (decimal for DeepFlow rows)
 * @param traceId            raw trace id column; several ids are joined by {@code ","}
 * @param syscallTraceIdRequest unsigned 64-bit, stored in a signed long
 * @param resourceFromVtap   already resolved for output: the 3rd element of DeepFlow's tuple, or null
 * @param attributes         native attributes ({@code attribute_names}/{@code attribute_values}); may be empty
 */
public record Flow(
        String id,
        int signalSource,
        String tapSide,
        int type,
        int l7Protocol,
        String l7ProtocolStr,
        int protocol,
        String version,
        long startTimeUs,
        long endTimeUs,
        long responseDuration,
        long vtapId,
        long flowId,
        long reqTcpSeq,
        long respTcpSeq,
        long syscallTraceIdRequest,
        long syscallTraceIdResponse,
        long syscallCapSeq0,
        long syscallCapSeq1,
        String traceId,
        String spanId,
        String parentSpanId,
        String xRequestId0,
        String xRequestId1,
        Long requestId,
        String appService,
        String appInstance,
        int isAsync,
        int isTls,
        int serverPort,
        String endpoint,
        String requestType,
        String requestDomain,
        String requestResource,
        Integer responseCode,
        String responseException,
        String responseResult,
        String httpProxyClient,
        int responseStatus,
        String bizResponseCode,
        FlowSide client,
        FlowSide server,
        long tapPort,
        String tapPortName,
        int tapPortType,
        long tapId,
        String tap,
        String resourceFromVtap,
        String querierRegion,
        String tapSideEnum,
        String l7ProtocolEnum,
        Map<String, String> attributes) {

    public Flow {
        id = Values.orEmpty(id);
        tapSide = Values.orEmpty(tapSide);
        l7ProtocolStr = Values.orEmpty(l7ProtocolStr);
        version = Values.orEmpty(version);
        traceId = Values.orEmpty(traceId);
        spanId = Values.orEmpty(spanId);
        parentSpanId = Values.orEmpty(parentSpanId);
        xRequestId0 = Values.orEmpty(xRequestId0);
        xRequestId1 = Values.orEmpty(xRequestId1);
        appService = Values.orEmpty(appService);
        appInstance = Values.orEmpty(appInstance);
        endpoint = Values.orEmpty(endpoint);
        requestType = Values.orEmpty(requestType);
        requestDomain = Values.orEmpty(requestDomain);
        requestResource = Values.orEmpty(requestResource);
        responseException = Values.orEmpty(responseException);
        responseResult = Values.orEmpty(responseResult);
        httpProxyClient = Values.orEmpty(httpProxyClient);
        bizResponseCode = Values.orEmpty(bizResponseCode);
        client = client == null ? FlowSide.EMPTY : client;
        server = server == null ? FlowSide.EMPTY : server;
        tapPortName = Values.orEmpty(tapPortName);
        tap = Values.orEmpty(tap);
        querierRegion = Values.orEmpty(querierRegion);
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
    }

    /**
     * The trace ids of {@link #traceId}: split on {@code ","}, trimmed, empty parts dropped,
     * sorted (spec §2.4).
     */
    public List<String> traceIds() {
        return splitTraceIds(traceId);
    }

    public static List<String> splitTraceIds(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.indexOf(',') < 0) {
            String t = raw.strip();
            return t.isEmpty() ? List.of() : List.of(t);
        }
        List<String> ids = new ArrayList<>();
        for (String part : raw.split(",")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                ids.add(t);
            }
        }
        Collections.sort(ids);
        return List.copyOf(ids);
    }

    /** The side a tap_side reads its own resource from: {@code _0} for client-side points. */
    public FlowSide side(int direction) {
        return direction == 0 ? client : server;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder used by decoders, the completion API and tests. */
    public static final class Builder {
        private String id = "";
        private int signalSource;
        private String tapSide = "";
        private int type;
        private int l7Protocol;
        private String l7ProtocolStr = "";
        private int protocol;
        private String version = "";
        private long startTimeUs;
        private long endTimeUs;
        private long responseDuration;
        private long vtapId;
        private long flowId;
        private long reqTcpSeq;
        private long respTcpSeq;
        private long syscallTraceIdRequest;
        private long syscallTraceIdResponse;
        private long syscallCapSeq0;
        private long syscallCapSeq1;
        private String traceId = "";
        private String spanId = "";
        private String parentSpanId = "";
        private String xRequestId0 = "";
        private String xRequestId1 = "";
        private Long requestId;
        private String appService = "";
        private String appInstance = "";
        private int isAsync;
        private int isTls;
        private int serverPort;
        private String endpoint = "";
        private String requestType = "";
        private String requestDomain = "";
        private String requestResource = "";
        private Integer responseCode;
        private String responseException = "";
        private String responseResult = "";
        private String httpProxyClient = "";
        private int responseStatus;
        private String bizResponseCode = "";
        private FlowSide client = FlowSide.EMPTY;
        private FlowSide server = FlowSide.EMPTY;
        private long tapPort;
        private String tapPortName = "";
        private int tapPortType;
        private long tapId;
        private String tap = "";
        private String resourceFromVtap;
        private String querierRegion = "";
        private String tapSideEnum;
        private String l7ProtocolEnum;
        private Map<String, String> attributes = Map.of();

        private Builder() {
        }

        private Builder(Flow f) {
            id = f.id;
            signalSource = f.signalSource;
            tapSide = f.tapSide;
            type = f.type;
            l7Protocol = f.l7Protocol;
            l7ProtocolStr = f.l7ProtocolStr;
            protocol = f.protocol;
            version = f.version;
            startTimeUs = f.startTimeUs;
            endTimeUs = f.endTimeUs;
            responseDuration = f.responseDuration;
            vtapId = f.vtapId;
            flowId = f.flowId;
            reqTcpSeq = f.reqTcpSeq;
            respTcpSeq = f.respTcpSeq;
            syscallTraceIdRequest = f.syscallTraceIdRequest;
            syscallTraceIdResponse = f.syscallTraceIdResponse;
            syscallCapSeq0 = f.syscallCapSeq0;
            syscallCapSeq1 = f.syscallCapSeq1;
            traceId = f.traceId;
            spanId = f.spanId;
            parentSpanId = f.parentSpanId;
            xRequestId0 = f.xRequestId0;
            xRequestId1 = f.xRequestId1;
            requestId = f.requestId;
            appService = f.appService;
            appInstance = f.appInstance;
            isAsync = f.isAsync;
            isTls = f.isTls;
            serverPort = f.serverPort;
            endpoint = f.endpoint;
            requestType = f.requestType;
            requestDomain = f.requestDomain;
            requestResource = f.requestResource;
            responseCode = f.responseCode;
            responseException = f.responseException;
            responseResult = f.responseResult;
            httpProxyClient = f.httpProxyClient;
            responseStatus = f.responseStatus;
            bizResponseCode = f.bizResponseCode;
            client = f.client;
            server = f.server;
            tapPort = f.tapPort;
            tapPortName = f.tapPortName;
            tapPortType = f.tapPortType;
            tapId = f.tapId;
            tap = f.tap;
            resourceFromVtap = f.resourceFromVtap;
            querierRegion = f.querierRegion;
            tapSideEnum = f.tapSideEnum;
            l7ProtocolEnum = f.l7ProtocolEnum;
            attributes = f.attributes;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder signalSource(int v) { signalSource = v; return this; }
        public Builder tapSide(String v) { tapSide = v; return this; }
        public Builder type(int v) { type = v; return this; }
        public Builder l7Protocol(int v) { l7Protocol = v; return this; }
        public Builder l7ProtocolStr(String v) { l7ProtocolStr = v; return this; }
        public Builder protocol(int v) { protocol = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder startTimeUs(long v) { startTimeUs = v; return this; }
        public Builder endTimeUs(long v) { endTimeUs = v; return this; }
        public Builder responseDuration(long v) { responseDuration = v; return this; }
        public Builder vtapId(long v) { vtapId = v; return this; }
        public Builder flowId(long v) { flowId = v; return this; }
        public Builder reqTcpSeq(long v) { reqTcpSeq = v; return this; }
        public Builder respTcpSeq(long v) { respTcpSeq = v; return this; }
        public Builder syscallTraceIdRequest(long v) { syscallTraceIdRequest = v; return this; }
        public Builder syscallTraceIdResponse(long v) { syscallTraceIdResponse = v; return this; }
        public Builder syscallCapSeq0(long v) { syscallCapSeq0 = v; return this; }
        public Builder syscallCapSeq1(long v) { syscallCapSeq1 = v; return this; }
        public Builder traceId(String v) { traceId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder parentSpanId(String v) { parentSpanId = v; return this; }
        public Builder xRequestId0(String v) { xRequestId0 = v; return this; }
        public Builder xRequestId1(String v) { xRequestId1 = v; return this; }
        public Builder requestId(Long v) { requestId = v; return this; }
        public Builder appService(String v) { appService = v; return this; }
        public Builder appInstance(String v) { appInstance = v; return this; }
        public Builder isAsync(int v) { isAsync = v; return this; }
        public Builder isTls(int v) { isTls = v; return this; }
        public Builder serverPort(int v) { serverPort = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder requestType(String v) { requestType = v; return this; }
        public Builder requestDomain(String v) { requestDomain = v; return this; }
        public Builder requestResource(String v) { requestResource = v; return this; }
        public Builder responseCode(Integer v) { responseCode = v; return this; }
        public Builder responseException(String v) { responseException = v; return this; }
        public Builder responseResult(String v) { responseResult = v; return this; }
        public Builder httpProxyClient(String v) { httpProxyClient = v; return this; }
        public Builder responseStatus(int v) { responseStatus = v; return this; }
        public Builder bizResponseCode(String v) { bizResponseCode = v; return this; }
        public Builder client(FlowSide v) { client = v; return this; }
        public Builder server(FlowSide v) { server = v; return this; }
        public Builder tapPort(long v) { tapPort = v; return this; }
        public Builder tapPortName(String v) { tapPortName = v; return this; }
        public Builder tapPortType(int v) { tapPortType = v; return this; }
        public Builder tapId(long v) { tapId = v; return this; }
        public Builder tap(String v) { tap = v; return this; }
        public Builder resourceFromVtap(String v) { resourceFromVtap = v; return this; }
        public Builder querierRegion(String v) { querierRegion = v; return this; }
        public Builder tapSideEnum(String v) { tapSideEnum = v; return this; }
        public Builder l7ProtocolEnum(String v) { l7ProtocolEnum = v; return this; }
        public Builder attributes(Map<String, String> v) { attributes = v; return this; }

        public FlowSide client() { return client; }
        public FlowSide server() { return server; }

        public Flow build() {
            return new Flow(id, signalSource, tapSide, type, l7Protocol, l7ProtocolStr, protocol, version,
                    startTimeUs, endTimeUs, responseDuration, vtapId, flowId, reqTcpSeq, respTcpSeq,
                    syscallTraceIdRequest, syscallTraceIdResponse, syscallCapSeq0, syscallCapSeq1, traceId,
                    spanId, parentSpanId, xRequestId0, xRequestId1, requestId, appService, appInstance,
                    isAsync, isTls, serverPort, endpoint, requestType, requestDomain, requestResource,
                    responseCode, responseException, responseResult, httpProxyClient, responseStatus,
                    bizResponseCode, client, server, tapPort, tapPortName, tapPortType, tapId, tap,
                    resourceFromVtap, querierRegion, tapSideEnum, l7ProtocolEnum, attributes);
        }
    }
}
