package io.tracefill.topology.cli;

import io.tracefill.topology.broker.BrokerStartException;
import io.tracefill.topology.broker.EmbeddedBroker;
import io.tracefill.topology.broker.LoopbackPorts;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.demo.Demo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tracefill demo}: broker, traffic and pipeline in one JVM, with a status line and drawn traces. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs everything in this JVM, nothing to install: a Kafka broker on 127.0.0.1, the input "
                + "topics, live traffic from the workload generator (a web shop on Kubernetes: OTel app spans and "
                + "DeepFlow eBPF and network rows) and the pipeline. Shows a status line on stderr and, every few "
                + "seconds, one completed trace on stdout as a tree: A app, S system (eBPF), N network spans, each "
                + "with observation point, service or interface, protocol, resource, duration and why it hangs "
                + "where it does.",
                "Ctrl-C stops cleanly; all data (broker and state) is deleted. Exit status 2 with one line on stderr "
                        + "for a bad option or a port in use, 1 if something fails."})
final class DemoCommand implements Callable<Integer> {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(90);

    @Option(names = "--duration", paramLabel = "D",
            description = "How long the traffic runs, then the demo stops and prints a summary: 60s, 5m, PT1M "
                    + "(the broker's and the pipeline's start are not counted). Default: until Ctrl-C.")
    String duration;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10",
            description = "User requests (traces) per second. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Names the generated shop and its traffic. Default: ${DEFAULT-VALUE}.")
    String seed;

    @Option(names = "--http-port", paramLabel = "P",
            description = "tracefill.http.port of the pipeline; 0: no HTTP API. Default: "
                    + StreamSettings.DEFAULT_HTTP_PORT + ".")
    Integer httpPort;

    @Option(names = "--kafka-port", paramLabel = "P", defaultValue = "" + EmbeddedBroker.DEFAULT_CLIENT_PORT,
            description = "Port of the broker for Kafka clients; 0: any free port. Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "P", defaultValue = "" + EmbeddedBroker.DEFAULT_CONTROLLER_PORT,
            description = "Port of the broker's KRaft controller (used by the broker itself); 0: any free port. "
                    + "Default: ${DEFAULT-VALUE}.")
    int controllerPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Demo.Options options = options();
        // Ctrl-C: ask the run to stop, and keep the JVM alive until it has stopped everything and said so
        try (GracefulStop stop = GracefulStop.install("tracefill-demo-shutdown", SHUTDOWN_WAIT)) {
            QuietLogs quiet = QuietLogs.apply();
            try {
                new Demo(options, spec.commandLine().getOut(), spec.commandLine().getErr(),
                        Terminal.stderrIsTerminal()).run(stop.requested());
                return 0;
            } catch (BrokerStartException e) {
                throw new CliException(e.getMessage()); // a port in use: the user's to fix
            } finally {
                quiet.restore();
            }
        }
    }

    private Demo.Options options() {
        Duration d = duration == null ? null : GenerateValues.duration(duration);
        double r = GenerateValues.number("--rate", rate);
        if (!(r > 0) || r > 10_000) {
            throw new CliException("--rate must be > 0 and <= 10000, got " + rate);
        }
        long s;
        try {
            s = Long.parseLong(seed.strip());
        } catch (NumberFormatException e) {
            throw new CliException("--seed: expected an integer, got '" + seed + "'");
        }
        int http = httpPort == null ? StreamSettings.DEFAULT_HTTP_PORT : port("--http-port", httpPort);
        int kafka = port("--kafka-port", kafkaPort);
        int controller = port("--controller-port", controllerPort);
        if (kafka == 0) {
            kafka = LoopbackPorts.anyFree();
        }
        if (controller == 0) {
            controller = LoopbackPorts.anyFree();
        }
        if (kafka == controller) {
            throw new CliException("--kafka-port and --controller-port must differ, both are " + kafka);
        }
        return new Demo.Options(d, r, s, http, kafka, controller);
    }

    private static int port(String option, int value) {
        if (value < 0 || value > 65_535) {
            throw new CliException(option + " must be between 0 and 65535, got " + value);
        }
        return value;
    }
}
