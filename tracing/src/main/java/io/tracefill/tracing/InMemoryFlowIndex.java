package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.L7Protocol;
import io.tracefill.serdes.model.SignalSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@link FlowIndex} over rows held in memory, with one posting list per correlation key so a
 * query touches only the rows that can match. Rows with an {@code _id} seen before are ignored,
 * as the reference drops duplicate ids.
 */
public final class InMemoryFlowIndex implements FlowIndex {
    private final Map<String, Flow> byId = new LinkedHashMap<>();
    private final Map<String, List<Flow>> byTraceId = new HashMap<>();
    private final Map<Long, List<Flow>> byReqSeq = new HashMap<>();
    private final Map<Long, List<Flow>> byRespSeq = new HashMap<>();
    private final Map<Long, List<Flow>> bySyscall = new HashMap<>();
    private final Map<String, List<Flow>> byXRequestId = new HashMap<>();
    private final Map<Long, List<Flow>> byDnsRequestId = new HashMap<>();
    private final List<String> duplicateIds = new ArrayList<>();

    public InMemoryFlowIndex(Collection<Flow> flows) {
        for (Flow f : flows) {
            add(f);
        }
    }

    private void add(Flow f) {
        if (byId.putIfAbsent(f.id(), f) != null) {
            duplicateIds.add(f.id());
            return;
        }
        for (String t : f.traceIds()) {
            post(byTraceId, t, f);
        }
        post(byReqSeq, f.reqTcpSeq(), f);
        post(byRespSeq, f.respTcpSeq(), f);
        post(bySyscall, f.syscallTraceIdRequest(), f);
        if (f.syscallTraceIdResponse() != f.syscallTraceIdRequest()) {
            post(bySyscall, f.syscallTraceIdResponse(), f);
        }
        post(byXRequestId, f.xRequestId0(), f);
        if (!f.xRequestId1().equals(f.xRequestId0())) {
            post(byXRequestId, f.xRequestId1(), f);
        }
        if (f.l7Protocol() == L7Protocol.DNS && f.requestId() != null) {
            post(byDnsRequestId, f.requestId(), f);
        }
    }

    private static <K> void post(Map<K, List<Flow>> index, K key, Flow f) {
        index.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }

    public int size() {
        return byId.size();
    }

    /** Ids that occurred more than once in the input (all but the first occurrence ignored). */
    public List<String> duplicateIds() {
        return List.copyOf(duplicateIds);
    }

    public Collection<Flow> flows() {
        return byId.values();
    }

    @Override
    public Optional<Flow> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Flow> findFirstByTraceId(String traceId, TimeWindow window) {
        return byTraceId.getOrDefault(traceId, List.of()).stream()
                .filter(window::contains)
                .min(FlowOrder.BY_START_THEN_ID);
    }

    @Override
    public List<Flow> findByTraceIds(Collection<String> traceIds, TimeWindow window, boolean otelOnly, int limit) {
        Set<Flow> hits = identitySet();
        for (String t : traceIds) {
            hits.addAll(byTraceId.getOrDefault(t, List.of()));
        }
        Predicate<Flow> signal = f -> !otelOnly || f.signalSource() == SignalSource.OTEL;
        return ordered(hits, window, signal, limit);
    }

    @Override
    public List<Flow> findAssociated(AssociationQuery q, TimeWindow window, int limit) {
        Set<Flow> hits = identitySet();
        for (Long s : q.reqTcpSeqs()) {
            hits.addAll(byReqSeq.getOrDefault(s, List.of()));
        }
        for (Long s : q.respTcpSeqs()) {
            hits.addAll(byRespSeq.getOrDefault(s, List.of()));
        }
        for (Long s : q.syscallTraceIds()) {
            hits.addAll(bySyscall.getOrDefault(s, List.of()));
        }
        for (String x : q.xRequestIds()) {
            hits.addAll(byXRequestId.getOrDefault(x, List.of()));
        }
        for (Long r : q.dnsRequestIds()) {
            hits.addAll(byDnsRequestId.getOrDefault(r, List.of()));
        }
        return ordered(hits, window, q::matches, limit);
    }

    /** Rows are stored once each, so identity is the cheap and exact way to de-duplicate hits. */
    private static Set<Flow> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static List<Flow> ordered(Set<Flow> hits, TimeWindow window, Predicate<Flow> filter, int limit) {
        List<Flow> out = new ArrayList<>(hits.size());
        for (Flow f : hits) {
            if (window.contains(f) && filter.test(f)) {
                out.add(f);
            }
        }
        out.sort(FlowOrder.BY_START_THEN_ID);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
