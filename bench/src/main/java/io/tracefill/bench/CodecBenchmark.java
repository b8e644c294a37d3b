package io.tracefill.bench;

import io.tracefill.serdes.binary.FlowBinaryCodec;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.json.FlowRowEncoder;
import io.tracefill.serdes.kafka.TracefillSerdes;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.tracing.gen.TraceCorpus;
import io.tracefill.tracing.gen.TraceShape;
import io.tracefill.workload.deepflow.ExporterJson;
import io.tracefill.workload.deepflow.ExporterTags;
import org.apache.kafka.common.serialization.Deserializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decode and encode throughput of the codecs on the stream's path, one record per operation, on
 * one thread: the figures are records per second per core. Each operation takes the next of
 * {@value #ROWS} different records (rows of generated traffic: eBPF, Packet and OTel rows of
 * many requests), so branch predictors and caches see varied input, not one row again and again.
 *
 * <ul>
 *   <li>{@code exporterJsonDecode}: DeepFlow's Kafka exporter JSON (display-name enums, resource
 *       names, ~2.5 KB a row like formats §5.A; eBPF and Packet rows only, as DeepFlow exports
 *       nothing else) → {@link Flow} with {@link FlowRowDecoder}.</li>
 *   <li>{@code exporterJsonDeserialize}: the same through {@link TracefillSerdes#deepFlowRows()}'s
 *       deserializer, i.e. what the source node runs.</li>
 *   <li>{@code querierJsonDecode} / {@code querierJsonEncode}: the querier-row JSON of
 *       {@link FlowRowEncoder} (files, the HTTP API) both ways.</li>
 *   <li>{@code binaryDecode} / {@code binaryEncode}: {@link FlowBinaryCodec}, the form of
 *       repartition topics and stores.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
    /** Distinct records cycled through; a power of two. */
    static final int ROWS = 1024;

    private final FlowRowDecoder rowDecoder = new FlowRowDecoder();
    private final FlowRowEncoder rowEncoder = new FlowRowEncoder();
    private final FlowBinaryCodec binary = new FlowBinaryCodec();
    private final Deserializer<Flow> deserializer = TracefillSerdes.deepFlowRows().deserializer();

    private byte[][] exporterRows;
    private byte[][] querierRows;
    private byte[][] binaryRows;
    private Flow[] flows;
    private int next;

    @Setup(Level.Trial)
    public void makeRows() throws DecodeException {
        List<Flow> corpus = TraceCorpus.build(BenchData.SEED, TraceShape.ofSize(100), 4 * ROWS).flows();
        List<byte[]> exporter = new ArrayList<>();
        for (Flow f : corpus) {
            if (exporter.size() < ROWS
                    && (f.signalSource() == SignalSource.EBPF || f.signalSource() == SignalSource.PACKET)) {
                byte[] row = ExporterJson.render(withUserAgent(f), ExporterTags.plausible(f));
                rowDecoder.decode(row); // a row the decoder refuses would measure the error path
                exporter.add(row);
            }
        }
        if (exporter.size() < ROWS) {
            throw new IllegalStateException("only " + exporter.size() + " eBPF/Packet rows generated");
        }
        exporterRows = exporter.toArray(new byte[0][]);
        flows = new Flow[ROWS];
        querierRows = new byte[ROWS][];
        binaryRows = new byte[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            // decoded from the querier row, so the flows are exactly what a decoder hands the stream
            querierRows[i] = rowEncoder.encode(corpus.get(i));
            flows[i] = rowDecoder.decode(querierRows[i]);
            binaryRows[i] = binary.encode(flows[i]);
            if (!binary.decode(binaryRows[i]).equals(flows[i])) {
                throw new IllegalStateException("binary round trip lost row " + i);
            }
        }
    }

    /**
     * Agent rows usually carry a native attribute or two; the generated ones have none, so one is
     * added to keep the rows at the size of formats §5.A (the figures in BENCHMARKS.md were
     * measured on rows of that size).
     */
    private static Flow withUserAgent(Flow f) {
        return f.attributes().isEmpty()
                ? f.toBuilder().attributes(Map.of("http_user_agent", "Go-http-client/1.1")).build() : f;
    }

    private int nextIndex() {
        return next++ & (ROWS - 1);
    }

    @Benchmark
    public Flow exporterJsonDecode() throws DecodeException {
        return rowDecoder.decode(exporterRows[nextIndex()]);
    }

    @Benchmark
    public Flow exporterJsonDeserialize() {
        return deserializer.deserialize("deepflow.flow_log.l7_flow_log", exporterRows[nextIndex()]);
    }

    @Benchmark
    public Flow querierJsonDecode() throws DecodeException {
        return rowDecoder.decode(querierRows[nextIndex()]);
    }

    @Benchmark
    public byte[] querierJsonEncode() {
        return rowEncoder.encode(flows[nextIndex()]);
    }

    @Benchmark
    public Flow binaryDecode() throws DecodeException {
        return binary.decode(binaryRows[nextIndex()]);
    }

    @Benchmark
    public byte[] binaryEncode() {
        return binary.encode(flows[nextIndex()]);
    }

    /** Sizes of the inputs, printed by {@code java -cp benchmarks.jar io.tracefill.bench.CodecBenchmark}. */
    public static void main(String[] args) throws DecodeException {
        CodecBenchmark b = new CodecBenchmark();
        b.makeRows();
        System.out.printf("exporter JSON rows: %.0f bytes on average%n", average(b.exporterRows));
        System.out.printf("querier JSON rows:  %.0f bytes on average%n", average(b.querierRows));
        System.out.printf("binary flows:       %.0f bytes on average%n", average(b.binaryRows));
        long ebpf = 0;
        long packet = 0;
        long otel = 0;
        for (Flow f : b.flows) {
            ebpf += f.signalSource() == SignalSource.EBPF ? 1 : 0;
            packet += f.signalSource() == SignalSource.PACKET ? 1 : 0;
            otel += f.signalSource() == SignalSource.OTEL ? 1 : 0;
        }
        System.out.printf("querier/binary rows: %d eBPF, %d Packet, %d OTel%n", ebpf, packet, otel);
    }

    private static double average(byte[][] rows) {
        long total = 0;
        for (byte[] r : rows) {
            total += r.length;
        }
        return (double) total / rows.length;
    }
}
