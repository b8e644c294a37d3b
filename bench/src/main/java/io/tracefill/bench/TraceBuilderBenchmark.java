package io.tracefill.bench;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.TraceBuilder;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.gen.SyntheticTrace;
import io.tracefill.tracing.gen.TraceGenerator;
import io.tracefill.tracing.gen.TraceShape;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stages 3–5 (merge, sort, output) on one trace's rows: the work the stream does once per
 * completed trace, after the search has collected its rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TraceBuilderBenchmark {
    /** Rows of the trace, roughly. */
    @Param({"10", "100", "1000"})
    public int flows;

    private List<Flow> rows;
    private String entryId;
    private final TracingConfig config = TracingConfig.defaults();

    @Setup(Level.Trial)
    public void generate() {
        SyntheticTrace trace = TraceGenerator.generate(BenchData.SEED, TraceShape.ofSize(flows));
        rows = trace.rows();
        entryId = trace.entryId();
        BenchData.requireWholeTrace(build(), trace);
    }

    @Benchmark
    public TracingResult build() {
        return TraceBuilder.build(rows, List.of(), entryId, config, List.of());
    }
}
