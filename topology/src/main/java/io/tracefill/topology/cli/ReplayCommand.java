package io.tracefill.topology.cli;

import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.replay.Replay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tracefill replay}: the pipeline over a past range of its input topics, then it stops. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-processes the input topics from a point in time with a fresh application id "
                + "(<application.id>-replay-<UTC time>: its own consumer group, internal topics and state, deleted "
                + "at the end), and stops by itself once every trace of the range is emitted. Same records and "
                + "settings as the live pipeline, so the same traces, byte for byte. Progress on stderr.",
                "Settings as for run (the properties file, TRACEFILL_* variables; docs/configuration.md). "
                        + "Exit status 2 with one line on stderr for a bad option or setting, a missing topic or an "
                        + "unreachable broker; 1 if the stream fails or the replay is stopped early."})
final class ReplayCommand implements Callable<Integer> {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of the live pipeline "
            + "(default: environment only).")
    Path config;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "First record time replayed: ISO-8601 (2024-06-10T06:13:20Z) or ms or µs since the epoch.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "First record time not replayed, same forms. Default: up to the end of each partition as "
                    + "it is when the replay starts.")
    String to;

    @Option(names = "--output-topic", paramLabel = "T",
            description = "Where the traces go. Default: tracefill.topic.output of the settings (the live output "
                    + "topic).")
    String outputTopic;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long fromUs = GenerateValues.timeUs("--from", from, true);
        Long toUs = to == null ? null : GenerateValues.timeUs("--to", to, true);
        if (toUs != null && toUs <= fromUs) {
            throw new CliException("--to (" + GenerateValues.instant(toUs) + ") must be after --from ("
                    + GenerateValues.instant(fromUs) + ")");
        }
        if (outputTopic != null && !outputTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new CliException("--output-topic: not a Kafka topic name: '" + outputTopic + "'");
        }
        // record timestamps are whole ms: the range [from, to) holds those at or after ceil(from), before ceil(to)
        Replay.Options options = new Replay.Options(Math.floorDiv(fromUs + 999, 1000L),
                toUs == null ? null : Math.floorDiv(toUs + 999, 1000L), outputTopic);
        try (GracefulStop stop = GracefulStop.install("tracefill-replay-shutdown", SHUTDOWN_WAIT)) {
            QuietLogs quiet = QuietLogs.apply();
            try {
                Replay.Result result = new Replay(Settings.load(config, System.getenv()), options,
                        spec.commandLine().getErr(), Terminal.stderrIsTerminal()).run(stop.requested());
                return result.completed() ? 0 : TracefillCommand.EXIT_FAILURE;
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            } finally {
                quiet.restore();
            }
        }
    }
}
