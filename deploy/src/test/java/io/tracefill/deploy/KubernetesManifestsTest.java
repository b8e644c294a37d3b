package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesManifestsTest {
    private final Deployment d = new Deployment();

    @Test
    void everyObjectHasApiVersionKindAndName() {
        for (Path p : DeployFiles.yamlFiles()) {
            if (p.startsWith(DeployFiles.KUBERNETES)) {
                KubernetesChecks.everyObjectIsNamed(p.getFileName().toString(), DeployFiles.yamlDocuments(p));
            }
        }
    }

    @Test
    void kustomizationListsEveryManifest() {
        KubernetesChecks.kustomizationListsEveryManifest(d.kustomization, d.manifestFiles);
    }

    @Test
    void holdsTheObjectsTracefillNeeds() {
        assertThat(d.kubernetes).extracting(o -> Yaml.text(o, "kind"))
                .containsExactlyInAnyOrder("ConfigMap", "Service", "Service", "StatefulSet", "PodDisruptionBudget");
    }

    @Test
    void statefulSetsServiceIsTheHeadlessService() {
        KubernetesChecks.statefulSetUsesHeadlessService(d.statefulSet, d.services);
    }

    @Test
    void selectorsOfStatefulSetServicesAndBudgetMatchThePods() {
        KubernetesChecks.selectorsMatchThePods(d.statefulSet, d.services);
        KubernetesChecks.disruptionBudgetCoversThePods(d.disruptionBudget, d.statefulSet);
    }

    @Test
    void stateVolumeClaimIsMountedAtTheConfiguredStateDir() {
        KubernetesChecks.stateVolumeIsMountedAtStateDir(d.statefulSet, d.kubernetesProperties);
    }

    @Test
    void runsTracefillRunWithTheConfigMapsPropertiesFile() {
        KubernetesChecks.configFileIsMountedWhereTheCommandReadsIt(d.statefulSet, d.configMap);
    }

    @Test
    void containerPortProbesAndServicesUseTheHttpPort() {
        int port = d.httpPort(d.kubernetesProperties);
        assertThat(port).as("tracefill.http.port (documented default)")
                .isEqualTo(Integer.parseInt(d.docs.defaultOf("tracefill.http.port")));

        KubernetesChecks.portsAgreeWithHttpPort(d.statefulSet, d.services, port);
    }

    @Test
    void livenessIsProcessUpAndReadinessIsGetHealth() {
        KubernetesChecks.probesFollowTheHealthContract(d.statefulSet);
    }

    @Test
    void applicationServerIsThePodsNameOnTheHeadlessService() {
        KubernetesChecks.applicationServerIsThePodDnsName(d.statefulSet, d.httpPort(d.kubernetesProperties));
    }

    @Test
    void memoryLimitHoldsHeapRocksDbBudgetAndTheStatedOverhead() {
        KubernetesChecks.memoryLimitCoversHeapRocksDbAndOverhead(d.statefulSet, d.rocksDbBytes(d.kubernetesProperties));
    }

    @Test
    void noServiceLinkVariablesCollideWithTracefillsEnvironmentPrefix() {
        KubernetesChecks.serviceLinksAreOff(d.statefulSet);
    }

    @Test
    void imageIsTheDocumentedPlaceholder() {
        JsonNode c = KubernetesChecks.container(d.statefulSet);

        assertThat(Yaml.text(c, "image")).isEqualTo("ghcr.io/tracefill/tracefill:latest");
        assertThat(Yaml.text(c, "name")).isEqualTo("tracefill");
    }
}
