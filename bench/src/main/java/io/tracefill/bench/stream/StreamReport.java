package io.tracefill.bench.stream;

import java.util.Locale;

/** What a stream benchmark run measured, as text for people and JSON for scripts. */
record StreamReport(BenchOptions options, InputLoad load, RawConsume raw, PipelineRun run, long peakRssBytes,
                    boolean peakRssIsPipelineOnly, long maxHeapBytes, long rocksDbBudgetBytes, long brokerPid) {

    boolean complete() {
        return run.complete();
    }

    /** Flows per second from start until the last trace is out. */
    double flowsPerSecond() {
        return load.flows() / run.lastTraceS();
    }

    /** Flows per second from RUNNING until the last trace is out: without startup. */
    double flowsPerSecondRunning() {
        return load.flows() / (run.lastTraceS() - run.runningS());
    }

    /** The raw consumer's rate in the same unit: flows in the records it read, per second. */
    double rawFlowsPerSecond() {
        return load.flows() / raw.seconds();
    }

    double ratio() {
        return flowsPerSecond() / rawFlowsPerSecond();
    }

    String text() {
        StreamSampler s = run.sampler();
        return String.format(Locale.ROOT, """
                stream benchmark  seed %d, %.0f requests/s for %d s of event time, %d partitions, %d threads, kafka %s
                input             %,d records: %,d DeepFlow rows + %,d OTLP records (%,d app spans) = %,d flows, %,d traces
                load              %.1f s
                raw consume       %,d records, %.1f MB in %.2f s = %,.0f records/s = %,.0f flows/s
                pipeline          RUNNING after %.1f s, all flows in after %.1f s, last trace out after %.1f s%s
                cpu               %.1f s of CPU time (%.2f cores busy on average); stream threads %.1f s = %.0f µs per flow
                throughput        %,.0f flows/s from start (%,.0f from RUNNING) = %.1f %% of raw consume
                output            %,d of %,d traces, %,d records, %,d other keys
                close-to-emit     max %.0f ms, worst window average %.0f ms
                memory            peak RSS %.0f MiB%s (heap max %.0f MiB, peak used %.0f MiB)
                rocksdb           budget %.0f MiB; peak block cache %.1f MiB (memtables charged to it), memtables %.1f MiB, table readers %.1f MiB
                """,
                options.seed(), options.rate(), options.duration().toSeconds(), options.partitions(), options.threads(),
                options.kafka(), load.records(), load.deepflowRows(), load.otlpRecords(), load.appSpans(), load.flows(),
                load.traceIds().size(), load.seconds(),
                raw.records(), raw.bytes() / 1e6, raw.seconds(), raw.records() / raw.seconds(), rawFlowsPerSecond(),
                run.runningS(), run.inputDoneS(), run.lastTraceS(), complete() ? "" : "  (INCOMPLETE: timed out)",
                run.cpuSeconds(), run.cpuSeconds() / run.lastTraceS(), run.streamCpuSeconds(),
                run.streamCpuSeconds() * 1e6 / load.flows(),
                flowsPerSecond(), flowsPerSecondRunning(), 100 * ratio(),
                run.tracesOut(), load.traceIds().size(), run.outputRecords(), run.unexpectedKeys(),
                s.peakCloseToEmitMs(), s.worstCloseToEmitAvgMs(),
                mib(peakRssBytes), peakRssIsPipelineOnly ? "" : " (peak not reset: includes loading)", mib(maxHeapBytes),
                mib(s.peakHeapUsedBytes()),
                mib(rocksDbBudgetBytes), mib(s.peakBlockCacheBytes()), mib(s.peakMemTableBytes()),
                mib(s.peakTableReaderBytes()));
    }

    /** The text, then what the pipeline wrote to each topic. */
    String fullText() {
        StringBuilder cpu = new StringBuilder("CPU of the pipeline JVM by thread group (seconds)\n");
        run.cpuByThread().entrySet().stream().filter(e -> e.getValue() >= 0.5).forEach(e ->
                cpu.append(String.format(Locale.ROOT, "  %-20s %8.1f%n", e.getKey(), e.getValue())));
        return text() + cpu + "written by the pipeline (uncompressed batches)\n" + run.sampler().writtenPerTopic();
    }

    String json() {
        StreamSampler s = run.sampler();
        return String.format(Locale.ROOT, """
                {"seed":%d,"rate":%.1f,"duration_s":%d,"partitions":%d,"threads":%d,\
                "records":%d,"deepflow_rows":%d,"otlp_records":%d,"app_spans":%d,"flows":%d,"traces":%d,\
                "raw_seconds":%.3f,"raw_bytes":%d,"running_s":%.3f,"input_done_s":%.3f,"last_trace_s":%.3f,\
                "flows_per_s":%.1f,"flows_per_s_running":%.1f,"raw_flows_per_s":%.1f,"ratio":%.4f,\
                "traces_out":%d,"output_records":%d,"unexpected_keys":%d,"complete":%b,\
                "cpu_seconds":%.1f,"stream_cpu_seconds":%.1f,"close_to_emit_max_ms":%.1f,"close_to_emit_worst_avg_ms":%.1f,\
                "peak_rss_bytes":%d,"peak_rss_pipeline_only":%b,"max_heap_bytes":%d,"peak_heap_used_bytes":%d,\
                "rocksdb_budget_bytes":%d,"peak_block_cache_bytes":%d,"peak_memtable_bytes":%d,\
                "peak_table_reader_bytes":%d}
                """,
                options.seed(), options.rate(), options.duration().toSeconds(), options.partitions(), options.threads(),
                load.records(), load.deepflowRows(), load.otlpRecords(), load.appSpans(), load.flows(),
                load.traceIds().size(), raw.seconds(), raw.bytes(), run.runningS(), run.inputDoneS(), run.lastTraceS(),
                flowsPerSecond(), flowsPerSecondRunning(), rawFlowsPerSecond(), ratio(), run.tracesOut(),
                run.outputRecords(), run.unexpectedKeys(), complete(), run.cpuSeconds(), run.streamCpuSeconds(), s.peakCloseToEmitMs(), s.worstCloseToEmitAvgMs(),
                peakRssBytes, peakRssIsPipelineOnly, maxHeapBytes, s.peakHeapUsedBytes(), rocksDbBudgetBytes,
                s.peakBlockCacheBytes(), s.peakMemTableBytes(), s.peakTableReaderBytes());
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
