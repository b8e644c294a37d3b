package io.tracefill.serdes.kafka;

/**
 * Told about every record {@link DeadLetterHandler} sends to the dead-letter topic: the hook for
 * metrics ({@link DeadLetterMetrics}) or anything else the application wants to do.
 *
 * <p>Called on the stream thread that read the record, possibly from several threads at once, so
 * implementations must be thread-safe and quick. An exception thrown here is swallowed: counting
 * must never stop the stream.
 */
@FunctionalInterface
public interface DeadLetterListener {
    void onDeadLetter(DeadLetter letter);
}
