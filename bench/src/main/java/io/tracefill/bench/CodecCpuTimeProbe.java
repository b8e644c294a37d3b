package io.tracefill.bench;

import io.tracefill.serdes.json.DecodeException;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link CodecBenchmark}'s operations measured in thread CPU time instead of wall time: on a
 * machine shared with other work, wall time includes the time this thread waited for a core,
 * CPU time does not. A cross-check of JMH, not a replacement (no forks; a checksum keeps the
 * results alive). Cases are first run round-robin for the warm-up, so C2 has compiled all of them.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.tracefill.bench.CodecCpuTimeProbe [seconds per case] [warm-up seconds]</pre>
 */
public final class CodecCpuTimeProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long checksum;

    private CodecCpuTimeProbe() {
    }

    @FunctionalInterface
    private interface Op {
        Object run() throws DecodeException;
    }

    public static void main(String[] args) throws DecodeException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double warmUp = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        CodecBenchmark b = new CodecBenchmark();
        b.makeRows();
        Map<String, Op> cases = new LinkedHashMap<>();
        cases.put("exporterJsonDecode", b::exporterJsonDecode);
        cases.put("exporterJsonDeserialize", b::exporterJsonDeserialize);
        cases.put("querierJsonDecode", b::querierJsonDecode);
        cases.put("querierJsonEncode", b::querierJsonEncode);
        cases.put("binaryDecode", b::binaryDecode);
        cases.put("binaryEncode", b::binaryEncode);
        long warmEnd = System.nanoTime() + (long) (warmUp * 1e9);
        while (System.nanoTime() < warmEnd) {
            for (Op op : cases.values()) {
                long caseEnd = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < caseEnd) {
                    checksum += op.run().hashCode();
                }
            }
        }
        System.out.println("case                        cpu us/rec  records/s/core(cpu)  wall us/rec        ops");
        for (Map.Entry<String, Op> c : cases.entrySet()) {
            measure(c.getKey(), seconds, c.getValue());
        }
        System.out.println("(checksum " + checksum + ")");
    }

    private static void measure(String name, double seconds, Op op) throws DecodeException {
        long ops = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long end = wall0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                checksum += op.run().hashCode();
            }
            ops += 64;
        }
        double cpuUs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / ops;
        double wallUs = (System.nanoTime() - wall0) / 1e3 / ops;
        System.out.printf(Locale.ROOT, "%-27s %10.2f %20.0f %12.2f %10d%n", name, cpuUs, 1e6 / cpuUs, wallUs, ops);
    }
}
