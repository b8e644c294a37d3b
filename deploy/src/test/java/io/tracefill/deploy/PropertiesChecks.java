package io.tracefill.deploy;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of tracefill properties files against the documented keys and defaults. */
final class PropertiesChecks {
    /** The keys that name topics (and the input encoding / output format the Collectors must match). */
    static final List<String> TOPIC_KEYS = List.of(
            "tracefill.topic.otlp", "tracefill.topic.deepflow", "tracefill.topic.output", "tracefill.topic.dead-letters");
    static final List<String> FORMAT_KEYS = List.of("tracefill.topic.otlp.encoding", "tracefill.output.format");

    private PropertiesChecks() {
    }

    /** Every key is in a documentation table, or under a documented pass-through prefix (kafka.*). */
    static void keysAreDocumented(String source, Properties p, DocumentedConfig docs) {
        assertThat(docs.passthroughPrefixes()).as("documented pass-through prefixes").contains("kafka.");
        for (String key : p.stringPropertyNames()) {
            assertThat(docs.isDocumented(key) || docs.isPassthrough(key))
                    .as("%s: key '%s' is neither documented (docs/configuration.md, README) nor kafka.*", source, key)
                    .isTrue();
        }
    }

    /** Topic names and formats, where a file sets them, are the documented defaults. */
    static void topicsAreTheDefaults(String source, Properties p, DocumentedConfig docs) {
        for (String key : concat(TOPIC_KEYS, FORMAT_KEYS)) {
            String v = p.getProperty(key);
            if (v != null) {
                assertThat(v.strip()).as("%s: %s (documented default)", source, key).isEqualTo(docs.defaultOf(key));
            }
        }
    }

    /** processing.guarantee is always exactly_once_v2; a file must not pretend otherwise. */
    static void exactlyOnceIsNotOverridden(String source, Properties p) {
        assertThat(p.stringPropertyNames()).as("%s: keys", source)
                .doesNotContain("kafka.processing.guarantee", "processing.guarantee");
    }

    /** The value a file gives a key, else its documented default. */
    static String valueOrDefault(Properties p, String key, DocumentedConfig docs) {
        String v = p.getProperty(key);
        return v != null && !v.isBlank() ? v.strip() : docs.defaultOf(key);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
