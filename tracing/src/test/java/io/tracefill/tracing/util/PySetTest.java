package io.tracefill.tracing.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PySet} iterates like CPython's set. The golden orders in {@code pyset/cases.json} were
 * produced by CPython 3.11 ({@code list(s)}, {@code list(a | b)}, {@code list(set(a))}) for random
 * insertion sequences of small indexes and of 31-bit ids.
 */
class PySetTest {
    @Test
    void iterationOrderMatchesCPython() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/pyset/cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertThat(cases.size()).isGreaterThan(400);
        for (JsonNode c : cases) {
            PySet a = build(c.get("a"));
            PySet b = build(c.get("b"));
            assertThat(asList(a.toArray())).as("insertion %s", c.get("a")).isEqualTo(longs(c.get("a_order")));
            assertThat(asList(PySet.union(a, b).toArray())).as("%s | %s", c.get("a"), c.get("b"))
                    .isEqualTo(longs(c.get("union")));
            assertThat(asList(PySet.copyOf(a).toArray())).as("set(%s)", c.get("a")).isEqualTo(longs(c.get("copy")));
        }
    }

    @Test
    void containsAndSize() {
        PySet s = new PySet();
        for (long i = 0; i < 100; i += 3) {
            s.add(i);
            s.add(i);
        }
        assertThat(s.size()).isEqualTo(34);
        assertThat(s.contains(99)).isTrue();
        assertThat(s.contains(98)).isFalse();
    }

    private static PySet build(JsonNode values) {
        PySet s = new PySet();
        values.forEach(v -> s.add(v.asLong()));
        return s;
    }

    private static List<Long> longs(JsonNode values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asLong()));
        return out;
    }

    private static List<Long> asList(long[] values) {
        List<Long> out = new ArrayList<>();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }
}
