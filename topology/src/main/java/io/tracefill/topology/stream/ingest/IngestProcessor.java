package io.tracefill.topology.stream.ingest;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.kafka.DeadLetter;
import io.tracefill.serdes.model.Flow;
import io.tracefill.topology.stream.EventTimeCheck;
import io.tracefill.topology.stream.TaskSensors;
import io.tracefill.topology.stream.message.StreamMessage;
import io.tracefill.topology.stream.message.StreamMessageCodec;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads one input topic: decodes each record, sends what cannot be used to the dead-letter topic
 * with the reason, and forwards each flow along each of its routes under the route's keys
 * (DeepFlow rows to the index under their correlation keys, and seed candidates to the assembly
 * under their seed key; app spans to the assembly under their trace id). It also tells every
 * route's consumers how far its partition has got in event time (ticks), and when it has gone
 * quiet, so they can decide without waiting for it.
 *
 * <p>Idle means quiet <em>and</em> read to the end: a partition that processed nothing for
 * {@code idleFlushMs} of wall-clock time reports itself idle only when {@link InputProgress} says
 * no record is left to read. A partition that is merely slow (a busy stream thread, a stalled
 * fetch) keeps holding the watermark back, so its records are never turned into late data by the
 * wall clock.
 */
public final class IngestProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    /** A new tick once the partition's event time has moved this far (µs). */
    static final long TICK_STEP_US = 1_000_000L;

    /**
     * Where flows go: the child (a sink) and the keys a flow is forwarded under there (none: not
     * forwarded). Every route's child also gets the ticks, in order with the flows.
     */
    public record Route(String child, Function<Flow, List<String>> keys) {
    }

    private final String topic;
    private final FlowDecoder decoder;
    private final List<Route> routes;
    private final String deadLetterChild;
    private final long idleFlushMs;
    private final InputProgress progress;
    private final StreamMessageCodec codec = new StreamMessageCodec();

    private ProcessorContext<byte[], byte[]> context;
    private TaskSensors sensors;
    private Sensor flowsIn;
    private Sensor deadLetters;
    private Sensor idleGauge;
    private Sensor idleBehind;
    private Sensor idleUnknown;
    private String source;
    private long maxEventTimeUs = Long.MIN_VALUE;
    private long tickedUs = Long.MIN_VALUE;
    private long recordsSincePunctuation;
    /** The offset after the last record processed; empty until the first one. */
    private OptionalLong nextOffset = OptionalLong.empty();
    private boolean idle;

    /**
     * @param routes          where flows and ticks go
     * @param idleFlushMs     wall-clock quiet time after which the partition reports itself idle, if it
     *                        has been read to its end (0: never)
     * @param progress        tells whether the partition has unread records
     */
    public IngestProcessor(String topic, FlowDecoder decoder, List<Route> routes, String deadLetterChild,
                           long idleFlushMs, InputProgress progress) {
        this.topic = topic;
        this.decoder = decoder;
        this.routes = List.copyOf(routes);
        this.deadLetterChild = deadLetterChild;
        this.idleFlushMs = idleFlushMs;
        this.progress = progress;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        // named from the task, so a partition that never receives a record still reports itself idle
        this.source = topic + ":" + context.taskId().partition();
        this.sensors = new TaskSensors(context);
        this.flowsIn = sensors.counter("flows-in", "flows read from the input topics");
        this.deadLetters = sensors.counter("dead-letters", "input records (or parts) sent to the dead-letter topic");
        // replay watches it: once every input partition is idle, the last traces are being flushed
        this.idleGauge = sensors.gauge("input-idle", "1 once the input partition has reported itself idle, else 0");
        idleGauge.record(0);
        this.idleBehind = sensors.counter("idle-behind",
                "quiet intervals in which the input partition was not reported idle because it had unread records");
        this.idleUnknown = sensors.counter("idle-unknown",
                "quiet intervals in which the input partition was not reported idle because its end could not be read");
        if (idleFlushMs > 0) {
            context.schedule(Duration.ofMillis(idleFlushMs), PunctuationType.WALL_CLOCK_TIME, now -> punctuate());
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        recordsSincePunctuation++;
        nextOffset = OptionalLong.of(meta.offset() + 1);
        if (record.value() == null) {
            deadLetter(record, meta, null, "the record has no value (a tombstone)", "");
            return;
        }
        FlowDecoder.Decoded decoded;
        try {
            decoded = decoder.decode(record.value());
        } catch (DecodeException e) {
            deadLetter(record, meta, e.field(), e.reason(), e.getClass().getName());
            return;
        } catch (RuntimeException e) {
            // a decoder bug must cost one record, not the pipeline
            deadLetter(record, meta, null, "decoder failed: " + e, e.getClass().getName());
            return;
        }
        List<FlowDecoder.Refusal> refused = new ArrayList<>(decoded.refused());
        long newest = Long.MIN_VALUE;
        for (Flow f : decoded.flows()) {
            var fault = EventTimeCheck.fault(f);
            if (fault.isPresent()) {
                refused.add(new FlowDecoder.Refusal(fault.get()[0], "flow " + f.id() + ": " + fault.get()[1]));
                continue;
            }
            flowsIn.record();
            long timestampMs = Math.floorDiv(f.endTimeUs(), 1000L);
            byte[] value = codec.encode(new StreamMessage.FlowMessage(f));
            for (Route route : routes) {
                for (String key : route.keys().apply(f)) {
                    context.forward(new Record<>(key.getBytes(StandardCharsets.UTF_8), value, timestampMs),
                            route.child());
                }
            }
            newest = Math.max(newest, f.endTimeUs());
        }
        if (!refused.isEmpty()) {
            int total = decoded.flows().size() + decoded.refused().size();
            deadLetter(record, meta, refused.get(0).field(), summary(refused, total), FlowDecoder.Refusal.class.getName());
        }
        if (newest > maxEventTimeUs) {
            maxEventTimeUs = newest;
        }
        if (idle || maxEventTimeUs >= tickedUs + TICK_STEP_US || tickedUs == Long.MIN_VALUE && maxEventTimeUs != Long.MIN_VALUE) {
            idle = false;
            idleGauge.record(0);
            tick();
        }
    }

    private static String summary(List<FlowDecoder.Refusal> refused, int total) {
        StringBuilder s = new StringBuilder();
        if (total > 1) {
            s.append(refused.size()).append(" of ").append(total).append(" spans refused; ");
        }
        for (int i = 0; i < refused.size() && i < 5; i++) {
            var r = refused.get(i);
            s.append(i == 0 ? "" : "; ").append(r.field() == null ? "" : r.field() + ": ").append(r.reason());
        }
        return s.toString();
    }

    private void punctuate() {
        if (recordsSincePunctuation == 0 && !idle) {
            switch (progress.caughtUp(topic, context.taskId().partition(), nextOffset)) {
                case CAUGHT_UP -> {
                    idle = true;
                    tick();
                    idleGauge.record(1);
                }
                case BEHIND -> idleBehind.record();
                case UNKNOWN -> idleUnknown.record();
            }
        }
        recordsSincePunctuation = 0;
    }

    private void tick() {
        tickedUs = maxEventTimeUs;
        byte[] value = codec.encode(new StreamMessage.Tick(source, maxEventTimeUs, idle));
        long ts = maxEventTimeUs == Long.MIN_VALUE ? 0 : Math.max(0, Math.floorDiv(maxEventTimeUs, 1000L));
        for (Route route : routes) {
            context.forward(new Record<>(new byte[0], value, ts), route.child());
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, String field, String reason,
                            String exceptionClass) {
        deadLetters.record();
        DeadLetter letter = DeadLetter.refused(meta.topic(), meta.partition(), meta.offset(), record.timestamp(), field,
                reason, exceptionClass);
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), letter.headers(record.headers())),
                deadLetterChild);
    }

    @Override
    public void close() {
        sensors.close();
    }
}
