package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attributes of one span or resource, in the order they are added. Absent values (null, "",
 * an empty list) are not written, as DeepFlow's exporter leaves out empty tags. Strings are made
 * valid Unicode first ({@link #clean}), so the protobuf and the JSON encodings carry the same text.
 */
final class AttributeList {
    private static final int SHARED_PER_KEY = 256;
    private static final Map<String, Map<String, KeyValue>> SHARED = new ConcurrentHashMap<>();

    private final List<KeyValue> values = new ArrayList<>(48);

    void put(String key, String value) {
        if (value != null && !value.isEmpty()) {
            values.add(kv(key, AnyValue.newBuilder().setStringValue(clean(value)).build()));
        }
    }

    /**
     * A string of a small vocabulary (protocol names, observation points, HTTP methods …): the
     * same immutable {@link KeyValue} is shared by every span that has it, which saves building it
     * and lets protobuf reuse its memoized size. Each key keeps at most {@value #SHARED_PER_KEY}
     * values, so odd input cannot grow the cache without bound; beyond that values are built anew.
     */
    void putShared(String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        Map<String, KeyValue> byValue = SHARED.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        KeyValue kv = byValue.get(value);
        if (kv == null) {
            kv = kv(key, AnyValue.newBuilder().setStringValue(clean(value)).build());
            if (byValue.size() < SHARED_PER_KEY) {
                byValue.putIfAbsent(value, kv);
            }
        }
        values.add(kv);
    }

    void put(String key, long value) {
        values.add(kv(key, AnyValue.newBuilder().setIntValue(value).build()));
    }

    void putNonZero(String key, long value) {
        if (value != 0) {
            put(key, value);
        }
    }

    /** An unsigned 64-bit value (DeepFlow's {@code syscall_trace_id_*}, {@code flow_id}) as exact decimal text. */
    void putUnsigned(String key, long value) {
        if (value != 0) {
            values.add(kv(key, AnyValue.newBuilder().setStringValue(Long.toUnsignedString(value)).build()));
        }
    }

    void putTrue(String key, boolean value) {
        if (value) {
            values.add(kv(key, AnyValue.newBuilder().setBoolValue(true).build()));
        }
    }

    void put(String key, List<String> strings) {
        if (strings == null || strings.isEmpty()) {
            return;
        }
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (String s : strings) {
            array.addValues(AnyValue.newBuilder().setStringValue(clean(s == null ? "" : s)));
        }
        values.add(kv(key, AnyValue.newBuilder().setArrayValue(array).build()));
    }

    void add(KeyValue kv) {
        values.add(kv);
    }

    /** The keys written so far (built on demand: only native attributes need the check). */
    Set<String> keys() {
        Set<String> keys = new HashSet<>(values.size() * 2);
        for (KeyValue kv : values) {
            keys.add(kv.getKey());
        }
        return keys;
    }

    List<KeyValue> values() {
        return values;
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /**
     * The text with every unpaired surrogate replaced by U+FFFD. Protobuf would write such a
     * character as {@code ?} and a JSON writer would fail or differ; replacing it first keeps
     * both encodings equal and valid UTF-8.
     */
    static String clean(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return replaceLoneSurrogates(s, i);
            }
        }
        return s;
    }

    private static String replaceLoneSurrogates(String s, int from) {
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, from);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
