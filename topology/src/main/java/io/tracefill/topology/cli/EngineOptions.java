package io.tracefill.topology.cli;

import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.TracingSettings;
import io.tracefill.tracing.TracingConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every tracing command shares: the settings file and the output style. */
final class EngineOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with tracing.* settings (environment variables TRACEFILL_TRACING_* "
                    + "override it; flags override both).")
    Path config;

    @Option(names = "--pretty", description = "Indent the JSON output.")
    boolean pretty;

    TracingConfig tracingConfig() {
        try {
            return TracingSettings.read(Settings.load(config, System.getenv()));
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
    }
}
