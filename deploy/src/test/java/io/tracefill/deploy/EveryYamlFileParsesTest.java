package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EveryYamlFileParsesTest {

    static List<Path> yamlFiles() {
        return DeployFiles.yamlFiles();
    }

    @Test
    void findsTheYamlFilesOfEveryPart() {
        assertThat(yamlFiles()).extracting(p -> DeployFiles.DEPLOY.relativize(p).toString().replace('\\', '/'))
                .contains("kubernetes/statefulset.yaml", "kubernetes/kustomization.yaml",
                        "otel-collector/ingest.yaml", "otel-collector/egress.yaml",
                        "compose/compose.yaml", "compose/tempo.yaml", "compose/grafana/datasources.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void parsesAsYamlMappingsWithoutDuplicateKeys(Path file) {
        List<JsonNode> docs = DeployFiles.yamlDocuments(file);

        assertThat(docs).as("documents of %s", file).isNotEmpty().allMatch(JsonNode::isObject);
    }

    @Test
    void aDuplicateKeyIsAnError() {
        String text = "a: 1\nb: 2\na: 3\n";

        assertThatThrownBy(() -> DeployFiles.yamlDocuments(text, "inline")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void readsEveryDocumentOfAMultiDocumentFile() {
        String text = "---\nkind: A\n---\nkind: B\n---\n";

        assertThat(DeployFiles.yamlDocuments(text, "inline")).extracting(n -> n.path("kind").asText())
                .containsExactly("A", "B");
    }
}
