package io.tracefill.topology.query;

import io.tracefill.serdes.model.Flow;
import io.tracefill.topology.stream.StoreNames;
import io.tracefill.topology.stream.assembly.AnswerMerger;
import io.tracefill.topology.stream.index.CorrelationIndex;
import io.tracefill.topology.stream.index.FlowIdKey;
import io.tracefill.tracing.AssociationQuery;
import io.tracefill.tracing.CorrelationKey;
import io.tracefill.tracing.FlowIndex;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.search.SearchQuery;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The correlation index of every running instance as one {@link FlowIndex}, for one API call.
 * A query is answered as the stream's assembly answers it: one lookup per correlation key it
 * names, each on the partition that owns the key (here or on another instance, one request per
 * instance and query), merged by {@link AnswerMerger}. So the engine computes over the same
 * rows, in the same order, as {@code ./tracefill complete} over a file of them. Any key that
 * cannot be read now fails the whole call ({@link StateUnavailableException}).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class ClusterFlowIndex implements FlowIndex {
    private final Owners owners;
    private final LocalStores local;
    private final PeerClient peers;
    private final Deadline deadline;
    private int cutKeys;

    public ClusterFlowIndex(Owners owners, LocalStores local, PeerClient peers, Deadline deadline) {
        this.owners = owners;
        this.local = local;
        this.peers = peers;
        this.deadline = deadline;
    }

    /** Looked-up keys whose flows the index had cut at {@code tracefill.bounds.flows-per-key}. */
    public int cutKeys() {
        return cutKeys;
    }

    @Override
    public List<Flow> answer(SearchQuery query) {
        List<String> keys = new ArrayList<>();
        for (CorrelationKey k : CorrelationKey.of(query)) {
            keys.add(k.text());
        }
        boolean otelOnly = query instanceof SearchQuery.ByTraceIds t && t.otelOnly();
        List<List<Flow>> perKey = new ArrayList<>();
        for (CorrelationIndex.Lookup l : lookup(keys, query.window(), otelOnly, query.limit())) {
            perKey.add(l.flows());
            if (l.cut()) {
                cutKeys++;
            }
        }
        return AnswerMerger.merge(query, perKey);
    }

    @Override
    public Optional<Flow> findById(String id) {
        List<CorrelationIndex.Lookup> found = lookup(List.of(FlowIdKey.of(id)), TimeWindow.ALL, false, 1);
        return found.get(0).flows().stream().findFirst();
    }

    @Override
    public Optional<Flow> findFirstByTraceId(String traceId, TimeWindow window) {
        return answer(new SearchQuery.ByTraceIds(List.of(traceId), window, false, 1)).stream().findFirst();
    }

    @Override
    public List<Flow> findByTraceIds(Collection<String> traceIds, TimeWindow window, boolean otelOnly, int limit) {
        return answer(new SearchQuery.ByTraceIds(List.copyOf(traceIds), window, otelOnly, limit));
    }

    @Override
    public List<Flow> findAssociated(AssociationQuery query, TimeWindow window, int limit) {
        return answer(new SearchQuery.ByAssociation(query, window, limit));
    }

    /** Each key's lookup, in the order of {@code keys}: local partitions read here, the rest asked of their owners. */
    private List<CorrelationIndex.Lookup> lookup(List<String> keys, TimeWindow window, boolean otelOnly, int limit) {
        deadline.check();
        // positions in keys, and the keys, of each owner (this instance is the null host)
        Map<HostInfo, List<Integer>> at = new LinkedHashMap<>();
        Map<HostInfo, List<PeerProtocol.KeyAt>> byOwner = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Owner o = owners.of(StoreNames.INDEX_FLOWS, keys.get(i));
            HostInfo host = o.local() ? null : o.host();
            at.computeIfAbsent(host, h -> new ArrayList<>()).add(i);
            byOwner.computeIfAbsent(host, h -> new ArrayList<>()).add(new PeerProtocol.KeyAt(o.partition(), keys.get(i)));
        }
        CorrelationIndex.Lookup[] out = new CorrelationIndex.Lookup[keys.size()];
        for (var e : byOwner.entrySet()) {
            List<CorrelationIndex.Lookup> found = e.getKey() == null
                    ? local.lookups(e.getValue(), window, otelOnly, limit)
                    : peers.lookups(e.getKey(), new PeerProtocol.LookupBatch(window, otelOnly, limit, e.getValue()),
                    deadline);
            List<Integer> positions = at.get(e.getKey());
            for (int j = 0; j < positions.size(); j++) {
                out[positions.get(j)] = found.get(j);
            }
        }
        return List.of(out);
    }
}
