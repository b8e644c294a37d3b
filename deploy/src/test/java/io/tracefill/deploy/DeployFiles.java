package io.tracefill.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/** Where the deploy files are, and how to read them: YAML (one or many documents) and properties. */
final class DeployFiles {
    private static final YAMLMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .build();

    /** The repository root: the nearest directory upwards holding docs/configuration.md and deploy/. */
    static final Path ROOT = findRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path COLLECTOR = DEPLOY.resolve("otel-collector");
    static final Path COMPOSE_DIR = DEPLOY.resolve("compose");
    static final Path COMPOSE = COMPOSE_DIR.resolve("compose.yaml");
    static final Path COMPOSE_PROPERTIES = COMPOSE_DIR.resolve("tracefill.properties");
    static final Path CONFIGURATION_MD = ROOT.resolve("docs/configuration.md");
    static final Path README_MD = ROOT.resolve("README.md");

    private DeployFiles() {
    }

    private static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/configuration.md")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (docs/configuration.md and deploy/) above "
                + Path.of("").toAbsolutePath());
    }

    /** Every YAML file under deploy/ (build output excluded), sorted. */
    static List<Path> yamlFiles() {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !DEPLOY.relativize(p).startsWith("target") && !DEPLOY.relativize(p).startsWith("src"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document; duplicate keys are an error. */
    static JsonNode yaml(Path p) {
        List<JsonNode> docs = yamlDocuments(p);
        if (docs.size() != 1) {
            throw new IllegalStateException(p + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    /** Every non-empty document of a (possibly multi-document) YAML file; duplicate keys are an error. */
    static List<JsonNode> yamlDocuments(Path p) {
        return yamlDocuments(read(p), p.toString());
    }

    static List<JsonNode> yamlDocuments(String text, String source) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                // an empty document (a trailing ---) reads as null or as an empty scalar
                boolean empty = n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isEmpty());
                if (!empty) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    /** A properties text; a key given twice is an error (the second would silently win). */
    static Properties properties(String text, String source) {
        Set<Object> seen = new LinkedHashSet<>();
        Properties p = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (!seen.add(key)) {
                    throw new IllegalStateException(source + ": key '" + key + "' is set twice");
                }
                return super.put(key, value);
            }
        };
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Properties properties(Path p) {
        return properties(read(p), p.toString());
    }
}
