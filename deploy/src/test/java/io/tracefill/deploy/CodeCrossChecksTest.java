package io.tracefill.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy files against the code, read as source text (this module depends on no other, so
 * it builds alone): the Kafka version, the embedded broker's single-node settings, the RocksDB
 * budget's key and default, and the pipeline's settings class once it exists.
 */
class CodeCrossChecksTest {
    private static final Path CONFIG_DIR = DeployFiles.ROOT.resolve("topology/src/main/java/io/tracefill/topology/config");
    private static final Path SINGLE_NODE = DeployFiles.ROOT
            .resolve("topology/src/main/java/io/tracefill/topology/broker/SingleNodeSettings.java");
    private static final Path ROCKSDB = DeployFiles.ROOT
            .resolve("state/src/main/java/io/tracefill/state/BoundedMemoryRocksDbConfig.java");

    private final Deployment d = new Deployment();

    @Test
    void composeRunsTheKafkaVersionTheBuildUses() {
        Matcher m = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>")
                .matcher(DeployFiles.read(DeployFiles.ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("kafka.version in the root pom").isTrue();

        assertThat(ComposeChecks.imageTag(d.compose, "kafka")).isEqualTo(m.group(1)).isNotEqualTo("4.3.0");
        assertThat(ComposeChecks.imageTag(d.compose, ComposeChecks.TOPIC_CREATION)).isEqualTo(m.group(1));
    }

    @Test
    void composeKafkaHasEverySingleNodeSettingOfTheEmbeddedBroker() {
        Assumptions.assumeTrue(Files.exists(SINGLE_NODE), "no SingleNodeSettings.java");
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\.put\\(\"([a-z0-9.]+)\",\\s*\"([^\"]*)\"\\)").matcher(DeployFiles.read(SINGLE_NODE));
        while (m.find()) {
            settings.put(m.group(1), m.group(2));
        }
        assertThat(settings).as("literal settings of SingleNodeSettings").containsAllEntriesOf(ComposeChecks.SINGLE_NODE);

        ComposeChecks.kafkaHasTheSingleNodeTransactionSettings(d.compose, settings);
    }

    @Test
    void rocksDbBudgetKeysAndDefaultsAreTheDocumentedOnes() {
        Assumptions.assumeTrue(Files.exists(ROCKSDB), "no BoundedMemoryRocksDbConfig.java");
        String src = DeployFiles.read(ROCKSDB);

        assertThat(constant(src, "TOTAL_BYTES")).contains("\"tracefill.rocksdb.memory.bytes\"");
        assertThat(evaluate(constant(src, "DEFAULT_TOTAL_BYTES")))
                .isEqualTo(Long.parseLong(d.docs.defaultOf("tracefill.rocksdb.memory.bytes")));
        assertThat(constant(src, "WRITE_BUFFER_RATIO")).contains("\"tracefill.rocksdb.write.buffer.ratio\"");
        assertThat(Double.parseDouble(constant(src, "DEFAULT_WRITE_BUFFER_RATIO")))
                .isEqualTo(Double.parseDouble(d.docs.defaultOf("tracefill.rocksdb.write.buffer.ratio")));
    }

    /**
     * When the pipeline's settings class exists (StreamSettings in topology's config package),
     * every documented tracefill.* key of the pipeline is spelled in that package, and every topic
     * default the deploy files rely on is a literal there. Until then the documentation is the
     * only source of truth, and this check is reported as skipped.
     */
    @Test
    void pipelineSettingsSpellTheDocumentedKeysAndTopicDefaults() throws IOException {
        Assumptions.assumeTrue(Files.exists(CONFIG_DIR.resolve("StreamSettings.java")),
                "topology has no StreamSettings yet: docs/configuration.md is the source of truth");
        String src;
        try (Stream<Path> files = Files.list(CONFIG_DIR)) {
            src = files.filter(f -> f.toString().endsWith(".java")).sorted().map(DeployFiles::read)
                    .collect(Collectors.joining("\n"));
        }

        d.docs.defaults().keySet().stream()
                // tracefill.rocksdb.* live in the state module (checked above); Kafka's own keys
                // (bootstrap.servers, ...) may come from StreamsConfig constants
                .filter(key -> key.startsWith("tracefill.") && !key.startsWith("tracefill.rocksdb."))
                .forEach(key -> assertThat(src).as("config package spells key %s", key).contains("\"" + key + "\""));
        for (String key : PropertiesChecks.TOPIC_KEYS) {
            assertThat(src).as("config package default of %s", key).contains("\"" + d.docs.defaultOf(key) + "\"");
        }
        // the port the manifests, probes and Services are built around
        Matcher port = Pattern.compile("DEFAULT_HTTP_PORT\\s*=\\s*(\\d+)").matcher(src);
        if (port.find()) {
            assertThat(port.group(1)).as("DEFAULT_HTTP_PORT").isEqualTo(d.docs.defaultOf("tracefill.http.port"));
        }
    }

    private static String constant(String src, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*([^;]+);").matcher(src);
        assertThat(m.find()).as("constant %s", name).isTrue();
        return m.group(1).strip();
    }

    /** A long constant written as N, N << M or N * M (with L suffixes and underscores). */
    static long evaluate(String expression) {
        String e = expression.replace("_", "").replaceAll("(?<=\\d)[lL]\\b", "").replaceAll("[()]", "").strip();
        if (e.contains("<<")) {
            String[] p = e.split("<<");
            return evaluate(p[0]) << Long.parseLong(p[1].strip());
        }
        long product = 1;
        for (String f : e.split("\\*")) {
            product *= Long.parseLong(f.strip());
        }
        return product;
    }
}
