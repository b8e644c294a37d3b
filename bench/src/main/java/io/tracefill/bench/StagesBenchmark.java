package io.tracefill.bench;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.gen.SyntheticTrace;
import io.tracefill.tracing.gen.TraceGenerator;
import io.tracefill.tracing.gen.TraceShape;
import io.tracefill.tracing.merge.FlowMerger;
import io.tracefill.tracing.merge.SpanRecord;
import io.tracefill.tracing.sort.SortedTrace;
import io.tracefill.tracing.sort.SpanSorter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link TraceBuilderBenchmark}'s time goes: merge alone, then merge plus sort. The sort
 * writes into the merged records, so each invocation merges afresh; output's share is the
 * full build minus {@link #mergeAndSort()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StagesBenchmark {
    @Param({"10", "100", "1000"})
    public int flows;

    private List<Flow> rows;
    private final TracingConfig config = TracingConfig.defaults();

    @Setup(Level.Trial)
    public void generate() {
        SyntheticTrace trace = TraceGenerator.generate(BenchData.SEED, TraceShape.ofSize(flows));
        rows = trace.rows();
    }

    @Benchmark
    public List<SpanRecord> merge() {
        return FlowMerger.merge(rows, List.of());
    }

    @Benchmark
    public SortedTrace mergeAndSort() {
        return SpanSorter.sort(FlowMerger.merge(rows, List.of()), config, new ArrayList<>());
    }
}
