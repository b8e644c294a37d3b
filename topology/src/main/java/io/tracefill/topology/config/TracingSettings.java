package io.tracefill.topology.config;

import io.tracefill.tracing.ConnectionStrategy;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;

import java.util.EnumSet;
import java.util.Set;

/** Reads the engine's parameters ({@code tracing.*}, DeepFlow's names) into a {@link TracingConfig}. */
public final class TracingSettings {
    public static final String MAX_ITERATION = "tracing.max_iteration";
    public static final String NETWORK_DELAY_US = "tracing.network_delay_us";
    public static final String HOST_CLOCK_OFFSET_US = "tracing.host_clock_offset_us";
    public static final String TRACING_SOURCE = "tracing.tracing_source";
    public static final String ALLOW_MULTIPLE_TRACE_IDS = "tracing.allow_multiple_trace_ids_in_tracing_result";
    public static final String SPAN_SET_CONNECTION_STRATEGIES = "tracing.span_set_connection_strategies";
    public static final String ITERATION_EXPAND_TIME_RANGE = "tracing.iteration_expand_time_range";
    public static final String L7_TRACING_LIMIT = "tracing.l7_tracing_limit";

    private TracingSettings() {
    }

    public static TracingConfig read(Settings s) {
        return new TracingConfig(
                s.getInt(MAX_ITERATION, TracingConfig.DEFAULT_MAX_ITERATION, 0),
                s.getLong(NETWORK_DELAY_US, TracingConfig.DEFAULT_NETWORK_DELAY_US, 0),
                s.getLong(HOST_CLOCK_OFFSET_US, TracingConfig.DEFAULT_HOST_CLOCK_OFFSET_US, 0),
                sources(s),
                s.getBoolean(ALLOW_MULTIPLE_TRACE_IDS, false),
                strategies(s),
                s.getLong(ITERATION_EXPAND_TIME_RANGE, 0, 0),
                s.getInt(L7_TRACING_LIMIT, TracingConfig.DEFAULT_L7_TRACING_LIMIT, 1));
    }

    /** Parses a comma-separated tracing_source value; empty means DeepFlow's default set. */
    public static Set<TracingSource> parseSources(Iterable<String> names, String key) {
        Set<TracingSource> out = EnumSet.noneOf(TracingSource.class);
        for (String n : names) {
            try {
                out.add(TracingSource.parse(n));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Set<TracingSource> sources(Settings s) {
        return parseSources(s.getList(TRACING_SOURCE), TRACING_SOURCE);
    }

    private static Set<ConnectionStrategy> strategies(Settings s) {
        Set<ConnectionStrategy> out = EnumSet.noneOf(ConnectionStrategy.class);
        for (String n : s.getList(SPAN_SET_CONNECTION_STRATEGIES)) {
            try {
                out.add(ConnectionStrategy.parse(n));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(SPAN_SET_CONNECTION_STRATEGIES + ": " + e.getMessage());
            }
        }
        return out;
    }
}
