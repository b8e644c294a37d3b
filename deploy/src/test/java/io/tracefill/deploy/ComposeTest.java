package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tracefill.deploy.Yaml.text;
import static org.assertj.core.api.Assertions.assertThat;

class ComposeTest {
    private final Deployment d = new Deployment();

    @Test
    void dependsOnNamesOnlyServicesOfTheFile() {
        ComposeChecks.dependsOnNamesExistingServices(d.compose);
    }

    @Test
    void topicCreationCreatesInputsOutputAndDeadLettersWithTheDefaultNames() {
        ComposeChecks.topicCreationCreatesTracefillsTopics(d.compose, d.docs);
    }

    @Test
    void kafkaIsOneKraftNodeWithReplicationFactorOneForOffsetsAndTransactions() {
        ComposeChecks.kafkaHasTheSingleNodeTransactionSettings(d.compose, ComposeChecks.SINGLE_NODE);
        Map<String, String> env = ComposeChecks.environment(ComposeChecks.service(d.compose, "kafka"));
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).as("topics only from %s", ComposeChecks.TOPIC_CREATION)
                .isEqualTo("false");
    }

    @Test
    void bindMountedFilesExist() {
        ComposeChecks.bindMountsExist(d.compose, DeployFiles.COMPOSE_DIR);
    }

    @Test
    void imagesArePinnedToVersions() {
        ComposeChecks.imagesArePinned(d.compose);
    }

    @Test
    void tracefillRunsWithTheMountedPropertiesFileAndPublishesTheHttpPort() {
        JsonNode tracefill = ComposeChecks.service(d.compose, "tracefill");
        String configPath = configArgument(ComposeChecks.commandLine(tracefill));

        assertThat(ComposeChecks.commandLine(tracefill)).startsWith("run ");
        assertThat(ComposeChecks.mountTarget(tracefill, "/tracefill.properties")).isEqualTo(configPath);
        assertThat(Yaml.strings(tracefill.path("ports"))).contains(d.httpPort(d.composeProperties) + ":"
                + d.httpPort(d.composeProperties));
        assertThat(d.composeProperties.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
    }

    @Test
    void tracefillsMemoryLimitHoldsHeapRocksDbAndOverhead() {
        JsonNode tracefill = ComposeChecks.service(d.compose, "tracefill");
        long limit = Sizes.compose(text(tracefill, "mem_limit"));
        long heap = Sizes.xmx(ComposeChecks.environment(tracefill).get("JAVA_TOOL_OPTIONS"));

        assertThat(heap).as("-Xmx").isPositive();
        assertThat(limit).isGreaterThanOrEqualTo(heap + d.rocksDbBytes(d.composeProperties)
                + KubernetesChecks.MIN_OVERHEAD_BYTES);
    }

    @Test
    void tracefillImageIsBuiltFromTheDockerfileAndRunsTracefillRun() {
        JsonNode build = ComposeChecks.service(d.compose, "tracefill").path("build");
        Path context = DeployFiles.COMPOSE_DIR.resolve(text(build, "context")).normalize();
        Path dockerfile = context.resolve(text(build, "dockerfile"));
        assertThat(context).as("build context = repository root").isEqualTo(DeployFiles.ROOT.normalize());
        assertThat(dockerfile).exists();
        String df = DeployFiles.read(dockerfile);

        assertThat(df).contains("-pl topology -am package")
                .contains("COPY --from=build /src/topology/target/tracefill.jar ")
                .contains("ENTRYPOINT [\"tracefill\"]")
                .contains("EXPOSE " + d.httpPort(d.composeProperties));
        Matcher cmd = Pattern.compile("(?m)^CMD \\[\"run\", \"--config\", \"([^\"]+)\"]$").matcher(df);
        assertThat(cmd.find()).as("CMD [\"run\", \"--config\", FILE] in the Dockerfile").isTrue();
        assertThat(cmd.group(1)).as("the Dockerfile's default config path = the Kubernetes one")
                .isEqualTo(configArgument(String.join(" ",
                        Yaml.strings(KubernetesChecks.container(d.statefulSet).path("args")))));
        assertThat(DeployFiles.COMPOSE_DIR.resolve("Dockerfile.dockerignore")).exists();
    }

    @Test
    void collectorsRunTheSharedConfigsAndPointAtComposeServices() {
        for (String name : List.of("ingest", "egress")) {
            String service = "otel-" + name;
            JsonNode svc = ComposeChecks.service(d.compose, service);
            String target = ComposeChecks.mountTarget(svc, "../otel-collector/" + name + ".yaml");
            assertThat(target).as("%s mounts otel-collector/%s.yaml", service, name).isNotNull();
            assertThat(ComposeChecks.commandLine(svc)).as("%s command", service).contains("--config=" + target);
            ComposeChecks.collectorEnvironmentPointsAtServices(d.compose, service,
                    DeployFiles.read(DeployFiles.COLLECTOR.resolve(name + ".yaml")));
        }
    }

    @Test
    void tempoReceivesOtlpGrpcWhereEgressSendsIt() {
        JsonNode tempo = DeployFiles.yaml(DeployFiles.COMPOSE_DIR.resolve("tempo.yaml"));
        String endpoint = text(tempo, "distributor.receivers.otlp.protocols.grpc.endpoint");
        String egressTarget = ComposeChecks.environment(ComposeChecks.service(d.compose, "otel-egress"))
                .get("TEMPO_OTLP_ENDPOINT");

        assertThat(endpoint).startsWith("0.0.0.0:");
        assertThat(port(endpoint)).isEqualTo(port(egressTarget));
        assertThat(ComposeChecks.mountTarget(ComposeChecks.service(d.compose, "tempo"), "/tempo.yaml"))
                .isEqualTo("/etc/tempo/tempo.yaml");
        assertThat(ComposeChecks.commandLine(ComposeChecks.service(d.compose, "tempo")))
                .contains("-config.file=/etc/tempo/tempo.yaml");
    }

    @Test
    void grafanaHasTempoAndJaegerDatasourcesOnComposeServices() {
        JsonNode ds = DeployFiles.yaml(DeployFiles.COMPOSE_DIR.resolve("grafana/datasources.yaml"));
        JsonNode tempo = DeployFiles.yaml(DeployFiles.COMPOSE_DIR.resolve("tempo.yaml"));
        Map<String, String> urls = new java.util.HashMap<>();
        Yaml.list(ds.path("datasources")).forEach(n -> urls.put(text(n, "type"), text(n, "url")));

        assertThat(urls).containsOnlyKeys("tempo", "jaeger");
        assertThat(URI.create(urls.get("tempo")).getHost()).isEqualTo("tempo");
        assertThat(URI.create(urls.get("tempo")).getPort()).isEqualTo(tempo.path("server").path("http_listen_port").asInt());
        assertThat(URI.create(urls.get("jaeger")).getHost()).isEqualTo("jaeger");
        assertThat(URI.create(urls.get("jaeger")).getPort()).as("Jaeger query/UI port").isEqualTo(16686);
        urls.values().forEach(u -> assertThat(ComposeChecks.services(d.compose)).containsKey(URI.create(u).getHost()));
    }

    @Test
    void readmeDocumentsTheComposeCommand() {
        assertThat(DeployFiles.read(DeployFiles.DEPLOY.resolve("README.md")))
                .contains("docker compose -f deploy/compose/compose.yaml up --build");
        assertThat(Files.exists(DeployFiles.COMPOSE_PROPERTIES)).isTrue();
    }

    private static String configArgument(String commandLine) {
        Matcher m = Pattern.compile("--config[= ](\\S+)").matcher(commandLine);
        assertThat(m.find()).as("--config in '%s'", commandLine).isTrue();
        return m.group(1);
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
