package io.tracefill.tracing.sort;

import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.relation.NetworkRelation;
import io.tracefill.tracing.relation.Relation;
import io.tracefill.tracing.relation.RelationMap;
import io.tracefill.tracing.relation.TraceInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Groups network and eBPF spans into network span sets and chains each (spec §8.1, §8.3). */
final class NetworkSpanSets {
    private NetworkSpanSets() {
    }

    /**
     * @param united  network, s-p and other sys spans, sessions first (stable by type, descending)
     * @param spans   every node by record index
     * @param infos   relation views by record index
     */
    static List<NetworkSpanSet> build(List<SpanNode> united, RelationMap related, List<SpanNode> spans,
                                      List<TraceInfo> infos, TracingConfig config, LinkListener listener) {
        List<NetworkSpanSet> sets = new ArrayList<>();
        Set<Integer> grouped = new HashSet<>();
        for (SpanNode seed : united) {
            int seedIndex = seed.index();
            if (!grouped.add(seedIndex)) {
                continue;
            }
            NetworkSpanSet set = new NetworkSpanSet();
            sets.add(set);
            set.append(seed);
            // one hop from the seed, not transitive
            for (int k = 0; k < related.size(seedIndex); k++) {
                int other = related.candidate(seedIndex, k);
                int bits = related.bitsAt(seedIndex, k);
                if (grouped.contains(other)) {
                    continue;
                }
                if (Relation.has(bits, Relation.TCP_SEQ)) {
                    if (!NetworkRelation.strict(infos.get(seedIndex), infos.get(other), config)) {
                        continue;
                    }
                } else if (!Relation.has(bits, Relation.DNS_REQUEST_ID)) {
                    continue;
                }
                set.append(spans.get(other));
                grouped.add(other);
            }
        }
        for (NetworkSpanSet set : sets) {
            set.chain(config.hostClockOffsetUs(), config.networkDelayUs(), listener);
        }
        return sets;
    }
}
