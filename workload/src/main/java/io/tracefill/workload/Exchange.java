package io.tracefill.workload;

/**
 * What every observation point of one request and its response agrees on: the protocol fields,
 * the connection (ports, tcp seqs) and the headers on the wire. DeepFlow's agents read the same
 * bytes wherever they capture them, so all rows of the exchange carry these values.
 *
 * @param traceId     from {@code traceparent} on the wire, or ""
 * @param spanId      the {@code traceparent} parent-id field (the sender's span), or ""
 * @param xRequestId0 X-Request-ID in the request headers, or ""
 * @param xRequestId1 X-Request-ID in the response headers, or ""
 * @param proxyClient the client address from X-Forwarded-For, or ""
 * @param requestId   HTTP/2 stream id or DNS transaction id, or null
 * @param responseCode null where the protocol has none
 */
record Exchange(
        Proto proto,
        Party client,
        Party server,
        int clientPort,
        int serverPort,
        long reqSeq,
        long respSeq,
        long clientCapSeq,
        long serverCapSeq,
        String traceId,
        String spanId,
        String xRequestId0,
        String xRequestId1,
        String proxyClient,
        Long requestId,
        Request request,
        Integer responseCode,
        int responseStatus,
        String responseException,
        String responseResult) {
}
