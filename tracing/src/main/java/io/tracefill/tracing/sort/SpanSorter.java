package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.merge.SpanRecord;
import io.tracefill.tracing.relation.RelationFinder;
import io.tracefill.tracing.relation.RelationMap;
import io.tracefill.tracing.relation.TraceInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 4: builds the relation map, the process and network span sets, and every parent link
 * (spec §6–§9), recording clock offsets as links are made (§10).
 */
public final class SpanSorter {
    private SpanSorter() {
    }

    /** @param notes receives a line for each place the reference would have failed and we did not */
    public static SortedTrace sort(List<SpanRecord> records, TracingConfig config, List<String> notes) {
        List<TraceInfo> infos = new ArrayList<>(records.size());
        Map<List<String>, java.util.Set<String>> traceIdSets = new HashMap<>();
        for (SpanRecord r : records) {
            infos.add(TraceInfo.sortView(r.index(), r.row(), r.traceIds(), traceIdSets));
        }
        RelationMap related = new RelationFinder(infos, config).relateAll();

        List<SpanNode> nodes = new ArrayList<>(records.size());
        List<SpanNode> networkSpans = new ArrayList<>();
        List<SpanNode> appSpans = new ArrayList<>();
        List<SpanNode> serverSys = new ArrayList<>();
        List<SpanNode> clientSys = new ArrayList<>();
        Map<String, Long> instanceToAgent = new HashMap<>();
        for (SpanRecord r : records) {
            SpanNode node = new SpanNode(r);
            nodes.add(node);
            switch (node.kind()) {
                case SYS -> {
                    (TapSide.SERVER_PROCESS.equals(node.tapSide()) ? serverSys : clientSys).add(node);
                    if (!node.autoInstance().isEmptyName()) {
                        instanceToAgent.put(node.autoInstanceName(), node.agentId());
                    }
                }
                case NET -> {
                    networkSpans.add(node);
                    if (!node.autoInstance().isEmptyName()) {
                        instanceToAgent.put(node.autoInstanceName(), node.agentId());
                    }
                }
                case APP -> appSpans.add(node);
                case OTHER -> notes.add("span " + r.index() + " has signal_source " + r.row().signalSource()
                        + " and is left out of the result, as DeepFlow does (D2)");
            }
        }

        HostClockCorrector corrector = new HostClockCorrector();
        ProcessSpanSets sets = new ProcessSpanSets();
        AppSpanUnion.union(sets, appSpans, corrector, notes);
        SysSpanUnion.union(sets, serverSys, clientSys, corrector);

        List<SpanNode> united = new ArrayList<>(networkSpans);
        united.addAll(serverSys);
        united.addAll(clientSys);
        united.sort(Comparator.comparingInt((SpanNode n) -> n.row().type()).reversed()); // stable: sessions first
        List<NetworkSpanSet> networkSets = NetworkSpanSets.build(united, related, nodes, infos, config, corrector);

        List<ProcessSpanSet> processSets = sets.flatten();
        for (ProcessSpanSet pss : processSets) {
            pss.markRootAndLeaf();
        }
        List<SpanNode> processRoots = new ArrayList<>();
        List<SpanNode> processLeafs = new ArrayList<>();
        for (ProcessSpanSet pss : processSets) {
            for (SpanNode s : pss.spans) {
                if (s.isPsRoot) {
                    processRoots.add(s);
                }
                if (s.isPsLeaf) {
                    processLeafs.add(s);
                }
            }
        }
        List<SpanNode> networkLeafs = new ArrayList<>();
        List<SpanNode> networkRoots = new ArrayList<>();
        Map<Long, List<SpanNode>> rootsByRequestId = new LinkedHashMap<>();
        for (NetworkSpanSet nss : networkSets) {
            networkLeafs.add(nss.spans.get(nss.spans.size() - 1));
            SpanNode first = nss.spans.get(0);
            networkRoots.add(first);
            Long requestId = first.row().requestId();
            if (requestId != null && requestId != 0) { // unsigned: any non-zero id
                rootsByRequestId.computeIfAbsent(requestId, k -> new ArrayList<>()).add(first);
            }
        }
        new SetConnector(processRoots, processLeafs, rootsByRequestId, networkLeafs, networkRoots, nodes, related,
                corrector, config).connect();
        return new SortedTrace(records, processSets, networkSets, related, corrector.corrections(), instanceToAgent);
    }
}
