package io.tracefill.topology.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code tracefill}: the command line. Exit status 0 on success, 2 for bad input or usage, 1 for a failure. */
@Command(name = "tracefill", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Completes traces the way DeepFlow does: application spans joined with the eBPF and network "
                + "spans DeepFlow saw, as one tree, every span with deepflow_span_id / deepflow_parent_span_id.",
        subcommands = {TraceCommand.class, CompleteCommand.class, RunCommand.class, DemoCommand.class,
                ReplayCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class TracefillCommand implements Runnable {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call it with their own streams. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TracefillCommand());
        // a missing or unknown option is one line too, with where to look, not the whole usage text
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("tracefill: " + e.getMessage().strip().replace("\n", "; ") + " (see "
                    + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof CliException) {
                err.println("tracefill: " + e.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println("tracefill: internal error: " + e);
            err.flush();
            return EXIT_FAILURE;
        });
        return cli;
    }
}
