package io.tracefill.workload;

/** Where generated records go: a file ({@link FileSink}) or Kafka ({@link KafkaSink}). */
public interface RecordSink extends AutoCloseable {

    /** Writes one record (possibly buffered); fails with an unchecked exception. */
    void write(WireRecord record);

    /** Writes out what is buffered and releases the sink; fails if any record could not be written. */
    @Override
    void close();
}
