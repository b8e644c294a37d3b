package io.tracefill.topology.query;

import io.tracefill.tracing.FlowIndex;

import java.util.Optional;

/**
 * What the HTTP API reads: an index of DeepFlow's flows and the traces the stream emitted. In the
 * pipeline, {@link ClusterState} (the stores of every instance); any method may throw
 * {@link StateUnavailableException} when the state cannot be read now.
 */
public interface StateView {
    /** An index for one call that must end by {@code deadline}. */
    FlowIndex flowIndex(Deadline deadline);

    /** The API JSON of the trace's last emission. */
    Optional<byte[]> emitted(String traceId, Deadline deadline);

    /** Throws {@link StateUnavailableException} when answers computed now could be incomplete. */
    void requireRunning();
}
