package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Every deploy file, parsed once per test class; tests take deep copies before they mutate anything. */
final class Deployment {
    final DocumentedConfig docs = DocumentedConfig.load();
    /** Kubernetes objects of every manifest except kustomization.yaml. */
    final List<JsonNode> kubernetes = new ArrayList<>();
    final List<String> manifestFiles = new ArrayList<>();
    final JsonNode kustomization;
    final JsonNode statefulSet;
    final List<JsonNode> services;
    final JsonNode configMap;
    final JsonNode disruptionBudget;
    final Properties kubernetesProperties;
    final JsonNode ingest = DeployFiles.yaml(DeployFiles.COLLECTOR.resolve("ingest.yaml"));
    final JsonNode egress = DeployFiles.yaml(DeployFiles.COLLECTOR.resolve("egress.yaml"));
    final JsonNode compose = DeployFiles.yaml(DeployFiles.COMPOSE);
    final Properties composeProperties = DeployFiles.properties(DeployFiles.COMPOSE_PROPERTIES);

    Deployment() {
        JsonNode kustomizationDoc = null;
        for (Path p : DeployFiles.yamlFiles()) {
            if (!p.startsWith(DeployFiles.KUBERNETES)) {
                continue;
            }
            String name = DeployFiles.KUBERNETES.relativize(p).toString();
            if (name.equals("kustomization.yaml")) {
                kustomizationDoc = DeployFiles.yaml(p);
            } else {
                manifestFiles.add(name);
                kubernetes.addAll(DeployFiles.yamlDocuments(p));
            }
        }
        if (kustomizationDoc == null) {
            throw new IllegalStateException("deploy/kubernetes/kustomization.yaml is missing");
        }
        kustomization = kustomizationDoc;
        statefulSet = KubernetesChecks.single(kubernetes, "StatefulSet");
        services = KubernetesChecks.ofKind(kubernetes, "Service");
        configMap = KubernetesChecks.single(kubernetes, "ConfigMap");
        disruptionBudget = KubernetesChecks.single(kubernetes, "PodDisruptionBudget");
        kubernetesProperties = KubernetesChecks.configMapProperties(configMap);
    }

    /** tracefill.http.port as the Kubernetes properties give it (or its documented default). */
    int httpPort(Properties p) {
        return Integer.parseInt(PropertiesChecks.valueOrDefault(p, "tracefill.http.port", docs));
    }

    long rocksDbBytes(Properties p) {
        return Long.parseLong(PropertiesChecks.valueOrDefault(p, "tracefill.rocksdb.memory.bytes", docs));
    }
}
