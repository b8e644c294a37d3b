package io.tracefill.topology.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static Settings fileAndEnv() {
        Properties file = new Properties();
        file.setProperty("application.id", "from-file");
        file.setProperty("tracefill.grace.ms", "3000");
        file.setProperty("kafka.num.stream.threads", "2");
        return Settings.of(file, Map.of("TRACEFILL_APPLICATION_ID", "from-env", "TRACEFILL_KAFKA_LINGER_MS", "5"));
    }

    @Test
    void overridesWinOverEnvironmentAndFileAndKeepTheRest() {
        Settings s = fileAndEnv().withOverrides(Map.of("application.id", "replay", "kafka.main.consumer.x", "1"));

        assertThat(s.get("application.id")).contains("replay");
        assertThat(s.getLong("tracefill.grace.ms", 0, 0)).isEqualTo(3000);
        assertThat(s.keysWithPrefix("kafka.")).containsExactly("kafka.linger.ms", "kafka.main.consumer.x",
                "kafka.num.stream.threads");
        assertThat(fileAndEnv().get("application.id")).as("the original is unchanged").contains("from-env");
    }

    @Test
    void aBadOverrideIsReportedUnderItsKey() {
        Settings s = fileAndEnv().withOverrides(Map.of("tracefill.grace.ms", "soon"));

        assertThatThrownBy(() -> s.getLong("tracefill.grace.ms", 0, 0))
                .hasMessage("tracefill.grace.ms: expected an integer, got 'soon'");
    }
}
