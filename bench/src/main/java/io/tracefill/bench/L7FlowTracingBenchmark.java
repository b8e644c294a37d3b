package io.tracefill.bench;

import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.gen.TraceCorpus;
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

import java.util.concurrent.TimeUnit;

/**
 * The whole L7FlowTracing (iterative search, then merge, sort, output) for one ~100-row trace,
 * in an in-memory index that also holds the rest of the cluster's traffic: other requests and
 * their noise, {@code indexFlows} rows in all. The trace is the same at every size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class L7FlowTracingBenchmark {
    /** Rows in the index, the traced request's included. */
    @Param({"1000", "10000", "100000", "1000000"})
    public int indexFlows;

    private L7FlowTracing tracing;
    private TraceRequest request;

    @Setup(Level.Trial)
    public void buildIndex() {
        TraceCorpus corpus = TraceCorpus.build(BenchData.SEED, TraceShape.ofSize(100), indexFlows);
        tracing = new L7FlowTracing(new InMemoryFlowIndex(corpus.flows()), TracingConfig.defaults());
        request = TraceRequest.forId(corpus.probe().entryId());
        BenchData.requireWholeTrace(trace(), corpus.probe());
    }

    @Benchmark
    public TracingResult trace() {
        return tracing.trace(request);
    }
}
