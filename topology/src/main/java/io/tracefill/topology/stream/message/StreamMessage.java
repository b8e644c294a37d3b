package io.tracefill.topology.stream.message;

import io.tracefill.serdes.model.Flow;

import java.util.List;

/**
 * What travels on tracefill's internal topics. The index topic ({@code <app>-index-in}, keyed by
 * correlation key) carries flows, probes and ticks; the assembly topic ({@code <app>-assembly-in},
 * keyed by trace id) carries app spans, answers and ticks. One topic per destination keeps the
 * order in which one producer task wrote them, which the watermarks rely on.
 */
public sealed interface StreamMessage {

    /** A flow: a DeepFlow row filed under one correlation key, or an app span of one trace. */
    record FlowMessage(Flow flow) implements StreamMessage {
    }

    /**
     * An input partition's progress: it has forwarded everything up to {@code maxEventTimeUs}
     * (end time). {@code idle} says it has been quiet for the idle-flush time and should not hold
     * back the others. Sent to every partition of the destination topic.
     *
     * @param source {@code topic:partition} of the input partition
     */
    record Tick(String source, long maxEventTimeUs, boolean idle) implements StreamMessage {
    }

    /**
     * One key of a trace's pending search query, sent to the index partition owning the key.
     *
     * @param traceId   the trace that asks
     * @param round     which of the trace's queries this is (0 = the entry lookup)
     * @param keyCount  how many keys the query probes: the trace waits for as many answers
     * @param windowStartS  query window on the rows' end second, inclusive
     * @param windowEndS    query window end, inclusive
     * @param otelOnly  only OTel rows (signal_source 4)
     * @param limit     at most this many rows, first in FlowOrder
     */
    record Probe(String traceId, int round, int keyCount, long windowStartS, long windowEndS, boolean otelOnly,
                 int limit) implements StreamMessage {
    }

    /**
     * The rows one index partition holds under one key for a probe.
     *
     * @param key  the correlation key's text
     * @param cut  the key held more flows in the window than the index keeps
     */
    record Answer(String traceId, int round, String key, List<Flow> flows, boolean cut) implements StreamMessage {
        public Answer {
            flows = List.copyOf(flows);
        }
    }
}
