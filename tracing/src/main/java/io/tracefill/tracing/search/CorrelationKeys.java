package io.tracefill.tracing.search;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.L7Protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keys harvested from flows for the next association query (the reference's {@code build_*}
 * lists): every row's seqs, x-request-ids and syscall ids (zeros included; they are filtered
 * when the query is built), and the request ids of DNS rows.
 */
final class CorrelationKeys {
    final List<Long> reqTcpSeqs = new ArrayList<>();
    final List<Long> respTcpSeqs = new ArrayList<>();
    final List<String> xRequestIds = new ArrayList<>();
    final List<Long> syscallTraceIds = new ArrayList<>();
    final List<Long> dnsRequestIds = new ArrayList<>();

    static CorrelationKeys of(Collection<Flow> flows) {
        CorrelationKeys k = new CorrelationKeys();
        k.add(flows);
        return k;
    }

    void add(Collection<Flow> flows) {
        for (Flow f : flows) {
            reqTcpSeqs.add(f.reqTcpSeq());
            respTcpSeqs.add(f.respTcpSeq());
        }
        for (Flow f : flows) {
            xRequestIds.add(f.xRequestId0());
        }
        for (Flow f : flows) {
            xRequestIds.add(f.xRequestId1());
        }
        for (Flow f : flows) {
            syscallTraceIds.add(f.syscallTraceIdRequest());
        }
        for (Flow f : flows) {
            syscallTraceIds.add(f.syscallTraceIdResponse());
        }
        for (Flow f : flows) {
            if (f.l7Protocol() == L7Protocol.DNS && f.requestId() != null) {
                dnsRequestIds.add(f.requestId());
            }
        }
    }
}
