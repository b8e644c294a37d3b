package io.tracefill.topology.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, capturing what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cli = TracefillCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return new CliRun(code, out.toString(), err.toString());
    }
}
