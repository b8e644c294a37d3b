package io.tracefill.topology.replay;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EndOfReplayTest {
    private static final TopicPartition INDEX = new TopicPartition("app-index-in", 0);
    private static final TopicPartition ASSEMBLY = new TopicPartition("app-assembly-in", 0);

    private static EndOfReplay.Reading reading(boolean inputsDone, boolean idle, long indexEnd, long indexDone,
                                               double emitted, double polls) {
        return new EndOfReplay.Reading(inputsDone, idle, Map.of(INDEX, indexEnd, ASSEMBLY, 7L),
                Map.of(INDEX, indexDone, ASSEMBLY, 7L), emitted, 12, polls);
    }

    @Test
    void endsAfterThreeEqualDrainedReadingsWhileTheThreadPolls() {
        EndOfReplay end = new EndOfReplay();

        assertThat(end.reached(reading(true, true, 50, 50, 9, 100))).isFalse();
        assertThat(end.reached(reading(true, true, 50, 50, 9, 110))).isFalse();
        assertThat(end.reached(reading(true, true, 50, 50, 9, 120))).isTrue();
    }

    @Test
    void anyMovementStartsTheCountAgain() {
        EndOfReplay end = new EndOfReplay();
        end.reached(reading(true, true, 50, 50, 9, 100));
        end.reached(reading(true, true, 50, 50, 9, 110));

        assertThat(end.reached(reading(true, true, 51, 51, 9, 120))).as("new records on an internal topic").isFalse();
        assertThat(end.reached(reading(true, true, 51, 51, 10, 130))).as("one more trace emitted").isFalse();
        assertThat(end.reached(reading(true, true, 51, 51, 10, 140))).isFalse();
        assertThat(end.reached(reading(true, true, 51, 51, 10, 150))).isTrue();
    }

    @Test
    void neverEndsWhileInputsAreUnreadOrBusyOrTheLoopHoldsRecordsOrTheThreadStalls() {
        EndOfReplay unread = new EndOfReplay();
        EndOfReplay busy = new EndOfReplay();
        EndOfReplay undrained = new EndOfReplay();
        EndOfReplay stalled = new EndOfReplay();
        for (int i = 0; i < 10; i++) {
            assertThat(unread.reached(reading(false, true, 50, 50, 9, 100 + i))).isFalse();
            assertThat(busy.reached(reading(true, false, 50, 50, 9, 100 + i))).isFalse();
            assertThat(undrained.reached(reading(true, true, 50, 49, 9, 100 + i))).isFalse();
            assertThat(stalled.reached(reading(true, true, 50, 50, 9, 100))).isFalse();
        }
    }
}
