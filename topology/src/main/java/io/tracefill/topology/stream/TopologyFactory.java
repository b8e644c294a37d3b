package io.tracefill.topology.stream;

import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.otlp.DecodedBatch;
import io.tracefill.serdes.otlp.OtlpSpanDecoder;
import io.tracefill.tracing.CorrelationKey;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.stream.assembly.AssemblyProcessor;
import io.tracefill.topology.stream.index.FlowIdKey;
import io.tracefill.topology.stream.index.IndexProcessor;
import io.tracefill.topology.stream.ingest.FlowDecoder;
import io.tracefill.topology.stream.ingest.IngestProcessor;
import io.tracefill.topology.stream.ingest.InputProgress;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the pipeline from resolved settings (DESIGN §1). Three sub-topologies joined by two
 * internal topics, which Kafka Streams partitions like any input:
 * <pre>
 *  deepflow topic → ingest ─(flows by correlation key, ticks)─→ index-in ─→ index ─(answers)─┐
 *  otlp topic     → ingest ─(app spans by trace id, ticks)──→ assembly-in ←──────────────────┘
 *                                                       assembly ─(probes by key)→ index-in
 *                                                       assembly ─→ output topic
 * </pre>
 * With {@code tracefill.seed.deepflow-only}, the DeepFlow ingest also sends seed candidates (and
 * its ticks) to assembly-in, where they open DeepFlow-only traces ({@link SeedRule}).
 * Every node, store and topic has an explicit name, so a topology change shows in review and
 * state survives upgrades.
 */
public final class TopologyFactory {
    public static final String DEEPFLOW_SOURCE = "deepflow-source";
    public static final String OTLP_SOURCE = "otlp-source";
    public static final String INDEX_SOURCE = "index-source";
    public static final String ASSEMBLY_SOURCE = "assembly-source";

    private TopologyFactory() {
    }

    /**
     * For a single-partition layout under TopologyTestDriver, which processes every piped record
     * at once, so an input partition is always read to its end ({@link InputProgress#ALL_READ}).
     */
    public static Topology build(StreamSettings s) {
        return build(s, 1, 1, InputProgress.ALL_READ);
    }

