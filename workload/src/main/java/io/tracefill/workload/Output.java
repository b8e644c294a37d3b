package io.tracefill.workload;

import io.opentelemetry.proto.trace.v1.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * What playing one request (or one piece of background traffic) produced: records with the true
 * time they reach Kafka, the ids of its DeepFlow rows, and its OTel spans before they are batched.
 */
final class Output {
    /** A record and the true time (µs) its producer hands it to Kafka, which orders the stream. */
    record Timed(long sendUs, WireRecord record) {
    }

    /**
     * An OTel span as its SDK ends it.
     *
     * @param trueEndUs the true end time, which decides when the SDK exports it
     */
    record SpanOut(Cluster.Pod pod, Scope scope, Span span, long trueEndUs) {
    }

    /** An instrumentation scope (library name and version). */
    record Scope(String name, String version) {
    }

    final List<Timed> records = new ArrayList<>();
    final List<String> rowIds = new ArrayList<>();
    final List<String> dnsRowIds = new ArrayList<>();
    final List<SpanOut> spans = new ArrayList<>();
    /** Rows written while set are reachable only through DNS request ids. */
    boolean dnsOnly;

    void row(long sendUs, WireRecord record, String rowId) {
        records.add(new Timed(sendUs, record));
        rowIds.add(rowId);
        if (dnsOnly) {
            dnsRowIds.add(rowId);
        }
    }
}
