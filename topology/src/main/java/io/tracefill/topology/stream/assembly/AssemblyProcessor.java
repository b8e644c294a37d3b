package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.stream.SeedRule;
import io.tracefill.topology.stream.StoreNames;
import io.tracefill.topology.stream.TaskSensors;
import io.tracefill.topology.stream.WatermarkStore;
import io.tracefill.topology.stream.message.StreamMessage;
import io.tracefill.topology.stream.message.StreamMessage.Answer;
import io.tracefill.topology.stream.message.StreamMessageCodec;
import io.tracefill.tracing.CorrelationKey;
import io.tracefill.tracing.search.SearchQuery;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace-assembly partition. App spans open a trace; once the partition's watermark passes the
 * trace's last end plus {@code network_delay_us + host_clock_offset_us}, the trace expands:
 * {@link TraceExpansion} runs Trace Completion with the index partitions as its storage, one
 * probe per correlation key of each query, and the merged answers feed the next round. When the
 * completion is done the trace is emitted, remembered for the trace retention (late app spans
 * re-open it), then forgotten.
 *
 * <p>With seeding on, a seed candidate (a DeepFlow row, key {@code seed:<_id>}) opens a seed the
 * same way, closes on the DeepFlow input's watermark (its own data), expands as L7FlowTracing
 * from the row, and is emitted or dropped by {@link SeedRule}.
 */
