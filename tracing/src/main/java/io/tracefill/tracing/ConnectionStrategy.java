package io.tracefill.tracing;

import java.util.Locale;

/** Opt-in weak links between span sets (DeepFlow's {@code span_set_connection_strategies}, spec §9 steps 7–8). */
public enum ConnectionStrategy {
    NET_SPAN_C_TO_S_VIA_TRACE_ID("net_span_c_to_s_via_trace_id"),
    SYS_SPAN_S_TO_C_VIA_TRACE_ID("sys_span_s_to_c_via_trace_id");

    private final String configName;

    ConnectionStrategy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static ConnectionStrategy parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ConnectionStrategy s : values()) {
            if (s.configName.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown span set connection strategy '" + name.strip()
                + "' (known: net_span_c_to_s_via_trace_id, sys_span_s_to_c_via_trace_id)");
    }
}
