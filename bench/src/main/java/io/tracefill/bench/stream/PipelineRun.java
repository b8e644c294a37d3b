package io.tracefill.bench.stream;

import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Map;

/**
 * One measured pipeline run, all times in seconds from {@code Pipeline.start}.
 *
 * @param runningS        Kafka Streams reached RUNNING (topics checked, tasks assigned, stores opened)
 * @param inputDoneS      every flow of the load was ingested (tracefill's {@code flows-in-total})
 * @param lastTraceS      the last expected trace appeared on the output topic
 * @param tracesOut       expected traces seen on the output topic
 * @param outputRecords   records on the output topic (a trace re-emitted after a late app span counts twice)
 * @param unexpectedKeys  output keys that are not generated trace ids
 * @param sampler         metrics sampled while it ran
 * @param complete        whether every expected trace came out before the timeout
 * @param cpuSeconds      CPU time this JVM used meanwhile (all threads, GC and JIT included)
 * @param streamCpuSeconds CPU time of the Kafka Streams threads alone (processing, commits, RocksDB calls)
 * @param cpuByThread     CPU seconds meanwhile per thread group of this JVM (/proc), most first
 */
record PipelineRun(double runningS, double inputDoneS, double lastTraceS, long tracesOut, long outputRecords,
                   long unexpectedKeys, StreamSampler sampler, boolean complete, double cpuSeconds,
                   double streamCpuSeconds, Map<String, Double> cpuByThread) {

    static PipelineRun measure(StreamSettings settings, InputLoad load, OutputWatcher watcher, Duration timeout)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        var threads0 = ThreadCpu.snapshot();
        long running = 0;
        long inputDone = 0;
        long nextProgress = t0;
        try (Pipeline pipeline = Pipeline.start(settings)) {
            KafkaStreams streams = pipeline.streams();
            StreamSampler sampler = new StreamSampler(streams);
            long deadline = t0 + timeout.toNanos();
            while (!watcher.allSeen() && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                long now = System.nanoTime();
                sampler.sample();
                if (running == 0 && streams.state() == KafkaStreams.State.RUNNING) {
                    running = now;
                }
                if (inputDone == 0 && sampler.flowsIn() >= load.flows()) {
                    inputDone = now;
                }
                if (now >= nextProgress) {
                    System.err.printf("  %5.1f s  %-11s flows in %,d / %,d   traces out %,d / %,d%n", (now - t0) / 1e9,
                            streams.state(), sampler.flowsIn(), load.flows(), watcher.seenExpected(),
                            load.traceIds().size());
                    nextProgress = now + 5_000_000_000L;
                }
            }
            sampler.sample();
            double streamCpu = streamThreadCpuNanos() / 1e9;
            boolean complete = watcher.allSeen();
            return new PipelineRun(seconds(t0, running), seconds(t0, inputDone),
                    seconds(t0, complete ? watcher.lastNewNanos() : 0), watcher.seenExpected(), watcher.records(),
                    watcher.unexpectedKeys(), sampler, complete, (cpuNanos() - cpu0) / 1e9,
                    streamCpu, ThreadCpu.between(threads0, ThreadCpu.snapshot()));
        }
    }

    /** CPU time of the live stream threads ({@code …-StreamThread-N}), which started with the pipeline. */
    private static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().matches(".*-StreamThread-\\d+")) {
                total += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static double seconds(long from, long to) {
        return to == 0 ? Double.NaN : (to - from) / 1e9;
    }
}
