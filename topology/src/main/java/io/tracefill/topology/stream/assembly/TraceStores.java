package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.model.Flow;
import io.tracefill.topology.stream.SeedRule;
import io.tracefill.topology.stream.TimeKeys;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The assembly partition's stores, behind names that say what they hold: trace states, the
 * per-key answers of each round of each trace's queries, and the schedule of traces to expand
 * or forget by event time.
 * Seeds ({@link SeedRule}) are scheduled in a lane of their own, as they follow the DeepFlow
 * input's watermark while app traces follow the OTLP input's: app-trace entries are time keys
 * (hex digits first), seed entries the same behind an {@code s}, which sorts after every hex digit.
 */
final class TraceStores {
    private static final StringSerializer KEYS = new StringSerializer();
    private static final String SEED_LANE = "s";

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
        schedule.put(scheduleKey(atUs, traceId), new byte[0]);
    }

    void unschedule(long atUs, String traceId) {
        schedule.delete(scheduleKey(atUs, traceId));
    }

    private static String scheduleKey(long atUs, String traceId) {
        return laneOf(traceId) + TimeKeys.key(atUs, traceId);
    }

    private static String laneOf(String traceId) {
        return SeedRule.isSeedKey(traceId) ? SEED_LANE : "";
    }

    /** App trace ids scheduled at or before {@code watermarkUs}, earliest first; their entries are removed. */
    List<String> takeDue(long watermarkUs) {
        return takeDue("", watermarkUs);
    }

    /** Seed keys scheduled at or before {@code watermarkUs}, earliest first; their entries are removed. */
    List<String> takeDueSeeds(long watermarkUs) {
        return takeDue(SEED_LANE, watermarkUs);
    }

    private List<String> takeDue(String lane, long watermarkUs) {
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (var it = schedule.range(lane + TimeKeys.prefix(Long.MIN_VALUE), lane + TimeKeys.after(watermarkUs))) {
            it.forEachRemaining(due::add);
        }
        List<String> ids = new ArrayList<>(due.size());
        for (var kv : due) {
            schedule.delete(kv.key);
            ids.add(TimeKeys.rest(kv.key.substring(lane.length())));
        }
        return ids;
    }

    /**
     * One correlation key's answer to a round's query.
     *
     * @param encoded the flows in {@link FlowListCodec} form, as they came in (stored as they are)
     */
    record Partial(String key, boolean cut, List<Flow> flows, byte[] encoded) {
    }

    void putPartial(String traceId, int round, Partial p) {
        byte[] value = new byte[p.encoded().length + 1];
        value[0] = (byte) (p.cut() ? 1 : 0);
        System.arraycopy(p.encoded(), 0, value, 1, p.encoded().length);
        answers.put(roundKey(traceId, round) + TimeKeys.SEP + p.key(), value);
    }

    /** The per-key answers stored for a round, in key order. */
    List<Partial> partials(String traceId, int round) {
        String prefix = roundKey(traceId, round) + TimeKeys.SEP;
        List<Partial> found = new ArrayList<>();
        try (var it = answers.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                var kv = it.next();
                byte[] encoded = java.util.Arrays.copyOfRange(kv.value, 1, kv.value.length);
                found.add(new Partial(kv.key.substring(prefix.length()), kv.value[0] == 1, decode(encoded, traceId),
                        encoded));
            }
        }
        return found;
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
        try {
            return lists.decode(b);
        } catch (DecodeException e) {
            throw new IllegalStateException("corrupt answer of trace " + traceId + ": " + e.getMessage(), e);
        }
    }
}
