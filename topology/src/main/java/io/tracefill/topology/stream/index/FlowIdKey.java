package io.tracefill.topology.stream.index;

/**
 * The index key a flow is also filed under by its {@code _id}: {@code i:<_id>}. No search query
 * probes it (the search follows correlation keys, {@code CorrelationKey}); it exists so that the
 * HTTP API's L7FlowTracing can find an entry flow by its id on the partition that owns the key.
 * The tag {@code i} is not one of {@code CorrelationKey.Kind}'s, so the two never collide.
 */
public final class FlowIdKey {
    private FlowIdKey() {
    }

    public static String of(String flowId) {
        return "i:" + flowId;
    }
}
