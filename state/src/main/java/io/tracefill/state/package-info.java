/**
 * RocksDB-backed state stores of the stream and their {@link io.tracefill.tracing.FlowIndex}
 * view (the correlation index and the trace assembly store). Built by the stream issue.
 */
package io.tracefill.state;
