package io.tracefill.tracing.sort;

import io.tracefill.tracing.util.PyDisjointSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts every eBPF span into a process span set (spec §7.4): onto app-span sets of its instance,
 * else into a set of its own s-p, with c-p calls attached to the s-p of the same process.
 */
final class SysSpanUnion {
    /** A process: agent plus pid (the reference's {@code agent_id << 32 | process_id}). */
    private record ProcessKey(long agentId, int processId) {
        static ProcessKey of(SpanNode span) {
            return new ProcessKey(span.agentId(), span.processId());
        }
    }

    private final ProcessSpanSets sets;
    private final List<SpanNode> serverSys;
    private final List<SpanNode> clientSys;
    private final LinkListener listener;
    /** A process → the instance of its first s-p (or leftover c-p). */
    private final Map<ProcessKey, AutoInstance> sameProcess = new HashMap<>();

    private SysSpanUnion(ProcessSpanSets sets, List<SpanNode> serverSys, List<SpanNode> clientSys,
                         LinkListener listener) {
        this.sets = sets;
        this.serverSys = serverSys;
        this.clientSys = clientSys;
        this.listener = listener;
    }

    static void union(ProcessSpanSets sets, List<SpanNode> serverSys, List<SpanNode> clientSys, LinkListener listener) {
        new SysSpanUnion(sets, serverSys, clientSys, listener).run();
    }

    private void run() {
        PyDisjointSet siblings = new PyDisjointSet();
        Map<Integer, List<Integer>> siblingMembers = siblingGroups(siblings);
        if (!sets.isEmpty()) {
            attachToAppSpanSets();
        }
        createServerSets();
        attachClientsToServers(siblings, siblingMembers);
        createLeftoverClientSets();
    }

