package io.tracefill.topology.config;

import io.tracefill.tracing.ConnectionStrategy;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingSettingsTest {

    @Test
    void defaultsAreDeepFlows() {
        TracingConfig c = TracingSettings.read(Settings.of(new Properties(), Map.of()));
        assertThat(c).isEqualTo(TracingConfig.defaults());
        assertThat(c.networkDelayUs()).isEqualTo(50_000);
        assertThat(c.tracingSources()).containsExactlyInAnyOrder(TracingSource.TRACE_ID, TracingSource.SYSCALL,
                TracingSource.TCP_SEQ, TracingSource.X_REQUEST_ID);
    }

    @Test
    void fileValuesAreReadAndEnvironmentOverridesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracefill.properties");
        Files.writeString(file, """
                tracing.max_iteration = 5
                tracing.network_delay_us = 3000000
                tracing.tracing_source = trace_id, tcp_seq, dns
                tracing.span_set_connection_strategies = net_span_c_to_s_via_trace_id
                tracing.allow_multiple_trace_ids_in_tracing_result = true
                """);
        Settings s = Settings.load(file, Map.of("TRACEFILL_TRACING_MAX_ITERATION", "7"));

        TracingConfig c = TracingSettings.read(s);

        assertThat(c.maxIteration()).isEqualTo(7);
        assertThat(c.networkDelayUs()).isEqualTo(3_000_000);
        assertThat(c.tracingSources()).containsExactlyInAnyOrder(TracingSource.TRACE_ID, TracingSource.TCP_SEQ,
                TracingSource.DNS);
        assertThat(c.spanSetConnectionStrategies()).containsExactly(ConnectionStrategy.NET_SPAN_C_TO_S_VIA_TRACE_ID);
        assertThat(c.allowMultipleTraceIds()).isTrue();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> TracingSettings.read(Settings.of(new Properties(),
                Map.of("TRACEFILL_TRACING_NETWORK_DELAY_US", "fast"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TRACEFILL_TRACING_NETWORK_DELAY_US: expected an integer, got 'fast'");
        Properties p = new Properties();
        p.setProperty("tracing.tracing_source", "trace_id,carrier_pigeon");
        assertThatThrownBy(() -> TracingSettings.read(Settings.of(p, Map.of())))
                .hasMessageStartingWith("tracing.tracing_source: unknown tracing source 'carrier_pigeon'");
        Properties q = new Properties();
        q.setProperty("tracing.l7_tracing_limit", "0");
        assertThatThrownBy(() -> TracingSettings.read(Settings.of(q, Map.of())))
                .hasMessage("tracing.l7_tracing_limit: must be >= 1, got 0");
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(dir.resolve("nope.properties"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nope.properties: no such file");
    }
}
