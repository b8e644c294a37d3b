package io.tracefill.bench;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TraceBuilder;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.gen.SyntheticTrace;
import io.tracefill.tracing.gen.TraceCorpus;
import io.tracefill.tracing.gen.TraceGenerator;
import io.tracefill.tracing.gen.TraceShape;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A cross-check of the JMH figures in CPU time instead of wall time: on a machine shared with
 * other builds, wall time includes the time this thread waited for a core, CPU time does not.
 * Not a replacement for JMH (no forks, no dead-code protection beyond a checksum).
 *
 * <p>All cases are first run round-robin for a while: on a busy machine C2 needs tens of
 * seconds to compile the engine, and a case measured right after its own short warm-up is
 * still partly interpreted.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.tracefill.bench.CpuTimeProbe [seconds per case] [warm-up seconds]</pre>
 */
public final class CpuTimeProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long checksum;

    private CpuTimeProbe() {
    }

    private record Case(String name, Supplier<TracingResult> op) {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double warmUp = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        TracingConfig config = TracingConfig.defaults();
        List<Case> cases = new ArrayList<>();
        for (int flows : new int[] {10, 100, 1000}) {
            SyntheticTrace t = TraceGenerator.generate(BenchData.SEED, TraceShape.ofSize(flows));
            List<Flow> rows = t.rows();
            cases.add(new Case("TraceBuilder.build flows=" + flows,
                    () -> TraceBuilder.build(rows, List.of(), t.entryId(), config, List.of())));
        }
        for (int indexFlows : new int[] {1_000, 1_000_000}) {
            TraceCorpus corpus = TraceCorpus.build(BenchData.SEED, TraceShape.ofSize(100), indexFlows);
            L7FlowTracing tracing = new L7FlowTracing(new InMemoryFlowIndex(corpus.flows()), config);
            TraceRequest request = TraceRequest.forId(corpus.probe().entryId());
            cases.add(new Case("L7FlowTracing indexFlows=" + indexFlows, () -> tracing.trace(request)));
        }
        long warmEnd = System.nanoTime() + (long) (warmUp * 1e9);
        while (System.nanoTime() < warmEnd) {
            for (Case c : cases) {
                long caseEnd = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < caseEnd) {
                    checksum += c.op().get().tracing().size();
                }
            }
        }
        System.out.println("case                               cpu us/op   wall us/op   ops");
        for (Case c : cases) {
            measure(c.name(), seconds, c.op());
        }
        System.out.println("(checksum " + checksum + ")");
    }

    private static void measure(String name, double seconds, Supplier<TracingResult> op) {
        long ops = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long end = wall0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            checksum += op.get().tracing().size();
            ops++;
        }
        double cpuUs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / ops;
        double wallUs = (System.nanoTime() - wall0) / 1e3 / ops;
        System.out.printf(Locale.ROOT, "%-34s %10.1f %12.1f %6d%n", name, cpuUs, wallUs, ops);
    }
}
