package io.tracefill.topology.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecentRateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void ratePerSecondOverTheWindowOnly() {
        RecentRate rate = new RecentRate(Duration.ofSeconds(5));

        assertThat(rate.update(0, 0)).isZero();
        assertThat(rate.update(S, 100)).isCloseTo(100, within(1e-9));
        assertThat(rate.update(2 * S, 300)).isCloseTo(150, within(1e-9));
        // the first seconds fall out of the window: the rate is the recent one
        rate.update(6 * S, 700);
        assertThat(rate.update(10 * S, 1100)).isCloseTo(100, within(1e-9));
    }
}
