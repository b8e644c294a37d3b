package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.L7Protocol;

import java.util.Set;

/**
 * One association query of the search (spec §4.3 b): rows whose request tcp seq, response tcp
 * seq, either syscall trace id, either x-request-id or (DNS rows only) request id is among the
 * given values. Empty sets match nothing. Zero and empty values are dropped: DeepFlow never
 * queries them, and no index files rows under them ({@link CorrelationKey}).
 */
public record AssociationQuery(
        Set<Long> reqTcpSeqs,
        Set<Long> respTcpSeqs,
        Set<Long> syscallTraceIds,
        Set<String> xRequestIds,
        Set<Long> dnsRequestIds) {

    public AssociationQuery {
        reqTcpSeqs = nonZero(reqTcpSeqs);
        respTcpSeqs = nonZero(respTcpSeqs);
        syscallTraceIds = nonZero(syscallTraceIds);
        dnsRequestIds = nonZero(dnsRequestIds);
        xRequestIds = xRequestIds.stream().filter(x -> x != null && !x.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static Set<Long> nonZero(Set<Long> values) {
        return values.stream().filter(v -> v != null && v != 0).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public boolean isEmpty() {
        return reqTcpSeqs.isEmpty() && respTcpSeqs.isEmpty() && syscallTraceIds.isEmpty()
                && xRequestIds.isEmpty() && dnsRequestIds.isEmpty();
    }

    /** The query's WHERE clause, evaluated on one row. */
    public boolean matches(Flow f) {
        return reqTcpSeqs.contains(f.reqTcpSeq())
                || respTcpSeqs.contains(f.respTcpSeq())
                || syscallTraceIds.contains(f.syscallTraceIdRequest())
                || syscallTraceIds.contains(f.syscallTraceIdResponse())
                || xRequestIds.contains(f.xRequestId0())
                || xRequestIds.contains(f.xRequestId1())
                || f.l7Protocol() == L7Protocol.DNS && f.requestId() != null
                && dnsRequestIds.contains(f.requestId());
    }
}
