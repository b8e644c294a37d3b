package io.tracefill.tracing.sort;

/** Told about every parent link before it is made (the host clock corrector listens). */
@FunctionalInterface
public interface LinkListener {
    void beforeLink(SpanNode child, SpanNode parent);
}
