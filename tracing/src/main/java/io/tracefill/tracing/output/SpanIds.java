package io.tracefill.tracing.output;

import io.tracefill.tracing.util.StableHash;

/**
 * DeepFlow draws a random 64-bit id for an eBPF span without a usable span id. We derive it from
 * the span's first {@code _id} ({@link StableHash}) instead, so the same input always gives the same output (a
 * documented divergence). The text keeps DeepFlow's form: Python's {@code hex()}, {@code 0x…}
 * without padding.
 */
public final class SpanIds {
    private SpanIds() {
    }

    public static String derived(String flowId) {
        return "0x" + Long.toHexString(StableHash.of(flowId));
    }
}
