package io.tracefill.tracing.search;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.AssociationQuery;
import io.tracefill.tracing.FlowIndex;
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
import java.util.Set;

/**
 * Stage 1 of DeepFlow's tracing: iterative expansion from an entry row over correlation keys
 * (spec §4.3). Each round queries the new trace ids, then the unseen tcp seqs, syscall ids,
 * x-request-ids and (opt-in) DNS request ids, and keeps a candidate only if it passes the
 * trace-id gate and relates strictly to a flow found so far or found in the same round.
 */
public final class FlowSearch {
    private final FlowIndex index;
    private final TracingConfig config;

    public FlowSearch(FlowIndex index, TracingConfig config) {
        this.index = index;
        this.config = config;
    }

    public SearchResult search(SearchRequest request) {
        return new Run(request).execute();
    }

    /** State of one search (spec §4.2). */
    private final class Run {
        private final SearchRequest request;
        private final Map<String, Flow> found = new LinkedHashMap<>();
        private final Set<String> allowed = new LinkedHashSet<>();
        private final Set<String> visited = new HashSet<>();
        private final Set<String> pending = new LinkedHashSet<>();
        private final Set<Long> seenReqSeq = new HashSet<>();
        private final Set<Long> seenRespSeq = new HashSet<>();
        private final Set<Long> seenSyscall = new HashSet<>();
        private final Set<String> seenXRequestId = new HashSet<>();
        private final Set<Long> seenDns = new HashSet<>();
        private final SearchGate gate = new SearchGate(config);
        private CorrelationKeys build;
        private TimeWindow assocWindow;
        private boolean hitLimit;

        Run(SearchRequest request) {
            this.request = request;
        }

        SearchResult execute() {
            Flow entry = request.entry();
            found.put(entry.id(), entry);
            gate.addFound(List.of(entry));
            build = CorrelationKeys.of(List.of(entry));
            if (request.requestTraceId() != null && !request.requestTraceId().isEmpty()) {
                allowAndQueue(request.requestTraceId());
            } else {
                for (String t : splitInOrder(entry.traceId())) {
                    allowAndQueue(t);
                }
            }
            for (String t : request.extraAllowed()) {
                if (!t.isEmpty()) {
                    allowAndQueue(t);
                }
            }
            int maxIteration = Math.max(1, config.maxIteration());
            TimeWindow traceWindow = request.window().widen(config.iterationExpandTimeRangeS());
            assocWindow = request.window();
            int rounds = 0;
            for (int round = 0; round < maxIteration; round++) {
                rounds++;
                if (!pending.isEmpty() && config.uses(TracingSource.TRACE_ID)) {
                    expandByTraceIds(traceWindow);
                }
                if (request.otelOnly()) {
                    break;
                }
                AssociationQuery query = nextAssociationQuery();
                if (query.isEmpty()) {
                    if (pending.isEmpty()) {
                        break;
                    }
                    continue;
                }
                List<Flow> candidates = index.findAssociated(query, assocWindow, config.l7TracingLimit());
                noteLimit(candidates);
                if (candidates.isEmpty()) {
                    break;
                }
                List<Flow> kept = gate.keepRelated(traceIdGate(candidates));
                if (!kept.isEmpty()) {
                    addFound(kept);
                    build = CorrelationKeys.of(kept);
                } else if (pending.isEmpty()) {
                    break;
                }
            }
            return new SearchResult(new ArrayList<>(found.values()), rounds, hitLimit);
        }

        private void allowAndQueue(String traceId) {
            allowed.add(traceId);
            pending.add(traceId);
        }

        private void noteLimit(List<Flow> rows) {
            if (rows.size() >= config.l7TracingLimit()) {
                hitLimit = true;
            }
        }

        /** Round part (a): rows of the pending trace ids; multi-id rows queue their ids. */
        private void expandByTraceIds(TimeWindow traceWindow) {
            List<Flow> rows = index.findByTraceIds(List.copyOf(pending), traceWindow, request.otelOnly(),
                    config.l7TracingLimit());
            noteLimit(rows);
            visited.addAll(pending);
            pending.clear();
            List<Flow> kept = new ArrayList<>();
            for (Flow q : rows) {
                if (found.containsKey(q.id())) {
                    continue;
                }
                List<String> ids = splitInOrder(q.traceId());
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
                for (String t : splitInOrder(q.traceId())) {
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

    /** Trace ids in the order written, trimmed, empty parts dropped (the search reads them unsorted). */
    static List<String> splitInOrder(String raw) {
        List<String> ids = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return ids;
        }
        for (String part : raw.split(",")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                ids.add(t);
            }
        }
        return ids;
    }
}