    /**
     * (a) c-p spans of one thread chain: a c-p points at the c-p whose request id is its
     * response id (or request id, for one-way sessions), and at every c-p sharing a trace id.
     * Pointers overwrite, so the last pointer decides the group.
     */
    private Map<Integer, List<Integer>> siblingGroups(PyDisjointSet groups) {
        Map<Long, List<Integer>> byRequestSyscall = new HashMap<>();
        Map<String, List<Integer>> byTraceId = new HashMap<>();
        for (int i = 0; i < clientSys.size(); i++) {
            SpanNode cp = clientSys.get(i);
            long req = cp.row().syscallTraceIdRequest();
            if (req != 0) {
                byRequestSyscall.computeIfAbsent(req, k -> new ArrayList<>()).add(i);
            }
            for (String t : cp.record().traceIds()) {
                byTraceId.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < clientSys.size(); i++) {
            SpanNode cp = clientSys.get(i);
            long resp = cp.row().syscallTraceIdResponse();
            if (resp != 0) {
                for (int j : byRequestSyscall.getOrDefault(resp, List.of())) {
                    groups.put(i, j);
                    groups.get(i);
                }
            } else {
                for (int j : byRequestSyscall.getOrDefault(cp.row().syscallTraceIdRequest(), List.of())) {
                    if (i == j || clientSys.get(j).row().syscallTraceIdResponse() == 0) {
                        continue; // itself, or a sibling without response: would make a cycle
                    }
                    groups.put(i, j);
                    groups.get(i);
                }
            }
            for (String t : cp.record().traceIds()) {
                for (int j : byTraceId.getOrDefault(t, List.of())) {
                    groups.put(i, j);
                    groups.get(i);
                }
            }
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < clientSys.size(); i++) {
            int root = groups.get(i);
            if (root != i) {
                members.computeIfAbsent(root, k -> new ArrayList<>()).add(i);
            }
        }
        return members;
    }

    /** (b) every sys span is offered to every app-span set of its instance (no early exit, D6). */
    private void attachToAppSpanSets() {
        List<SpanNode> all = new ArrayList<>(clientSys);
        all.addAll(serverSys);
        for (SpanNode span : all) {
            for (ProcessSpanSet pss : sets.of(span.autoInstance())) {
                AppSpanAttachment.attach(pss, span);
            }
        }
    }

    /** (c) a set for every s-p not attached yet; a process passed several times gets numbered sets. */
    private void createServerSets() {
        for (SpanNode sp : serverSys) {
            if (sp.processSpanSet != null) {
                continue;
            }
            AutoInstance instance = sp.autoInstance();
            sameProcess.putIfAbsent(ProcessKey.of(sp), instance);
            ProcessSpanSet pss;
            if (!sets.contains(instance)) {
                pss = new ProcessSpanSet(instance.value(), listener);
                pss.appendSysSpan(sp);
                List<ProcessSpanSet> list = new ArrayList<>();
                list.add(pss);
                sets.put(instance, list);
            } else {
                int n = sets.of(sameProcess.get(ProcessKey.of(sp))).size() + 1;
                pss = new ProcessSpanSet(instance + "-" + n, listener);
                pss.appendSysSpan(sp);
                sets.add(instance, pss);
            }
        }
    }

    /** (d) a c-p under the s-p of its process: the latest-starting matching s-p wins; siblings follow. */
    private void attachClientsToServers(PyDisjointSet siblings, Map<Integer, List<Integer>> siblingMembers) {
        for (int i = 0; i < clientSys.size(); i++) {
            SpanNode cp = clientSys.get(i);
            if (cp.processSpanSet != null) {
                continue;
            }
            List<ProcessSpanSet> candidates = sets.ofOrElse(sameProcess.get(ProcessKey.of(cp)), cp.autoInstance());
            SetMatch parent = null;
            SetMatch child = null;
            for (ProcessSpanSet pss : candidates) {
                SetMatch p = ProcessMatching.clientUnderServer(pss, cp);
                if (p != null && (parent == null || p.span().start() > parent.span().start())) {
                    parent = p;
                }
                SetMatch c = ProcessMatching.serverUnderClient(pss, cp);
                if (c != null && (child == null || c.span().start() < child.span().start())) {
                    child = c;
                }
            }
            if (parent == null) {
                for (ProcessSpanSet pss : candidates) {
                    SetMatch p = ProcessMatching.clientAfterPrecedingServer(pss, cp);
                    if (p != null && (parent == null || p.span().start() > parent.span().start())) {
                        parent = p;
                    }
                }
            }
            if (parent != null) {
                SpanNode sp = parent.span();
                sp.processSpanSet.appendSysSpan(cp);
                cp.setParent(sp, parent.reason(), listener);
                int root = siblings.get(i);
                for (int member : siblingMembers.getOrDefault(root, List.of())) {
                    ProcessMatching.attachSibling(sp.processSpanSet, sp, clientSys.get(member));
                }
            }
            if (child != null) {
                if (cp.processSpanSet == null) {
                    child.span().processSpanSet.appendSysSpan(cp);
                }
                child.span().setParent(cp, child.reason(), listener);
            }
        }
    }

    /** (e) what is left gets a set of its own (second pass, so siblings attached above are not duplicated). */
    private void createLeftoverClientSets() {
        for (SpanNode cp : clientSys) {
            if (cp.processSpanSet != null) {
                continue;
            }
            AutoInstance instance = cp.autoInstance();
            ProcessKey process = ProcessKey.of(cp);
            Object groupKey;
            if (!sameProcess.containsKey(process) && !sets.contains(instance)) {
                groupKey = instance.value();
                sameProcess.put(process, instance);
            } else {
                int n = sets.ofOrElse(sameProcess.get(process), instance).size() + 1;
                groupKey = instance + "-" + n;
            }
            ProcessSpanSet pss = new ProcessSpanSet(groupKey, listener);
            pss.appendSysSpan(cp);
            sets.add(instance, pss);
        }
    }
}
