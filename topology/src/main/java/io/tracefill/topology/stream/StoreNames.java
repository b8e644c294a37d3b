package io.tracefill.topology.stream;

/** Every state store's name; the changelog topics are {@code <application.id>-<name>-changelog}. */
public final class StoreNames {
    /** Correlation index: key → flows (window store, event time = the flow's end). */
    public static final String INDEX_FLOWS = "index-flows";
    /** Flows kept per key and minute, to bound a key shared by too many flows. */
    public static final String INDEX_COUNTS = "index-counts";
    /** Probes waiting for the index partition's watermark. */
    public static final String INDEX_PENDING = "index-pending";
    /** Input progress as the index partition has seen it. */
    public static final String INDEX_WATERMARKS = "index-watermarks";
    /** Trace id (or seed key) → {@code TraceState}. */
    public static final String TRACES = "traces";
    /** Answers of each trace's queries (per key while a round is open, merged once complete). */
    public static final String TRACE_ANSWERS = "trace-answers";
    /**
     * Trace id → the trace's last emission as API JSON (deflated), kept as long as the trace's
     * state; written only when the HTTP API is on, read by {@code GET /v1/traces/{id}}.
     */
    public static final String TRACE_EMITTED = "trace-emitted";
    /** Event time → trace ids to expand or forget (seeds in a lane of their own, on the DeepFlow watermark). */
    public static final String TRACE_SCHEDULE = "trace-schedule";
    /** OTLP input progress as the assembly partition has seen it: closes app traces. */
    public static final String ASSEMBLY_WATERMARKS = "assembly-watermarks";
    /** DeepFlow input progress as the assembly partition has seen it: closes seeds (only when seeding). */
    public static final String SEED_WATERMARKS = "seed-watermarks";

    private StoreNames() {
    }
}
