package io.tracefill.tracing.output;

import io.tracefill.serdes.model.ServiceDuration;
import io.tracefill.tracing.sort.ProcessSpanSet;
import io.tracefill.tracing.sort.SpanNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Services and their share of self time (spec §11.6): process span sets whose service appears
 * among the kept spans, named by auto service, app service or ip, split by process when one
 * service runs several processes.
 */
final class ServiceMerger {
    private static final Set<Integer> PROCESS_SPLIT_TYPES = Set.of(1, 14, 10);

    private record ServiceKey(Long autoServiceId, String autoService) {
    }

    private static final class Metrics {
        final String uid;
        String uname;
        long duration;

        Metrics(String uid, String uname) {
            this.uid = uid;
            this.uname = uname;
        }
    }

    private ServiceMerger() {
    }

    private static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }

    private static boolean truthy(Long v) {
        return v != null && v != 0;
    }

    static List<ServiceDuration> merge(List<ProcessSpanSet> sets, List<OutputRecord> traces,
                                       int[] positionOfId) {
        Set<Object> seenServices = new HashSet<>();
        for (OutputRecord t : traces) {
            if (truthy(t.record.autoService)) {
                seenServices.add(new ServiceKey(t.record.autoServiceId, t.record.autoService));
            }
            if (truthy(t.row().appService())) {
                seenServices.add(t.row().appService());
            }
        }
        // the reference collects surviving sets in a Python set: sets with equal group keys collapse
        Map<Object, ProcessSpanSet> surviving = new LinkedHashMap<>();
        Map<Long, Set<String>> processesOfService = new HashMap<>();
        for (ProcessSpanSet pss : sets) {
            boolean seen = seenServices.contains(new ServiceKey(pss.autoServiceId(), pss.autoService()))
                    || pss.appService() != null && seenServices.contains(pss.appService());
            if (!seen) {
                continue;
            }
            surviving.putIfAbsent(pss.groupKey(), pss);
            Set<String> processes = processesOfService.computeIfAbsent(pss.autoServiceId(), k -> new HashSet<>());
            if (truthy(pss.gprocess())) {
                processes.add(pss.gprocess());
            } else if (truthy(pss.processKname())) {
                processes.add(pss.processKname());
            }
        }
        Map<String, Metrics> metrics = new LinkedHashMap<>();
        for (ProcessSpanSet pss : surviving.values()) {
            String uid;
            String uname;
            if (truthy(pss.autoServiceId())) {
                uid = pss.autoServiceId() + "-";
                uname = truthy(pss.autoService()) ? pss.autoService() : pss.ip();
            } else if (truthy(pss.appService())) {
                uid = "-" + pss.appService();
                uname = pss.appService();
            } else if (truthy(pss.ip())) {
                uid = pss.ip() + "-";
                uname = pss.ip();
            } else {
                uid = "unknown-";
                uname = "unknown service";
            }
            Set<String> processes = processesOfService.getOrDefault(pss.autoServiceId(), Set.of());
            if (processes.size() > 1 && pss.autoInstanceType() != null
                    && PROCESS_SPLIT_TYPES.contains(pss.autoInstanceType())) {
                String process = truthy(pss.gprocess()) ? pss.gprocess() : pss.processKname();
                uid = uid + process;
                uname = uname + ":" + process;
            }
            Metrics m = metrics.get(uid);
            if (m == null) {
                m = new Metrics(uid, uname);
                metrics.put(uid, m);
            } else if ("".equals(m.uname)) {
                m.uname = uname;
            }
            for (SpanNode span : pss.spans()) {
                int position = positionOfId[span.index()];
                if (position >= 0) {
                    OutputRecord t = traces.get(position);
                    t.serviceUid = uid;
                    t.serviceUname = uname;
                    m.duration += t.selftime;
                }
            }
        }
        long total = 0;
        for (Metrics m : metrics.values()) {
            total += m.duration;
        }
        List<ServiceDuration> out = new ArrayList<>();
        for (Metrics m : metrics.values()) {
            String ratio = total > 0 ? percent(m.duration, total) : null;
            out.add(new ServiceDuration(m.uid, m.uname, m.duration, ratio));
        }
        out.sort(Comparator.comparingLong(ServiceDuration::duration).reversed()); // stable
        return out;
    }

    /** Python's {@code '%.2f' % (d / total * 100)}: the double rounded half-even on its exact value. */
    static String percent(long duration, long total) {
        double ratio = (double) duration / (double) total * 100;
        return new BigDecimal(ratio).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
