package io.tracefill.tracing.search;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.AssociationQuery;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;
import io.tracefill.tracing.relation.SearchGate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One search (spec §4.3) as a resumable state machine: it says which query it waits for,
 * takes the rows that answer it, and moves on, until done. {@link FlowSearch} answers from a
 * {@code FlowIndex} in a loop; the stream answers through probe topics, round by round, with the
 * very same decisions.
 */
public final class SearchRun {
    private enum Phase { ROUND_START, AFTER_TRACE_IDS, AWAIT_TRACE_IDS, AWAIT_ASSOCIATION, DONE }

    private final SearchRequest request;
    private final TracingConfig config;
    private final Map<String, Flow> found = new LinkedHashMap<>();
    private final Set<String> allowed = new LinkedHashSet<>();
    private final Set<String> visited = new HashSet<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private final Set<Long> seenReqSeq = new HashSet<>();
    private final Set<Long> seenRespSeq = new HashSet<>();
    private final Set<Long> seenSyscall = new HashSet<>();
    private final Set<String> seenXRequestId = new HashSet<>();
    private final Set<Long> seenDns = new HashSet<>();
    private final SearchGate gate;
    private final int maxIteration;
    private final TimeWindow traceWindow;
    private CorrelationKeys build;
    private TimeWindow assocWindow;
    private boolean hitLimit;
    private int round;
    private int rounds;
    private Phase phase = Phase.ROUND_START;
    private SearchQuery awaited;

    public SearchRun(SearchRequest request, TracingConfig config) {
        this.request = request;
        this.config = config;
        this.gate = new SearchGate(config);
        Flow entry = request.entry();
        found.put(entry.id(), entry);
        gate.addFound(List.of(entry));
        build = CorrelationKeys.of(List.of(entry));
        if (request.requestTraceId() != null && !request.requestTraceId().isEmpty()) {
            allowAndQueue(request.requestTraceId());
        } else {
            for (String t : FlowSearch.splitInOrder(entry.traceId())) {
                allowAndQueue(t);
            }
        }
        for (String t : request.extraAllowed()) {
            if (!t.isEmpty()) {
                allowAndQueue(t);
            }
        }
        maxIteration = Math.max(1, config.maxIteration());
        traceWindow = request.window().widen(config.iterationExpandTimeRangeS());
        assocWindow = request.window();
        advance();
    }

    /** The query this search waits for; empty once it is done. */
    public Optional<SearchQuery> awaiting() {
        return Optional.ofNullable(awaited);
    }

    public boolean done() {
        return phase == Phase.DONE;
    }

    /** Answers the awaited query with rows in {@code FlowOrder}, cut at its limit. */
    public void answer(List<Flow> rows) {
        if (awaited == null) {
            throw new IllegalStateException("the search awaits no query");
        }
        if (rows.size() >= config.l7TracingLimit()) {
            hitLimit = true;
        }
        SearchQuery query = awaited;
        awaited = null;
        if (query instanceof SearchQuery.ByTraceIds byTraceIds) {
            acceptTraceIdRows(byTraceIds, rows);
            phase = Phase.AFTER_TRACE_IDS;
        } else {
            acceptAssociatedRows(rows);
        }
        advance();
    }

    public SearchResult result() {
        return new SearchResult(new ArrayList<>(found.values()), rounds, hitLimit);
    }

    /** Moves to the next query, or to the end. */
    private void advance() {
        while (true) {
            if (phase == Phase.ROUND_START) {
                if (round >= maxIteration) {
                    phase = Phase.DONE;
                    return;
                }
                rounds++;
                if (!pending.isEmpty() && config.uses(TracingSource.TRACE_ID)) {
                    awaited = new SearchQuery.ByTraceIds(List.copyOf(pending), traceWindow, request.otelOnly(),
                            config.l7TracingLimit());
                    phase = Phase.AWAIT_TRACE_IDS;
                    return;
                }
                phase = Phase.AFTER_TRACE_IDS;
            }
            if (phase == Phase.AFTER_TRACE_IDS) {
                if (request.otelOnly()) {
                    phase = Phase.DONE;
                    return;
                }
                AssociationQuery query = nextAssociationQuery();
                if (query.isEmpty()) {
                    if (pending.isEmpty()) {
                        phase = Phase.DONE;
                        return;
                    }
                    nextRound();
                    continue;
                }
                awaited = new SearchQuery.ByAssociation(query, assocWindow, config.l7TracingLimit());
                phase = Phase.AWAIT_ASSOCIATION;
                return;
            }
            return; // awaiting an answer, or done
        }
    }

