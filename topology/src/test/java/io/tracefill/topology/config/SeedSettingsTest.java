package io.tracefill.topology.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tracefill.seed.*}: seeding DeepFlow-only traces. */
class SeedSettingsTest {

    private static StreamSettings read(Map<String, String> file, Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(file);
        return StreamSettings.read(Settings.of(p, env));
    }

    @Test
    void seedingIsOffByDefaultAndSeedsFromServerProcesses() {
        StreamSettings s = read(Map.of(), Map.of());
        assertThat(s.seedDeepFlowOnly()).isFalse();
        assertThat(s.seedTapSides()).containsExactly("s-p");
    }

    @Test
    void seedingCanBeSwitchedOnWithOtherTapSidesAndTheEnvironmentWins() {
        StreamSettings s = read(Map.of(StreamSettings.SEED_DEEPFLOW_ONLY, "true",
                        StreamSettings.SEED_TAP_SIDES, "s-p"),
                Map.of("TRACEFILL_TRACEFILL_SEED_TAP_SIDES", "s-p, s-gw"));
        assertThat(s.seedDeepFlowOnly()).isTrue();
        assertThat(s.seedTapSides()).containsExactlyInAnyOrder("s-p", "s-gw");
        assertThat(s.withStateDir("/elsewhere").seedTapSides()).isEqualTo(s.seedTapSides());
    }

    @Test
    void anUnknownOrAppTapSideIsAOneLineError() {
        assertThatThrownBy(() -> read(Map.of(StreamSettings.SEED_TAP_SIDES, "s-p, server"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracefill.seed.tap-sides: 'server' is not a tap side of eBPF or Packet rows "
                        + "(e.g. s-p, s-gw, s, c-p)");
        assertThatThrownBy(() -> read(Map.of(StreamSettings.SEED_TAP_SIDES, "s-app"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'s-app'");
    }
}
