package io.tracefill.workload;

/** The two input topics of the pipeline a generated record belongs to (names: {@link TopicNames}). */
public enum Topic {
    /** Application spans as the OpenTelemetry Collector's Kafka exporter writes them. */
    OTLP,
    /** {@code l7_flow_log} rows as DeepFlow's Kafka exporter writes them. */
    DEEPFLOW
}