    private void nextRound() {
        round++;
        phase = Phase.ROUND_START;
    }

    private void allowAndQueue(String traceId) {
        allowed.add(traceId);
        pending.add(traceId);
    }

    /** Round part (a): rows of the queried trace ids; multi-id rows queue their ids. */
    private void acceptTraceIdRows(SearchQuery.ByTraceIds query, List<Flow> rows) {
        visited.addAll(query.traceIds());
        query.traceIds().forEach(pending::remove);
        List<Flow> kept = new ArrayList<>();
        for (Flow q : rows) {
            if (found.containsKey(q.id())) {
                continue;
            }
            List<String> ids = FlowSearch.splitInOrder(q.traceId());
            if (ids.size() > 1) {
                for (String t : ids) {
                    if (!visited.contains(t)) {
                        allowAndQueue(t);
                    }
                }
            } else if (ids.size() == 1) {
                if (!allowed.contains(ids.get(0))) {
                    continue; // an index false positive, or another trace
                }
            } else {
                continue;
            }
            kept.add(q);
        }
        addFound(kept);
        if (config.iterationExpandTimeRangeS() > 0 && !kept.isEmpty()) {
            long minS = Long.MAX_VALUE;
            long maxS = Long.MIN_VALUE;
            for (Flow f : kept) {
                minS = Math.min(minS, Math.floorDiv(f.startTimeUs(), 1_000_000L));
                maxS = Math.max(maxS, Math.floorDiv(f.endTimeUs(), 1_000_000L));
            }
            assocWindow = assocWindow.cover(minS, maxS);
        }
        build.add(kept);
    }

    /** Round parts (c) and (d): the trace-id gate, then the relation gate. */
    private void acceptAssociatedRows(List<Flow> rows) {
        if (rows.isEmpty()) {
            phase = Phase.DONE;
            return;
        }
        List<Flow> kept = gate.keepRelated(traceIdGate(rows));
        if (!kept.isEmpty()) {
            addFound(kept);
            build = CorrelationKeys.of(kept);
            nextRound();
        } else if (pending.isEmpty()) {
            phase = Phase.DONE;
        } else {
            nextRound();
        }
    }

    /** Round part (b): the keys not queried yet, per enabled source. */
    private AssociationQuery nextAssociationQuery() {
        Set<Long> req = new LinkedHashSet<>();
        Set<Long> resp = new LinkedHashSet<>();
        Set<Long> syscall = new LinkedHashSet<>();
        Set<String> xreq = new LinkedHashSet<>();
        Set<Long> dns = new LinkedHashSet<>();
        if (config.uses(TracingSource.TCP_SEQ)) {
            takeNew(build.reqTcpSeqs, seenReqSeq, req);
            takeNew(build.respTcpSeqs, seenRespSeq, resp);
        }
        if (config.uses(TracingSource.SYSCALL)) {
            takeNew(build.syscallTraceIds, seenSyscall, syscall);
        }
        if (config.uses(TracingSource.X_REQUEST_ID)) {
            for (String x : build.xRequestIds) {
                if (!x.isEmpty() && seenXRequestId.add(x)) {
                    xreq.add(x);
                }
            }
        }
        if (config.uses(TracingSource.DNS)) {
            takeNew(build.dnsRequestIds, seenDns, dns);
        }
        return new AssociationQuery(req, resp, syscall, xreq, dns);
    }

    private static void takeNew(List<Long> candidates, Set<Long> seen, Set<Long> out) {
        for (Long v : candidates) {
            if (v != null && v != 0 && seen.add(v)) {
                out.add(v);
            }
        }
    }

    /**
     * Round part (c): drop rows already found, and rows of a trace id not allowed. With no
     * allowed id yet, the first id met (in row order) becomes the allowed one.
     */
    private List<Flow> traceIdGate(List<Flow> candidates) {
        List<Flow> out = new ArrayList<>();
        for (Flow q : candidates) {
            if (found.containsKey(q.id())) {
                continue;
            }
            boolean drop = false;
            for (String t : FlowSearch.splitInOrder(q.traceId())) {
                if (!allowed.contains(t)) {
                    if (allowed.isEmpty() || config.allowMultipleTraceIds()) {
                        allowAndQueue(t);
                    } else {
                        drop = true;
                    }
                }
            }
            if (!drop) {
                out.add(q);
            }
        }
        return out;
    }

    private void addFound(List<Flow> flows) {
        List<Flow> added = new ArrayList<>(flows.size());
        for (Flow f : flows) {
            if (found.putIfAbsent(f.id(), f) == null) {
                added.add(f);
            }
        }
        gate.addFound(added);
    }
}
