package io.tracefill.bench;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.gen.TraceCorpus;
import io.tracefill.tracing.gen.TraceShape;
import io.tracefill.tracing.search.FlowSearch;
import io.tracefill.tracing.search.SearchRequest;
import io.tracefill.tracing.search.SearchResult;
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
 * Stage 1 alone: the iterative search of {@link L7FlowTracingBenchmark}'s trace in the same
 * indexes, without building the tree. Subtracted from that benchmark it gives the build's share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {
    @Param({"1000", "10000", "100000", "1000000"})
    public int indexFlows;

    private FlowSearch search;
    private SearchRequest request;

    @Setup(Level.Trial)
    public void buildIndex() {
        TraceCorpus corpus = TraceCorpus.build(BenchData.SEED, TraceShape.ofSize(100), indexFlows);
        search = new FlowSearch(new InMemoryFlowIndex(corpus.flows()), TracingConfig.defaults());
        Flow entry = corpus.probe().entry();
        request = new SearchRequest(entry, null, List.of(), TimeWindow.ALL, false);
        int found = search().flows().size();
        if (found != corpus.probe().rows().size()) {
            throw new IllegalStateException("search found " + found + " of " + corpus.probe().rows().size() + " rows");
        }
    }

    @Benchmark
    public SearchResult search() {
        return search.search(request);
    }
}
