package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.tracing.search.SearchQuery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A value a search query looks rows up by (spec §4.3): a trace id, a request or response tcp
 * seq, a syscall trace id (either column), an x-request-id (either column), or the request id of
 * a DNS row. A row is filed under every key it can be found by; a query probes every key it
 * names. Any index — in memory or the stream's, partitioned by key — answers a query as the
 * union of its keys' rows.
 */
public record CorrelationKey(Kind kind, String value) {

    public enum Kind {
        TRACE_ID('t'), REQ_TCP_SEQ('q'), RESP_TCP_SEQ('r'), SYSCALL('s'), X_REQUEST_ID('x'), DNS_REQUEST_ID('d');

        private final char tag;

        Kind(char tag) {
            this.tag = tag;
        }

        /** One character naming the kind in a serialized key. */
        public char tag() {
            return tag;
        }

        public static Kind ofTag(char tag) {
            for (Kind k : values()) {
                if (k.tag == tag) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no correlation key kind '" + tag + "'");
        }
    }

    /** Text form {@code <tag>:<value>}, e.g. {@code q:2093847561}; the unit of partitioning in the stream. */
    public String text() {
        return kind.tag() + ":" + value;
    }

    public static CorrelationKey parse(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("not a correlation key: " + text);
        }
        return new CorrelationKey(Kind.ofTag(text.charAt(0)), text.substring(2));
    }

    /** Every key a row can be found by, each once. Zero seqs and ids, empty strings are never keys. */
    public static List<CorrelationKey> of(Flow f) {
        Set<CorrelationKey> keys = new LinkedHashSet<>();
        for (String t : f.traceIds()) {
            keys.add(new CorrelationKey(Kind.TRACE_ID, t));
        }
        if (f.reqTcpSeq() != 0) {
            keys.add(new CorrelationKey(Kind.REQ_TCP_SEQ, Long.toString(f.reqTcpSeq())));
        }
        if (f.respTcpSeq() != 0) {
            keys.add(new CorrelationKey(Kind.RESP_TCP_SEQ, Long.toString(f.respTcpSeq())));
        }
        if (f.syscallTraceIdRequest() != 0) {
            keys.add(new CorrelationKey(Kind.SYSCALL, Long.toUnsignedString(f.syscallTraceIdRequest())));
        }
        if (f.syscallTraceIdResponse() != 0) {
            keys.add(new CorrelationKey(Kind.SYSCALL, Long.toUnsignedString(f.syscallTraceIdResponse())));
        }
        if (!f.xRequestId0().isEmpty()) {
            keys.add(new CorrelationKey(Kind.X_REQUEST_ID, f.xRequestId0()));
        }
        if (!f.xRequestId1().isEmpty()) {
            keys.add(new CorrelationKey(Kind.X_REQUEST_ID, f.xRequestId1()));
        }
        if (f.l7Protocol() == L7Protocol.DNS && f.requestId() != null && f.requestId() != 0) {
            keys.add(new CorrelationKey(Kind.DNS_REQUEST_ID, Long.toUnsignedString(f.requestId())));
        }
        return new ArrayList<>(keys);
    }

    /** Every key a query probes. */
    public static List<CorrelationKey> of(SearchQuery query) {
        List<CorrelationKey> keys = new ArrayList<>();
        if (query instanceof SearchQuery.ByTraceIds q) {
            for (String t : q.traceIds()) {
                keys.add(new CorrelationKey(Kind.TRACE_ID, t));
            }
            return keys;
        }
        AssociationQuery a = ((SearchQuery.ByAssociation) query).query();
        a.reqTcpSeqs().stream().sorted().forEach(v -> keys.add(new CorrelationKey(Kind.REQ_TCP_SEQ, Long.toString(v))));
        a.respTcpSeqs().stream().sorted().forEach(v -> keys.add(new CorrelationKey(Kind.RESP_TCP_SEQ, Long.toString(v))));
        a.syscallTraceIds().stream().sorted(Long::compareUnsigned)
                .forEach(v -> keys.add(new CorrelationKey(Kind.SYSCALL, Long.toUnsignedString(v))));
        a.xRequestIds().stream().sorted().forEach(v -> keys.add(new CorrelationKey(Kind.X_REQUEST_ID, v)));
        a.dnsRequestIds().stream().sorted(Long::compareUnsigned)
                .forEach(v -> keys.add(new CorrelationKey(Kind.DNS_REQUEST_ID, Long.toUnsignedString(v))));
        return keys;
    }
}
