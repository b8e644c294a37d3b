package io.tracefill.workload;

import java.util.Objects;

/**
 * Where each {@link Topic} goes: the names of docs/configuration.md's {@code tracefill.topic.otlp}
 * and {@code tracefill.topic.deepflow}.
 */
public record TopicNames(String otlp, String deepflow) {
    /** {@code otlp_spans} (the Collector's default) and {@code deepflow.flow_log.l7_flow_log} (DeepFlow's). */
    public static final TopicNames DEFAULTS = new TopicNames("otlp_spans", "deepflow.flow_log.l7_flow_log");

    public TopicNames {
        Objects.requireNonNull(otlp, "otlp");
        Objects.requireNonNull(deepflow, "deepflow");
        if (otlp.isBlank() || deepflow.isBlank()) {
            throw new IllegalArgumentException("topic names must not be empty");
        }
        if (otlp.equals(deepflow)) {
            throw new IllegalArgumentException("the OTLP and DeepFlow topics must differ, both are '" + otlp + "'");
        }
    }

    public String of(Topic topic) {
        return topic == Topic.OTLP ? otlp : deepflow;
    }

    /** The topic a name stands for, or null when it is neither. */
    public Topic topicOf(String name) {
        return otlp.equals(name) ? Topic.OTLP : deepflow.equals(name) ? Topic.DEEPFLOW : null;
    }
}
