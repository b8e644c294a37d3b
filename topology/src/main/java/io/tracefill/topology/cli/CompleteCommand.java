package io.tracefill.topology.cli;

import io.tracefill.serdes.json.CompletionRequestDecoder;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.TraceCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "complete", mixinStandardHelpOptions = true,
        description = {"DeepFlow's Trace Completion API over the flows of a file: give it app spans (the request body of "
                + "POST /v1/stats/querier/tracing-completion-by-external-app-spans) and get them back with the "
                + "system and network spans DeepFlow saw around them, as one tree.",
                "Prints DeepFlow's response envelope as JSON on stdout. Exit status 2 and one line on stderr for "
                + "bad input."})
final class CompleteCommand implements Callable<Integer> {
    @Option(names = "--flows", required = true, paramLabel = "FILE",
            description = "JSON lines of l7_flow_log rows (querier columns or DeepFlow's Kafka exporter JSON).")
    Path flows;

    @Option(names = "--request", required = true, paramLabel = "FILE",
            description = "The request body: {\"app_spans\": [...], \"max_iteration\": 30, \"network_delay_us\": 50000}.")
    Path request;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CompletionRequest body = readRequest();
        InMemoryFlowIndex index = new InMemoryFlowIndex(FlowFile.read(flows));
        var result = new TraceCompletion(index, engine.tracingConfig()).complete(body);
        JsonOutput.print(result, ResponseType.TRACING_COMPLETION, engine.pretty, spec.commandLine().getOut());
        return 0;
    }

    private CompletionRequest readRequest() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(request);
        } catch (NoSuchFileException e) {
            throw new CliException(request + ": no such file");
        } catch (IOException e) {
            throw new CliException(request + ": cannot read: " + e.getMessage());
        }
        try {
            return new CompletionRequestDecoder().decode(bytes);
        } catch (DecodeException e) {
            throw new CliException(request + ": " + e.getMessage());
        }
    }
}
