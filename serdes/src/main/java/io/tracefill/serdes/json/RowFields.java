package io.tracefill.serdes.json;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code l7_flow_log} record says, as read, in either of its forms (the querier's
 * row or the exporter's JSON). Null strings and {@code -1} numbers mark what the record did not
 * carry; {@link FlowAssembler} turns this into a {@code Flow}.
 */
final class RowFields {
    static final int ABSENT = SideFields.ABSENT;

    String id;
    TimeField startTimeUs;
    TimeField endTimeUs;
    TimeField startTime;
    TimeField endTime;

    int signalSource;
    String tapSide;
    String observationPoint;
    int type;
    int l7Protocol;
    String l7ProtocolStr;
    String bizProtocol;
    int protocol;
    String version;
    long responseDuration;

    long vtapId = ABSENT;
    String agentName;
    long flowId;
    long reqTcpSeq;
    long respTcpSeq;
    long syscallTraceIdRequest;
    long syscallTraceIdResponse;
    long syscallCapSeq0;
    long syscallCapSeq1;

    String traceId;
    String traceId2;
    String spanId;
    String parentSpanId;
    String xRequestId0;
    String xRequestId1;
    Long requestId;

    String appService;
    String appInstance;
    int isAsync;
    int isTls;
    int isIpv4 = ABSENT;
    int serverPort;
    String endpoint;
    String endPoint;
    String requestType;
    String requestDomain;
    String requestResource;
    Integer responseCode;
    String responseException;
    String responseResult;
    String httpProxyClient;
    int responseStatus;
    String bizResponseCode;

    final SideFields client = new SideFields();
    final SideFields server = new SideFields();

    long tapPort;
    String tapPortName;
    int tapPortType;
    long tapId;
    String tap;
    String resourceFromVtap;
    String querierRegion;
    String tapSideEnum;
    String l7ProtocolEnum;

    Map<String, String> attribute;
    List<String> attributeNames;
    List<String> attributeValues;
}
