package io.tracefill.topology.app;

import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.Settings;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class StreamsPropertiesTest {
    private static StreamSettings settings(Map<String, String> file) {
        Properties p = new Properties();
        p.putAll(file);
        return StreamSettings.read(Settings.of(p, Map.of()));
    }

    @Test
    void advertisesLocalhostAndTheHttpPortByDefault() {
        Properties p = StreamsProperties.of(settings(Map.of(StreamSettings.HTTP_PORT, "20500")));

        assertThat(p.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("localhost:20500");
    }

    @Test
    void advertisesTheConfiguredAddressAndTreatsABlankOneAsUnset() {
        var configured = settings(Map.of("kafka.application.server", "pod-1.tracefill-headless.ns.svc:20418"));
        var blank = settings(Map.of("kafka.application.server", " "));

        assertThat(StreamsProperties.of(configured).get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("pod-1.tracefill-headless.ns.svc:20418");
        assertThat(StreamsProperties.of(blank).get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("localhost:20418");
    }

    @Test
    void advertisesNothingWhenTheHttpApiIsOff() {
        assertThat(StreamsProperties.of(settings(Map.of(StreamSettings.HTTP_PORT, "0"))))
                .doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    @Test
    void refusesAsManyConcurrentQueriesAsThreads() {
        Throwable e = catchThrowable(() -> settings(Map.of("tracefill.http.threads", "4",
                "tracefill.http.concurrent-queries", "4")));

        assertThat(e).isInstanceOf(ConfigException.class).hasMessage("tracefill.http.concurrent-queries (4) must be "
                + "below tracefill.http.threads (4): peer lookups and /health need free threads");
    }
}
