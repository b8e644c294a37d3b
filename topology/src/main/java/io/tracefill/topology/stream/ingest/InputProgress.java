package io.tracefill.topology.stream.ingest;

import java.util.OptionalLong;

/**
 * Whether an input partition has been read to its end, asked by an ingest task before it reports
 * its partition idle. A partition that went quiet only because its task was slow (a busy thread,
 * a stalled fetch) still has records to deliver; reporting it idle would let the watermark pass
 * them and turn them into late data, so the wall clock would change what a trace contains.
 *
 * <p>Called on the stream thread, at punctuation time only, and only for a partition that
 * processed no record in the last idle interval.
 */
@FunctionalInterface
public interface InputProgress {
    /**
     * For TopologyTestDriver, which processes every piped record before {@code pipeInput}
     * returns: there is never anything left to read.
     */
    InputProgress ALL_READ = (topic, partition, nextOffset) -> Answer.CAUGHT_UP;

    /** What is known about a partition's unread records. */
    enum Answer {
        /** Nothing readable is left: every committed record before the end has been processed. */
        CAUGHT_UP,
        /** Records the task has not processed yet are there (or will be read before anything newer). */
        BEHIND,
        /** The broker could not be asked (timeout, error): treated as behind, a delayed trace beats a wrong one. */
        UNKNOWN
    }

    /**
     * @param nextOffset the offset after the last record this task processed; empty when it has
     *                   processed none since it started (the consumer's starting position, from
     *                   the group's committed offset or the reset policy, then decides)
     */
    Answer caughtUp(String topic, int partition, OptionalLong nextOffset);
}
