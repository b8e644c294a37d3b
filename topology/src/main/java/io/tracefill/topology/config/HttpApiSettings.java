package io.tracefill.topology.config;

/**
 * Bounds of the HTTP API (docs/http-api.md, docs/configuration.md): threads, concurrent
 * queries, request size and the work one request may ask for.
 *
 * @param threads           threads serving requests
 * @param concurrentQueries tracing calls computed at once; more get 503 (retry). Kept below
 *                          {@code threads} so that peer lookups, {@code /health} and
 *                          {@code /metrics} always find a free thread
 * @param maxRequestBytes   largest request body read
 * @param maxAppSpans       most app spans in one Trace Completion request
 * @param maxIteration      highest {@code max_iteration} a request may ask for
 * @param timeoutMs         time one tracing call may take, peer lookups included
 */
public record HttpApiSettings(int threads, int concurrentQueries, int maxRequestBytes, int maxAppSpans,
                              int maxIteration, long timeoutMs) {
    public static final String THREADS = "tracefill.http.threads";
    public static final String CONCURRENT_QUERIES = "tracefill.http.concurrent-queries";
    public static final String MAX_REQUEST_BYTES = "tracefill.http.max-request-bytes";
    public static final String MAX_APP_SPANS = "tracefill.http.max-app-spans";
    public static final String MAX_ITERATION = "tracefill.http.max-iteration";
    public static final String TIMEOUT_MS = "tracefill.http.timeout-ms";

    public static final HttpApiSettings DEFAULTS = new HttpApiSettings(8, 4, 1 << 20, 1000, 100, 30_000);

    public HttpApiSettings {
        if (concurrentQueries >= threads) {
            throw new ConfigException(CONCURRENT_QUERIES + " (" + concurrentQueries + ") must be below "
                    + THREADS + " (" + threads + "): peer lookups and /health need free threads");
        }
    }

    static HttpApiSettings read(Settings s) {
        return new HttpApiSettings(
                s.getInt(THREADS, DEFAULTS.threads(), 2),
                s.getInt(CONCURRENT_QUERIES, DEFAULTS.concurrentQueries(), 1),
                s.getInt(MAX_REQUEST_BYTES, DEFAULTS.maxRequestBytes(), 1024),
                s.getInt(MAX_APP_SPANS, DEFAULTS.maxAppSpans(), 1),
                s.getInt(MAX_ITERATION, DEFAULTS.maxIteration(), 1),
                s.getLong(TIMEOUT_MS, DEFAULTS.timeoutMs(), 100));
    }
}
