package io.tracefill.tracing.gen;

import io.tracefill.tracing.gen.CallPlan.Protocol;

/**
 * What every observation of one call agrees on: the protocol fields, the tcp seqs of the
 * connection, and the trace context the request carried on the wire. Built once per call so
 * that all observation points report identical values, as DeepFlow's do for one request.
 *
 * @param traceId   from the {@code traceparent} header, or "" when the request had none
 * @param spanId    the {@code traceparent} parent-id field: the caller's c-app span id
 * @param xRequestId0 X-Request-ID of the request
 * @param xRequestId1 X-Request-ID of the response
 * @param requestId HTTP/2 stream id, DNS transaction id, or null
 */
record CallHeaders(
        Protocol protocol,
        int l4Protocol,
        long reqTcpSeq,
        long respTcpSeq,
        String traceId,
        String spanId,
        String xRequestId0,
        String xRequestId1,
        Long requestId,
        String requestType,
        String requestDomain,
        String requestResource,
        String endpoint,
        Integer responseCode,
        int serverPort) {

    static final int TCP = 6;
    static final int UDP = 17;

    int l7Protocol() {
        return switch (protocol) {
            case HTTP -> 20;
            case GRPC -> 41;
            case MYSQL -> 60;
            case REDIS -> 80;
            case DNS -> 120;
        };
    }

    String l7ProtocolStr() {
        return switch (protocol) {
            case HTTP -> "HTTP";
            case GRPC -> "gRPC";
            case MYSQL -> "MySQL";
            case REDIS -> "Redis";
            case DNS -> "DNS";
        };
    }

    String version() {
        return switch (protocol) {
            case HTTP -> "1.1";
            case GRPC -> "2";
            case MYSQL -> "5.7";
            case REDIS, DNS -> "";
        };
    }

    /** HTTP/1.1, MySQL and Redis observations may be cut into a request row and a response row. */
    boolean splittable() {
        return protocol != Protocol.GRPC && protocol != Protocol.DNS;
    }
}
