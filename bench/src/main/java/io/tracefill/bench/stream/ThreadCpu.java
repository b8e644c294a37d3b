package io.tracefill.bench.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this process from {@code /proc/self/task} (Linux), native threads
 * included (GC, JIT compilers, RocksDB's background threads, which {@code ThreadMXBean} does not
 * see), grouped by name with digits folded ({@code GC Thread#3} → {@code GC Thread#N}). Names
 * are the kernel's, cut at 15 characters.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Clock ticks per second of {@code utime}/{@code stime}; 100 on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ThreadCpu() {
    }

    /** Thread id → (group name, ticks so far). */
    static Map<String, Map.Entry<String, Long>> snapshot() {
        Map<String, Map.Entry<String, Long>> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("\\d+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(t.getFileName().toString(), Map.entry(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** Seconds of CPU per group between two snapshots, most first. */
    static Map<String, Double> between(Map<String, Map.Entry<String, Long>> before,
                                       Map<String, Map.Entry<String, Long>> after) {
        Map<String, Double> groups = new HashMap<>();
        after.forEach((id, now) -> {
            long then = before.containsKey(id) ? before.get(id).getValue() : 0;
            groups.merge(now.getKey(), (now.getValue() - then) / TICKS_PER_SECOND, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> entries = groups.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