    /**
     * @param deepflowPartitions partitions of the DeepFlow topic: the index waits for each one's progress
     * @param otlpPartitions     partitions of the OTLP topic: the assembly waits for each one's progress
     * @param inputProgress      whether an input partition that went quiet has been read to its end
     *                           (only then does it report itself idle)
     */
    public static Topology build(StreamSettings s, int deepflowPartitions, int otlpPartitions,
                                 InputProgress inputProgress) {
        long idleAdvanceUs = idleAdvanceUs(s);
        var bytesIn = new ByteArrayDeserializer();
        var bytesOut = new ByteArraySerializer();
        var partitioner = new TickBroadcastPartitioner();
        Topology t = new Topology();

        t.addSource(DEEPFLOW_SOURCE, bytesIn, bytesIn, s.deepflowTopic());
        List<IngestProcessor.Route> deepflowRoutes = new ArrayList<>();
        deepflowRoutes.add(new IngestProcessor.Route("deepflow-to-index", TopologyFactory::indexKeys));
        SeedRule seeds = s.seedDeepFlowOnly() ? new SeedRule(s.seedTapSides()) : null;
        if (seeds != null) {
            // candidates open seeds on the assembly, whose seed watermark follows these ticks
            deepflowRoutes.add(new IngestProcessor.Route("deepflow-to-assembly",
                    f -> seeds.isCandidate(f) ? List.of(SeedRule.keyOf(f)) : List.of()));
        }
        t.addProcessor("deepflow-ingest", () -> new IngestProcessor(s.deepflowTopic(), deepFlowDecoder(),
                deepflowRoutes, "deepflow-dead-letters", s.idleFlushMs(), inputProgress), DEEPFLOW_SOURCE);
        t.addSink("deepflow-to-index", s.indexTopic(), bytesOut, bytesOut, partitioner, "deepflow-ingest");
        if (seeds != null) {
            t.addSink("deepflow-to-assembly", s.assemblyTopic(), bytesOut, bytesOut, partitioner, "deepflow-ingest");
        }
        t.addSink("deepflow-dead-letters", s.deadLetterTopic(), bytesOut, bytesOut, "deepflow-ingest");

        t.addSource(OTLP_SOURCE, bytesIn, bytesIn, s.otlpTopic());
        t.addProcessor("otlp-ingest", () -> new IngestProcessor(s.otlpTopic(), otlpDecoder(s.otlpEncoding()),
                List.of(new IngestProcessor.Route("otlp-to-assembly",
                        f -> f.traceId().isEmpty() ? List.<String>of() : List.of(f.traceId()))),
                "otlp-dead-letters", s.idleFlushMs(), inputProgress), OTLP_SOURCE);
        t.addSink("otlp-to-assembly", s.assemblyTopic(), bytesOut, bytesOut, partitioner, "otlp-ingest");
        t.addSink("otlp-dead-letters", s.deadLetterTopic(), bytesOut, bytesOut, "otlp-ingest");

        t.addSource(INDEX_SOURCE, bytesIn, bytesIn, s.indexTopic());
        t.addProcessor("index", () -> new IndexProcessor(s.flowsPerKey(), s.graceUs(), idleAdvanceUs,
                deepflowPartitions, "answers"),
                INDEX_SOURCE);
        t.addSink("answers", s.assemblyTopic(), bytesOut, bytesOut, partitioner, "index");
        Duration retention = Duration.ofMillis(s.indexRetentionMs());
        t.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.INDEX_FLOWS, retention, Duration.ofMillis(1), true),
                Serdes.Bytes(), Serdes.ByteArray()), "index");
        t.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.INDEX_COUNTS, retention, Duration.ofMillis(1), false),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), "index");
        t.addStateStore(kv(StoreNames.INDEX_PENDING), "index");
        t.addStateStore(kv(StoreNames.INDEX_WATERMARKS), "index");

        t.addSource(ASSEMBLY_SOURCE, bytesIn, bytesIn, s.assemblyTopic());
        boolean apiJson = !s.apiJsonTopic().isEmpty();
        t.addProcessor("assembly", () -> new AssemblyProcessor(s, idleAdvanceUs, otlpPartitions, deepflowPartitions,
                "output", apiJson ? "api-json-output" : null, "probes"), ASSEMBLY_SOURCE);
        t.addSink("output", s.outputTopic(), bytesOut, bytesOut, "assembly");
        if (apiJson) {
            t.addSink("api-json-output", s.apiJsonTopic(), bytesOut, bytesOut, "assembly");
        }
        t.addSink("probes", s.indexTopic(), bytesOut, bytesOut, partitioner, "assembly");
        for (String store : List.of(StoreNames.TRACES, StoreNames.TRACE_ANSWERS, StoreNames.TRACE_SCHEDULE,
                StoreNames.TRACE_EMITTED, StoreNames.ASSEMBLY_WATERMARKS)) {
            t.addStateStore(kv(store), "assembly");
        }
        if (seeds != null) {
            t.addStateStore(kv(StoreNames.SEED_WATERMARKS), "assembly");
        }
        return t;
    }

    /**
     * The keys a DeepFlow flow is filed under: each of its correlation keys, which the search
     * probes, and its {@code _id} ({@link FlowIdKey}), by which the HTTP API finds an entry flow.
     */
    static List<String> indexKeys(Flow f) {
        List<String> keys = new ArrayList<>();
        for (CorrelationKey k : CorrelationKey.of(f)) {
            keys.add(k.text());
        }
        if (!f.id().isEmpty()) {
            keys.add(FlowIdKey.of(f.id()));
        }
        return keys;
    }

    /**
     * How far past the newest event an all-idle input moves the watermark: beyond every close
     * time (end + network delay + clock offset) and probe window (3 s padding, whole seconds).
     */
    static long idleAdvanceUs(StreamSettings s) {
        return s.graceUs() + s.tracing().networkDelayUs() + s.tracing().hostClockOffsetUs()
                + (s.tracing().iterationExpandTimeRangeS() * s.tracing().maxIteration() + 5) * 1_000_000L;
    }

    private static org.apache.kafka.streams.state.StoreBuilder<?> kv(String name) {
        // cached: a trace's state, a key's count and a round's partial answers change many times
        // between two commits; the cache sends only the last value to RocksDB and the changelog
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    static FlowDecoder deepFlowDecoder() {
        FlowRowDecoder rows = new FlowRowDecoder();
        return value -> new FlowDecoder.Decoded(List.of(rows.decode(value)), List.of());
    }

    static FlowDecoder otlpDecoder(StreamSettings.OtlpEncoding encoding) {
        OtlpSpanDecoder otlp = new OtlpSpanDecoder();
        return value -> {
            DecodedBatch batch = encoding == StreamSettings.OtlpEncoding.OTLP_JSON
                    ? otlp.decodeJsonBatch(value) : otlp.decodeProtoBatch(value);
            return new FlowDecoder.Decoded(batch.flows(), batch.rejected().stream()
                    .map(e -> new FlowDecoder.Refusal(e.field(), e.message())).toList());
        };
    }
}
