package io.tracefill.tracing;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Correlation keys the search may expand on (DeepFlow's {@code tracing_source}). */
public enum TracingSource {
    TRACE_ID("trace_id"),
    SYSCALL("syscall"),
    TCP_SEQ("tcp_seq"),
    X_REQUEST_ID("x_request_id"),
    /** Opt-in: DNS transaction ids relate DNS rows across observation points. */
    DNS("dns");

    private final String configName;

    TracingSource(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** DeepFlow's default when {@code tracing_source} is empty: everything but DNS. */
    public static Set<TracingSource> defaults() {
        return EnumSet.of(TRACE_ID, SYSCALL, TCP_SEQ, X_REQUEST_ID);
    }

    public static TracingSource parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (TracingSource s : values()) {
            if (s.configName.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown tracing source '" + name.strip()
                + "' (known: trace_id, syscall, tcp_seq, x_request_id, dns)");
    }
}
