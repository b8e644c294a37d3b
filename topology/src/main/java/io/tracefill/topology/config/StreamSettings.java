package io.tracefill.topology.config;

import io.tracefill.serdes.model.TapSide;
import io.tracefill.state.BoundedMemoryRocksDbConfig;
import io.tracefill.tracing.TracingConfig;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's resolved configuration (docs/configuration.md): what {@code TopologyFactory}
 * and the runner need, validated once at startup so a bad value is a one-line error there.
 */
public record StreamSettings(
        String applicationId,
        String bootstrapServers,
        String stateDir,
        String otlpTopic,
        OtlpEncoding otlpEncoding,
        String deepflowTopic,
        String outputTopic,
        OutputFormat outputFormat,
        String apiJsonTopic,
        String deadLetterTopic,
        int internalPartitions,
        long graceUs,
        long idleFlushMs,
        long indexRetentionMs,
        long traceRetentionMs,
        int spansPerTrace,
        int flowsPerKey,
        int liveRunsPerTask,
        boolean seedDeepFlowOnly,
        Set<String> seedTapSides,
        int httpPort,
        long rocksDbMemoryBytes,
        TracingConfig tracing,
        Map<String, String> kafkaOverrides,
        HttpApiSettings httpApi) {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String STATE_DIR = "state.dir";
    public static final String OTLP_TOPIC = "tracefill.topic.otlp";
    public static final String OTLP_ENCODING = "tracefill.topic.otlp.encoding";
    public static final String DEEPFLOW_TOPIC = "tracefill.topic.deepflow";
    public static final String OUTPUT_TOPIC = "tracefill.topic.output";
    public static final String OUTPUT_FORMAT = "tracefill.output.format";
    public static final String API_JSON_TOPIC = "tracefill.topic.output.api-json";
    public static final String DEAD_LETTER_TOPIC = "tracefill.topic.dead-letters";
    public static final String INTERNAL_PARTITIONS = "tracefill.internal.partitions";
    public static final String GRACE_MS = "tracefill.grace.ms";
    public static final String IDLE_FLUSH_MS = "tracefill.idle.flush.ms";
    public static final String INDEX_RETENTION_MS = "tracefill.index.retention.ms";
    public static final String TRACE_RETENTION_MS = "tracefill.trace.retention.ms";
    public static final String SPANS_PER_TRACE = "tracefill.bounds.spans-per-trace";
    public static final String FLOWS_PER_KEY = "tracefill.bounds.flows-per-key";
    public static final String LIVE_RUNS = "tracefill.assembly.live-runs";
    public static final String SEED_DEEPFLOW_ONLY = "tracefill.seed.deepflow-only";
    public static final String SEED_TAP_SIDES = "tracefill.seed.tap-sides";
    public static final String HTTP_PORT = "tracefill.http.port";
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String DEFAULT_OTLP_TOPIC = "otlp_spans";
    public static final String DEFAULT_DEEPFLOW_TOPIC = "deepflow.flow_log.l7_flow_log";
    public static final String DEFAULT_OUTPUT_TOPIC = "tracefill.traces";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "tracefill.dead-letters";
    public static final int DEFAULT_HTTP_PORT = 20418;
    /** DESIGN §1's example of an entry no app span covers: the server process of an uninstrumented service. */
    public static final Set<String> DEFAULT_SEED_TAP_SIDES = Set.of(TapSide.SERVER_PROCESS);

    public enum OtlpEncoding { OTLP_PROTO, OTLP_JSON }

    public enum OutputFormat { OTLP_PROTO, OTLP_JSON, API_JSON }

    public static StreamSettings read(Settings s) {
        Map<String, String> kafka = new LinkedHashMap<>();
        s.keysWithPrefix(KAFKA_PREFIX).forEach(k -> kafka.put(k.substring(KAFKA_PREFIX.length()), s.get(k).orElseThrow()));
        return new StreamSettings(
                s.get(APPLICATION_ID).orElse("tracefill"),
                s.get(BOOTSTRAP_SERVERS).orElse("localhost:9092"),
                s.get(STATE_DIR).orElse(System.getProperty("java.io.tmpdir") + "/tracefill-state"),
                s.get(OTLP_TOPIC).orElse(DEFAULT_OTLP_TOPIC),
                enumOf(s, OTLP_ENCODING, OtlpEncoding.OTLP_PROTO),
                s.get(DEEPFLOW_TOPIC).orElse(DEFAULT_DEEPFLOW_TOPIC),
                s.get(OUTPUT_TOPIC).orElse(DEFAULT_OUTPUT_TOPIC),
                enumOf(s, OUTPUT_FORMAT, OutputFormat.OTLP_PROTO),
                s.get(API_JSON_TOPIC).orElse(""),
                s.get(DEAD_LETTER_TOPIC).orElse(DEFAULT_DEAD_LETTER_TOPIC),
                s.getInt(INTERNAL_PARTITIONS, 0, 0),
                s.getLong(GRACE_MS, 5_000, 0) * 1000,
                s.getLong(IDLE_FLUSH_MS, 10_000, 0),
                s.getLong(INDEX_RETENTION_MS, 3_600_000, 60_000),
                s.getLong(TRACE_RETENTION_MS, 600_000, 0),
                s.getInt(SPANS_PER_TRACE, 10_000, 1),
                s.getInt(FLOWS_PER_KEY, 1_000, 1),
                s.getInt(LIVE_RUNS, 4_096, 0),
                s.getBoolean(SEED_DEEPFLOW_ONLY, false),
                seedTapSides(s),
                s.getInt(HTTP_PORT, DEFAULT_HTTP_PORT, 0),
                s.getLong(BoundedMemoryRocksDbConfig.TOTAL_BYTES, BoundedMemoryRocksDbConfig.DEFAULT_TOTAL_BYTES,
                        16L << 20),
                TracingSettings.read(s),
                Map.copyOf(kafka),
                HttpApiSettings.read(s));
    }

    /** The same settings with another state directory (a second instance on one machine). */
    public StreamSettings withStateDir(String dir) {
        return new StreamSettings(applicationId, bootstrapServers, dir, otlpTopic, otlpEncoding, deepflowTopic,
                outputTopic, outputFormat, apiJsonTopic, deadLetterTopic, internalPartitions, graceUs, idleFlushMs,
                indexRetentionMs, traceRetentionMs, spansPerTrace, flowsPerKey, liveRunsPerTask, seedDeepFlowOnly,
                seedTapSides, httpPort, rocksDbMemoryBytes, tracing, kafkaOverrides, httpApi);
    }

    /** Internal topic names carry the application id, so a fresh id (a replay) gets fresh topics. */
    public String indexTopic() {
        return applicationId + "-index-in";
    }

    public String assemblyTopic() {
        return applicationId + "-assembly-in";
    }

    /**
     * Observation points of eBPF and Packet rows: an app-span point ({@code app}, {@code c-app},
     * {@code s-app}) never seeds, its rows are app spans.
     */
    private static Set<String> seedTapSides(Settings s) {
        var listed = s.getList(SEED_TAP_SIDES);
        if (listed.isEmpty()) {
            return DEFAULT_SEED_TAP_SIDES;
        }
        for (String side : listed) {
            if (!TapSide.isKnown(side) || side.equals(TapSide.APP) || side.equals(TapSide.CLIENT_APP)
                    || side.equals(TapSide.SERVER_APP)) {
                throw new ConfigException(SEED_TAP_SIDES + ": '" + side + "' is not a tap side of eBPF or Packet rows "
                        + "(e.g. s-p, s-gw, s, c-p)");
            }
        }
        return Set.copyOf(listed);
    }

    private static <E extends Enum<E>> E enumOf(Settings s, String key, E defaultValue) {
        var v = s.get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String name = v.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : defaultValue.getDeclaringClass().getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : defaultValue.getDeclaringClass().getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigException(key + ": expected one of " + allowed + ", got '" + v.get() + "'");
    }
}
