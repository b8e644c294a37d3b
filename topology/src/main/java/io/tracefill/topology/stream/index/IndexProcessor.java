package io.tracefill.topology.stream.index;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.topology.stream.StoreNames;
import io.tracefill.topology.stream.TaskSensors;
import io.tracefill.topology.stream.TimeKeys;
import io.tracefill.topology.stream.WatermarkStore;
import io.tracefill.topology.stream.message.StreamMessage;
import io.tracefill.topology.stream.message.StreamMessage.Probe;
import io.tracefill.topology.stream.message.StreamMessageCodec;
import io.tracefill.tracing.TimeWindow;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An index partition: files DeepFlow flows under their correlation keys, and answers the probes
 * of traces once its watermark has passed the probe's window — so every flow of the window that
 * its inputs will deliver within the grace is there. Until then the probe waits in a store.
 */
public final class IndexProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final int flowsPerKey;
    private final long graceUs;
    private final long idleAdvanceUs;
    private final String answersChild;
    private final StreamMessageCodec codec = new StreamMessageCodec();

    private ProcessorContext<byte[], byte[]> context;
    private CorrelationIndex index;
    private KeyValueStore<String, byte[]> pending;
    private WatermarkStore watermark;
    private TaskSensors sensors;
    private Sensor lateFlows;
    private Sensor cutFlows;
    private Sensor probesAnswered;

    private final int sources;

    /** @param sources partitions of the DeepFlow topic, each of which reports its progress */
    public IndexProcessor(int flowsPerKey, long graceUs, long idleAdvanceUs, int sources, String answersChild) {
        this.sources = sources;
        this.flowsPerKey = flowsPerKey;
        this.graceUs = graceUs;
        this.idleAdvanceUs = idleAdvanceUs;
        this.answersChild = answersChild;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.index = new CorrelationIndex(context.getStateStore(StoreNames.INDEX_FLOWS),
                context.getStateStore(StoreNames.INDEX_COUNTS), flowsPerKey);
        this.pending = context.getStateStore(StoreNames.INDEX_PENDING);
        this.watermark = new WatermarkStore(context.getStateStore(StoreNames.INDEX_WATERMARKS), graceUs, idleAdvanceUs, sources);
        this.sensors = new TaskSensors(context);
        this.lateFlows = sensors.counter("late-flows", "DeepFlow flows that reached the index after its watermark had passed them");
        this.cutFlows = sensors.counter("cut-flows", "flows not indexed because their key's minute was full");
        this.probesAnswered = sensors.counter("probes-answered", "correlation-key lookups answered");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (codec.isFlow(record.value())) {
            // the bulk of the topic: filed as it came, only its head read
            onFlow(new String(record.key(), StandardCharsets.UTF_8), record.value());
            return;
        }
        StreamMessage message;
        try {
            message = codec.decode(record.value());
        } catch (DecodeException e) {
            throw new IllegalStateException("unreadable record on the index topic: " + e.getMessage(), e);
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (message instanceof Probe p) {
            long readyAt = readyAt(p);
            if (watermark.current() >= readyAt) {
                answer(key, p);
            } else {
                pending.put(TimeKeys.key(readyAt, p.traceId() + TimeKeys.SEP + p.round() + TimeKeys.SEP + key),
                        record.value());
            }
        } else if (message instanceof StreamMessage.Tick t) {
            if (watermark.update(t)) {
                answerReady();
            }
        } else {
            throw new IllegalStateException("unexpected " + message.getClass().getSimpleName() + " on the index topic");
        }
    }

    private void onFlow(String key, byte[] message) {
        long endUs;
        try {
            endUs = codec.flowHead(message).endTimeUs();
        } catch (DecodeException e) {
            throw new IllegalStateException("unreadable flow on the index topic: " + e.getMessage(), e);
        }
        if (endUs < watermark.current()) {
            lateFlows.record();
        }
        if (!index.add(key, endUs, Arrays.copyOfRange(message, 1, message.length))) {
            cutFlows.record();
        }
    }

    /** A probe of window [s, e] may be answered once every flow ending before second e + 1 is in. */
    static long readyAt(Probe p) {
        return (p.windowEndS() + 1) * 1_000_000L;
    }

    private void answerReady() {
        List<KeyValue<String, byte[]>> ready = new ArrayList<>();
        try (var it = pending.range(TimeKeys.prefix(Long.MIN_VALUE), TimeKeys.after(watermark.current()))) {
            it.forEachRemaining(ready::add);
        }
        for (var kv : ready) {
            String[] parts = TimeKeys.rest(kv.key).split(String.valueOf(TimeKeys.SEP), 3);
            try {
                answer(parts[2], (Probe) codec.decode(kv.value));
            } catch (DecodeException e) {
                throw new IllegalStateException("corrupt pending probe: " + e.getMessage(), e);
            }
            pending.delete(kv.key);
        }
    }

    private void answer(String key, Probe p) {
        var found = index.lookupEncoded(key, new TimeWindow(p.windowStartS(), p.windowEndS()), p.otelOnly(), p.limit());
        probesAnswered.record();
        byte[] value = codec.encodeAnswer(p.traceId(), p.round(), key, found.cut(), found.flows());
        long ts = Math.max(0, readyAt(p) / 1000L);
        context.forward(new Record<>(p.traceId().getBytes(StandardCharsets.UTF_8), value, ts), answersChild);
    }

    @Override
    public void close() {
        sensors.close();
    }
}
