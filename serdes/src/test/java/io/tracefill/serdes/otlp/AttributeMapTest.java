package io.tracefill.serdes.otlp;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeMapTest {
    @Test
    void behavesLikeAnInsertionOrderedMapWhereTheFirstValueWins() {
        AttributeMap m = new AttributeMap(4);
        m.putFirst("b", "1");
        m.putFirst("a", "2");
        m.putFirst("b", "3");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("b", "1");
        expected.put("a", "2");

        assertThat(m).containsExactly(Map.entry("b", "1"), Map.entry("a", "2"));
        assertThat(m).isEqualTo(expected);
        assertThat(expected).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(expected.hashCode());
        assertThat(m.get("a")).isEqualTo("2");
        assertThat(m.get("c")).isNull();
        assertThat(m.get(null)).isNull();
        assertThat(m.containsKey("b")).isTrue();
        assertThat(m.containsKey(1)).isFalse();
        assertThat(m).hasSize(2);
        assertThat(m.toString()).isEqualTo("{b=1, a=2}");
    }
}
