package io.tracefill.topology.stream;

import io.tracefill.topology.stream.message.StreamMessage.Tick;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarksTest {
    private static final long GRACE = 1_000;
    private static final long ADVANCE = 50_000;

    @Test
    @DisplayName("nothing is decided until every input partition has reported once")
    void waitsForEveryPartition() {
        Watermarks w = new Watermarks(GRACE, ADVANCE, 2);
        w.update(new Tick("t:0", 10_000, false));
        assertThat(w.current()).isEqualTo(Long.MIN_VALUE);
        w.update(new Tick("t:1", 8_000, false));
        assertThat(w.current()).isEqualTo(8_000 - GRACE);
    }

    @Test
    @DisplayName("the slowest active partition holds the watermark; an idle one stops holding it")
    void slowestActiveHolds() {
        Watermarks w = new Watermarks(GRACE, ADVANCE, 2);
        w.update(new Tick("t:0", 10_000, false));
        w.update(new Tick("t:1", 3_000, false));
        assertThat(w.current()).isEqualTo(2_000);
        w.update(new Tick("t:1", 3_000, true));
        assertThat(w.current()).isEqualTo(10_000 - GRACE);
    }

    @Test
    @DisplayName("when every input is idle the watermark moves past the newest event by the idle advance")
    void allIdleFlushes() {
        Watermarks w = new Watermarks(GRACE, ADVANCE, 2);
        w.update(new Tick("t:0", 10_000, true));
        w.update(new Tick("t:1", Long.MIN_VALUE, true));
        assertThat(w.current()).isEqualTo(10_000 + ADVANCE);
    }

    @Test
    @DisplayName("the watermark never goes back: an older tick, or a partition rejoining, does not lower it")
    void neverGoesBack() {
        Watermarks w = new Watermarks(GRACE, ADVANCE, 1);
        w.update(new Tick("t:0", 10_000, false));
        w.update(new Tick("t:0", 4_000, false));
        assertThat(w.current()).isEqualTo(9_000);
        w.update(new Tick("t:0", 10_000, true));
        assertThat(w.current()).isEqualTo(60_000);
        w.update(new Tick("t:0", 11_000, false));
        assertThat(w.current()).as("active again, but the decisions made stay made").isEqualTo(60_000);
    }

    @Test
    @DisplayName("an idle report older than the partition's progress does not mark it idle")
    void staleIdleIgnored() {
        Watermarks w = new Watermarks(GRACE, ADVANCE, 2);
        w.update(new Tick("t:0", 10_000, false));
        w.update(new Tick("t:1", 5_000, false));
        w.update(new Tick("t:1", 4_000, true));
        assertThat(w.current()).isEqualTo(4_000);
    }
}
