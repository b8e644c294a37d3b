package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import io.tracefill.topology.stream.TimeKeys;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The assembly partition's stores, behind names that say what they hold: trace states, the
 * answers of each trace's queries, and the schedule of traces to expand or forget by event time.
 */
final class TraceStores {
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> traces;
    private final KeyValueStore<String, byte[]> answers;
    private final KeyValueStore<String, byte[]> schedule;
    private final KeyValueStore<String, byte[]> emitted;
    private final TraceStateCodec states = new TraceStateCodec();
    private final FlowListCodec lists = new FlowListCodec();

    TraceStores(KeyValueStore<String, byte[]> traces, KeyValueStore<String, byte[]> answers,
                KeyValueStore<String, byte[]> schedule, KeyValueStore<String, byte[]> emitted) {
        this.traces = traces;
        this.answers = answers;
        this.schedule = schedule;
        this.emitted = emitted;
    }

    TraceState get(String traceId) {
        byte[] b = traces.get(traceId);
        if (b == null) {
            return null;
        }
        try {
            return states.decode(b);
        } catch (DecodeException e) {
            throw new IllegalStateException("corrupt state of trace " + traceId + ": " + e.getMessage(), e);
        }
    }

    void put(String traceId, TraceState state) {
        traces.put(traceId, states.encode(state));
    }

    /** Forgets the trace, its answers and its last emission. */
    void delete(String traceId) {
        traces.delete(traceId);
        emitted.delete(traceId);
        deleteAnswers(traceId);
    }

    /** Keeps the emission's API JSON as the trace's latest version (replacing an earlier one). */
    void putEmitted(String traceId, byte[] apiJson) {
        emitted.put(traceId, EmittedTraces.encode(apiJson));
    }

    long approximateTraces() {
        return traces.approximateNumEntries();
    }

    void schedule(long atUs, String traceId) {
        schedule.put(TimeKeys.key(atUs, traceId), new byte[0]);
    }

    void unschedule(long atUs, String traceId) {
        schedule.delete(TimeKeys.key(atUs, traceId));
    }

    /** Trace ids scheduled at or before {@code watermarkUs}, earliest first; their entries are removed. */
    List<String> takeDue(long watermarkUs) {
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (var it = schedule.range(TimeKeys.prefix(Long.MIN_VALUE), TimeKeys.after(watermarkUs))) {
            it.forEachRemaining(due::add);
        }
        List<String> ids = new ArrayList<>(due.size());
        for (var kv : due) {
            schedule.delete(kv.key);
            ids.add(TimeKeys.rest(kv.key));
        }
        return ids;
    }

    List<Flow> answer(String traceId, int round) {
        return decode(answers.get(roundKey(traceId, round)), traceId);
    }

    void putAnswer(String traceId, int round, List<Flow> rows) {
        answers.put(roundKey(traceId, round), lists.encode(rows));
    }

    /** @return false when this key's answer had already arrived */
    boolean putPartial(String traceId, int round, String key, List<Flow> rows) {
        String k = roundKey(traceId, round) + TimeKeys.SEP + key;
        if (answers.get(k) != null) {
            return false;
        }
        answers.put(k, lists.encode(rows));
        return true;
    }

    /** The per-key answers of a round, removed from the store. */
    List<List<Flow>> takePartials(String traceId, int round) {
        List<KeyValue<String, byte[]>> found = new ArrayList<>();
        try (var it = answers.prefixScan(roundKey(traceId, round) + TimeKeys.SEP, KEYS)) {
            it.forEachRemaining(found::add);
        }
        List<List<Flow>> rows = new ArrayList<>(found.size());
        for (var kv : found) {
            rows.add(decode(kv.value, traceId));
            answers.delete(kv.key);
        }
        return rows;
    }

    void deleteAnswers(String traceId) {
        List<String> keys = new ArrayList<>();
        try (var it = answers.prefixScan(traceId + TimeKeys.SEP, KEYS)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(answers::delete);
    }

    private static String roundKey(String traceId, int round) {
        return traceId + TimeKeys.SEP + String.format("%08x", round);
    }

    private List<Flow> decode(byte[] b, String traceId) {
        if (b == null) {
            throw new IllegalStateException("trace " + traceId + ": an answer of an earlier round is missing");
        }
        try {
            return lists.decode(b);
        } catch (DecodeException e) {
            throw new IllegalStateException("corrupt answer of trace " + traceId + ": " + e.getMessage(), e);
        }
    }
}
