package io.tracefill.topology.cli;

import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.TracingSettings;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TimeWindow;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TracingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"DeepFlow's L7FlowTracing over the flows of a file: search from the entry flow over trace ids, "
                + "tcp seqs, syscall trace ids and x-request-ids, then build the trace tree.",
                "Prints DeepFlow's response envelope (DATA.tracing, services, host_clock_correction) as JSON on "
                + "stdout. Exit status 2 and one line on stderr for bad input."})
final class TraceCommand implements Callable<Integer> {
    @Option(names = "--flows", required = true, paramLabel = "FILE",
            description = "JSON lines of l7_flow_log rows (querier columns or DeepFlow's Kafka exporter JSON).")
    Path flows;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The entry flow's _id.")
    String id;

    @Option(names = "--time-start", paramLabel = "S", description = "Search window start, seconds on each row's end time.")
    Long timeStart;

    @Option(names = "--time-end", paramLabel = "S", description = "Search window end, seconds on each row's end time.")
    Long timeEnd;

    @Option(names = "--max-iteration", paramLabel = "N", description = "Search rounds (default 30; 0 means 1).")
    Integer maxIteration;

    @Option(names = "--network-delay-us", paramLabel = "N", description = "Network relation tolerance, µs (default 50000).")
    Long networkDelayUs;

    @Option(names = "--host-clock-offset-us", paramLabel = "N",
            description = "Extra tolerance between agents, µs (default 10000).")
    Long hostClockOffsetUs;

    @Option(names = "--tracing-source", paramLabel = "a,b,...", split = ",",
            description = "Keys to expand on: trace_id, syscall, tcp_seq, x_request_id, dns "
                    + "(default: all but dns).")
    List<String> tracingSources;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TracingConfig config = engine.tracingConfig();
        if (tracingSources != null) {
            try {
                config = config.withTracingSources(TracingSettings.parseSources(tracingSources, "--tracing-source"));
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            }
        }
        requireNonNegative("--max-iteration", maxIteration);
        requireNonNegative("--network-delay-us", networkDelayUs);
        requireNonNegative("--host-clock-offset-us", hostClockOffsetUs);
        TimeWindow window = new TimeWindow(timeStart == null ? Long.MIN_VALUE : timeStart,
                timeEnd == null ? Long.MAX_VALUE : timeEnd);
        if (window.startS() > window.endS()) {
            throw new CliException("--time-start " + timeStart + " is after --time-end " + timeEnd);
        }
        InMemoryFlowIndex index = new InMemoryFlowIndex(FlowFile.read(flows));
        if (index.findById(id).isEmpty()) {
            throw new CliException(flows + ": no flow with _id " + id);
        }
        TracingResult result = new L7FlowTracing(index, config).trace(
                new TraceRequest(id, null, window, maxIteration, networkDelayUs, hostClockOffsetUs, false));
        JsonOutput.print(result, ResponseType.L7_FLOW_TRACING, engine.pretty, spec.commandLine().getOut());
        return 0;
    }

    private static void requireNonNegative(String option, Number value) {
        if (value != null && value.longValue() < 0) {
            throw new CliException(option + " must be >= 0, got " + value);
        }
    }
}