public final class AssemblyProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final StreamSettings settings;
    private final long idleAdvanceUs;
    private final String outputChild;
    private final String apiJsonChild;
    private final String probesChild;
    private final StreamMessageCodec codec = new StreamMessageCodec();
    private final Map<String, Long> closedAtWallMs = new HashMap<>();
    /** Null when seeding is off. */
    private final SeedRule seeds;

    private ProcessorContext<byte[], byte[]> context;
    private TraceStores stores;
    private WatermarkStore watermark;
    private WatermarkStore seedWatermark;
    private TraceExpansion expansion;
    private TaskSensors sensors;
    private Sensor opened;
    private Sensor emitted;
    private Sensor open;
    private Sensor rounds;
    private Sensor lateAppSpans;
    private Sensor cutTraces;
    private Sensor staleAnswers;
    private Sensor closeToEmit;
    private Sensor seedsStarted;
    private Sensor seedsEmitted;
    private Sensor seedsTraced;
    private Sensor seedsNotFirst;

    private final int sources;
    private final int seedSources;

    /**
     * @param sources      partitions of the OTLP topic, each of which reports its progress
     * @param seedSources  partitions of the DeepFlow topic, whose progress closes seeds (when seeding)
     * @param apiJsonChild the API JSON sink, or null when API JSON is not written
     */
    public AssemblyProcessor(StreamSettings settings, long idleAdvanceUs, int sources, int seedSources,
                             String outputChild, String apiJsonChild, String probesChild) {
        this.sources = sources;
        this.seedSources = seedSources;
        this.seeds = settings.seedDeepFlowOnly() ? new SeedRule(settings.seedTapSides()) : null;
        this.settings = settings;
        this.idleAdvanceUs = idleAdvanceUs;
        this.outputChild = outputChild;
        this.apiJsonChild = apiJsonChild;
        this.probesChild = probesChild;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.stores = new TraceStores(context.getStateStore(StoreNames.TRACES),
                context.getStateStore(StoreNames.TRACE_ANSWERS), context.getStateStore(StoreNames.TRACE_SCHEDULE),
                context.getStateStore(StoreNames.TRACE_EMITTED));
        this.watermark = new WatermarkStore(context.getStateStore(StoreNames.ASSEMBLY_WATERMARKS),
                settings.graceUs(), idleAdvanceUs, sources);
        if (seeds != null) {
            this.seedWatermark = new WatermarkStore(context.getStateStore(StoreNames.SEED_WATERMARKS),
                    settings.graceUs(), idleAdvanceUs, seedSources);
        }
        this.expansion = new TraceExpansion(settings.tracing(), stores, settings.liveRunsPerTask());
        this.sensors = new TaskSensors(context);
        this.opened = sensors.counter("traces-opened", "traces opened by their first app span");
        this.emitted = sensors.counter("traces-emitted", "completed traces written to the output topic");
        this.open = sensors.gauge("traces-open", "traces held by this task (open, expanding or remembered)");
        this.rounds = sensors.distribution("rounds-per-trace", "search queries per emitted trace");
        this.lateAppSpans = sensors.counter("late-app-spans", "app spans that arrived after their trace had closed");
        this.cutTraces = sensors.counter("cut-traces", "traces emitted with app spans or flows cut by a bound");
        this.staleAnswers = sensors.counter("stale-answers", "index answers for a round the trace had left");
        this.closeToEmit = sensors.distribution("close-to-emit-latency-ms",
                "wall-clock ms from a trace's close to its emission");
        this.seedsStarted = sensors.counter("seeds-started", "DeepFlow-only traces seeded by a candidate row");
        this.seedsEmitted = sensors.counter("seeds-emitted", "seeded traces written to the output topic");
        this.seedsTraced = sensors.counter("seeds-dropped-traced",
                "seeds dropped because a row found carries a trace id (the app trace covers it)");
        this.seedsNotFirst = sensors.counter("seeds-dropped-not-first",
                "seeds dropped because an earlier candidate among the rows found emits the trace");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        StreamMessage message;
        try {
            message = codec.decode(record.value());
        } catch (DecodeException e) {
            throw new IllegalStateException("unreadable record on the assembly topic: " + e.getMessage(), e);
        }
        if (message instanceof StreamMessage.FlowMessage f) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (SeedRule.isSeedKey(key)) {
                onSeed(key, f.flow());
            } else {
                onAppSpan(key, f.flow());
            }
        } else if (message instanceof StreamMessage.Tick t) {
            if (t.source().startsWith(settings.deepflowTopic() + ":")) {
                onDeepFlowTick(t);
            } else if (watermark.update(t)) {
                for (String traceId : stores.takeDue(watermark.current())) {
                    onDue(traceId);
                }
                if (seeds == null) {
                    // seeding was switched off: seeds left from before are forgotten
                    stores.takeDueSeeds(watermark.current()).forEach(stores::delete);
                }
            }
            // a RocksDB property read: once per tick is often enough for a gauge
            open.record(stores.approximateTraces());
        } else if (message instanceof Answer a) {
            onAnswer(a, record.value());
        } else {
            throw new IllegalStateException("unexpected " + message.getClass().getSimpleName() + " on the assembly topic");
        }
    }

    private void onAppSpan(String traceId, Flow span) {
        long closeAt = span.endTimeUs() + settings.tracing().networkDelayUs() + settings.tracing().hostClockOffsetUs();
        TraceState state = stores.get(traceId);
        if (state == null) {
            opened.record();
            state = TraceState.open(span, closeAt);
            stores.schedule(closeAt, traceId);
            stores.put(traceId, state);
            closeIfDue(traceId, state);
            return;
        }
        switch (state.phase()) {
            case OPEN -> {
                List<Flow> spans = withSpan(state, state.appSpans(), span);
                if (spans == null) {
                    return;
                }
                if (spans == state.appSpans()) {
                    stores.put(traceId, state.withCutSpans(state.cutSpans() + 1));
                    return;
                }
                long newClose = Math.max(state.closeAtUs(), closeAt);
                if (newClose != state.closeAtUs()) {
                    stores.unschedule(state.closeAtUs(), traceId);
                    stores.schedule(newClose, traceId);
                }
                state = state.withAppSpans(spans, newClose);
                stores.put(traceId, state);
                closeIfDue(traceId, state);
            }
            case EXPANDING -> {
                // the running expansion replays from its app spans, so newcomers wait for the emission
                lateAppSpans.record();
                List<Flow> held = withSpan(state, state.held(), span);
                if (held == state.held()) {
                    stores.put(traceId, state.withCutSpans(state.cutSpans() + 1));
                } else if (held != null) {
                    stores.put(traceId, state.withHeld(held));
                }
            }
            case EMITTED -> {
                lateAppSpans.record();
                List<Flow> spans = withSpan(state, state.appSpans(), span);
                if (spans == null) {
                    return;
                }
                if (spans == state.appSpans()) {
                    stores.put(traceId, state.withCutSpans(state.cutSpans() + 1));
                    return;
                }
                stores.unschedule(state.closeAtUs(), traceId);
                reopen(traceId, state, spans, closeAt);
            }
        }
    }

    /** The DeepFlow input's progress closes seeds; it only comes here when seeding is on. */
    private void onDeepFlowTick(StreamMessage.Tick t) {
        if (seeds != null && seedWatermark.update(t)) {
            for (String key : stores.takeDueSeeds(seedWatermark.current())) {
                onDue(key);
            }
        }
    }

    /**
     * A seed candidate: opens its seed, to close once the DeepFlow input has passed the row's end
     * plus the delays. The same row delivered again (an at-least-once exporter) finds its seed
     * open or remembered and is ignored.
     */
    private void onSeed(String key, Flow entry) {
        if (seeds == null || stores.get(key) != null) {
            // seeding off: a candidate written before it was switched off
            return;
        }
        seedsStarted.record();
        long closeAt = entry.endTimeUs() + settings.tracing().networkDelayUs() + settings.tracing().hostClockOffsetUs();
        TraceState state = TraceState.open(entry, closeAt);
        stores.schedule(closeAt, key);
        stores.put(key, state);
        closeIfDue(key, state);
    }

    /**
     * The list with the span added; the same list when the trace is full (the span is cut); null
     * when the span is already there (a duplicate delivery).
     */
    private List<Flow> withSpan(TraceState state, List<Flow> spans, Flow span) {
        for (Flow s : state.appSpans()) {
            if (s.id().equals(span.id())) {
                return null;
            }
        }
        for (Flow s : state.held()) {
            if (s.id().equals(span.id())) {
                return null;
            }
        }
        if (state.appSpans().size() + state.held().size() >= settings.spansPerTrace()) {
            return spans;
        }
        List<Flow> out = new ArrayList<>(spans.size() + 1);
        out.addAll(spans);
        out.add(span);
        return out;
    }

    private void reopen(String traceId, TraceState state, List<Flow> spans, long closeAt) {
        long newClose = closeAt;
        for (Flow s : spans) {
            newClose = Math.max(newClose, s.endTimeUs() + settings.tracing().networkDelayUs()
                    + settings.tracing().hostClockOffsetUs());
        }
        TraceState reopened = state.reopened(spans, newClose);
        stores.deleteAnswers(traceId);
        stores.schedule(newClose, traceId);
        stores.put(traceId, reopened);
        closeIfDue(traceId, reopened);
    }

    private void closeIfDue(String traceId, TraceState state) {
        WatermarkStore clock = SeedRule.isSeedKey(traceId) ? seedWatermark : watermark;
        if (clock.current() >= state.closeAtUs()) {
            stores.unschedule(state.closeAtUs(), traceId);
            onDue(traceId);
        }
    }

    private void onDue(String traceId) {
        TraceState state = stores.get(traceId);
        if (state == null) {
            return;
        }
        if (state.phase() == TraceState.Phase.EMITTED) {
            stores.delete(traceId);
            return;
        }
        if (state.phase() == TraceState.Phase.OPEN) {
            closedAtWallMs.put(traceId, System.currentTimeMillis());
            advance(traceId, expansion.start(traceId, state));
        }
    }

    private void onAnswer(Answer a, byte[] message) {
        if (seeds == null && SeedRule.isSeedKey(a.traceId())) {
            // a seed expanding when seeding was switched off: forgotten
            staleAnswers.record();
            expansion.forget(a.traceId());
            stores.delete(a.traceId());
            return;
        }
        byte[] flows;
        try {
            flows = codec.answerFlowBytes(message);
        } catch (DecodeException e) {
            throw new IllegalStateException("unreadable answer on the assembly topic: " + e.getMessage(), e);
        }
        var partial = new TraceStores.Partial(a.key(), a.cut(), a.flows(), flows);
        switch (expansion.arrive(a.traceId(), a.round(), partial, () -> stores.get(a.traceId()))) {
            case STALE -> staleAnswers.record();
            case WAITING -> {
                // the round waits for more keys
            }
            case ROUND_COMPLETE -> advance(a.traceId(), expansion.roundComplete(a.traceId(), stores.get(a.traceId())));
        }
    }

    /**
     * Sends the next query's probes, or emits the finished trace. A seed is dropped as soon as a
     * row found carries a trace id, and judged in full once its search is done ({@link SeedRule}).
     */
    private void advance(String traceId, TraceExpansion.Step step) {
        if (SeedRule.isSeedKey(traceId)) {
            Flow entry = step.state().appSpans().get(0);
            SeedRule.Verdict verdict = step.probes() != null
                    ? seeds.traced(step.found()) ? SeedRule.Verdict.TRACED : SeedRule.Verdict.EMIT
                    : seeds.verdict(entry, step.found());
            if (verdict != SeedRule.Verdict.EMIT) {
                dropSeed(traceId, step.state(), verdict);
                return;
            }
        }
        if (step.probes() != null) {
            SearchQuery q = step.probes();
            List<CorrelationKey> keys = CorrelationKey.of(q);
            var probe = new StreamMessage.Probe(traceId, step.state().round(), keys.size(), q.window().startS(),
                    q.window().endS(), q instanceof SearchQuery.ByTraceIds t && t.otelOnly(), q.limit());
            byte[] value = codec.encode(probe);
            long ts = Math.max(0, step.state().closeAtUs() / 1000L);
            for (CorrelationKey k : keys) {
                context.forward(new Record<>(k.text().getBytes(StandardCharsets.UTF_8), value, ts), probesChild);
            }
            stores.put(traceId, step.state());
            return;
        }
        if (SeedRule.isSeedKey(traceId)) {
            seedsEmitted.record();
        }
        emit(traceId, step.state(), step.result());
    }

    /** A seed that an app trace or an earlier candidate covers: no output, remembered for the trace retention. */
    private void dropSeed(String key, TraceState state, SeedRule.Verdict verdict) {
        (verdict == SeedRule.Verdict.TRACED ? seedsTraced : seedsNotFirst).record();
        closedAtWallMs.remove(key);
        expansion.forget(key);
        stores.deleteAnswers(key);
        // so that a second delivery of the row does not seed again
        long forgetAt = state.closeAtUs() + settings.traceRetentionMs() * 1000L;
        stores.schedule(forgetAt, key);
        stores.put(key, state.dropped(forgetAt));
    }

    private void emit(String traceId, TraceState state, TracingResult engineResult) {
        TracingResult result = withBoundNotes(engineResult, state);
        // the HTTP API serves the last emission of a trace (GET /v1/traces/{id}) from the store
        boolean keep = settings.httpPort() > 0;
        var emission = TraceEmission.of(result, state.emittedSpanIds(), settings.outputFormat(),
                apiJsonChild != null || keep);
        long ts = Math.max(0, state.closeAtUs() / 1000L);
        byte[] key = (emission.key().isEmpty() ? traceId : emission.key()).getBytes(StandardCharsets.UTF_8);
        if (emission.value() != null) {
            context.forward(new Record<>(key, emission.value(), ts), outputChild);
        }
        if (apiJsonChild != null) {
            context.forward(new Record<>(key, emission.apiJson(), ts), apiJsonChild);
        }
        if (keep) {
            stores.putEmitted(traceId, emission.apiJson());
        }
        emitted.record();
        rounds.record(state.round());
        if (state.cutSpans() > 0 || state.cutKeys() > 0) {
            cutTraces.record();
        }
        Long closed = closedAtWallMs.remove(traceId);
        if (closed != null) {
            closeToEmit.record(System.currentTimeMillis() - closed);
        }
        stores.deleteAnswers(traceId);
        long forgetAt = state.closeAtUs() + settings.traceRetentionMs() * 1000L;
        TraceState done = state.emitted(emission.spanIds(), forgetAt);
        if (!state.held().isEmpty()) {
            List<Flow> spans = new ArrayList<>(state.appSpans());
            spans.addAll(state.held());
            reopen(traceId, done.withHeld(List.of()), spans, state.closeAtUs());
            return;
        }
        stores.schedule(forgetAt, traceId);
        stores.put(traceId, done);
    }

    /** Marks on the trace what the bounds cut (the OTLP output carries notes on its root spans). */
    private TracingResult withBoundNotes(TracingResult r, TraceState state) {
        if (state.cutSpans() == 0 && state.cutKeys() == 0) {
            return r;
        }
        List<String> notes = new ArrayList<>(r.notes());
        if (state.cutSpans() > 0) {
            notes.add("tracefill: " + state.cutSpans() + " app spans beyond the bound of " + settings.spansPerTrace()
                    + " per trace were left out");
        }
        if (state.cutKeys() > 0) {
            notes.add("tracefill: " + state.cutKeys() + " correlation keys held more than " + settings.flowsPerKey()
                    + " flows per minute; flows beyond were not indexed");
        }
        return new TracingResult(r.found(), r.tracing(), r.services(), r.hostClockCorrection(), notes);
    }

    @Override
    public void close() {
        sensors.close();
    }
}
