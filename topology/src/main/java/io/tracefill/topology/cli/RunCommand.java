package io.tracefill.topology.cli;

import io.tracefill.topology.app.Pipeline;
import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tracefill run}: the pipeline against an existing Kafka cluster, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline against an existing Kafka cluster until stopped (Ctrl-C or SIGTERM).",
                "Every setting comes from the properties file and can be overridden by an environment variable "
                        + "(bootstrap.servers -> TRACEFILL_BOOTSTRAP_SERVERS); see docs/configuration.md.",
                "Exit status 2 with one line on stderr for a bad setting, a missing input topic or an unreachable "
                        + "broker; 1 if the stream fails."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: environment only).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StreamSettings settings;
        Pipeline pipeline;
        try {
            settings = StreamSettings.read(Settings.load(config, System.getenv()));
            pipeline = Pipeline.start(settings);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
        Thread hook = new Thread(pipeline::close, "tracefill-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getErr().println("tracefill: running " + settings.applicationId() + " on "
                + settings.bootstrapServers() + "; " + settings.deepflowTopic() + " + " + settings.otlpTopic() + " -> "
                + settings.outputTopic());
        spec.commandLine().getErr().flush();
        try {
            pipeline.awaitStopped();
        } catch (InterruptedException e) {
            // stopped from within the JVM (an embedding application, a test): stop as on Ctrl-C
            Thread.currentThread().interrupt();
            pipeline.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            return 0;
        }
        return pipeline.streams().state() == KafkaStreams.State.ERROR ? TracefillCommand.EXIT_FAILURE : 0;
    }
}
