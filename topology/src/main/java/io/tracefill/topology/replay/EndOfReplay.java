package io.tracefill.topology.replay;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Decides when a replay is over: every trace of the replayed range has been emitted. Kafka
 * Streams has no notion of "done", so this reads the signs from outside, once a second:
 *
 * <ol>
 *   <li>the inputs are consumed up to the plan's stop offsets (the replay's committed offsets);</li>
 *   <li>every input partition has reported itself idle ({@code input-idle}, after
 *       {@code tracefill.idle.flush.ms} without records): its ticks then move the watermarks past
 *       every event, which closes every open trace and answers every waiting probe;</li>
 *   <li>the expansion loop has drained: on both internal topics the replay has consumed everything
 *       written (committed offsets = read_committed end offsets), and nothing moved — end offsets,
 *       traces emitted, probes answered — over {@value #STABLE_READINGS} readings while the stream
 *       thread kept polling. Under exactly-once a record's effects are committed with its offset,
 *       so a drained loop with a running thread has nothing in flight.</li>
 * </ol>
 */
final class EndOfReplay {
    /** Consecutive equal, drained readings (a second apart) that end the replay. */
    static final int STABLE_READINGS = 3;

    /**
     * One look at the pipeline.
     *
     * @param inputsDone     condition 1
     * @param inputsIdle     condition 2
     * @param internalEnds   read_committed end offsets of the internal topics' partitions
     * @param internalDone   the replay group's committed offsets on them
     * @param emitted        traces emitted so far (all tasks)
     * @param answered       probes answered so far (all tasks)
     * @param polls          the stream threads' poll count
     */
    record Reading(boolean inputsDone, boolean inputsIdle, Map<TopicPartition, Long> internalEnds,
                   Map<TopicPartition, Long> internalDone, double emitted, double answered, double polls) {

        boolean drained() {
            for (var e : internalEnds.entrySet()) {
                if (e.getValue() > 0 && internalDone.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        boolean sameAs(Reading o) {
            return internalEnds.equals(o.internalEnds) && emitted == o.emitted && answered == o.answered;
        }
    }

    private Reading first;
    private int stable;

    /** Takes a reading; true once the replay is over. */
    boolean reached(Reading r) {
        if (!r.inputsDone() || !r.inputsIdle() || !r.drained()) {
            first = null;
            stable = 0;
            return false;
        }
        if (first == null || !first.sameAs(r)) {
            first = r;
            stable = 1;
            return false;
        }
        stable++;
        // the thread must have run meanwhile: a stalled thread could still hold uncommitted work
        return stable >= STABLE_READINGS && r.polls() > first.polls();
    }
}
