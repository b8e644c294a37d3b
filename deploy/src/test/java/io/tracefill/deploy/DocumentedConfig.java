package io.tracefill.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration keys and defaults as the documentation states them: the "Key | Default |
 * Meaning" tables of docs/configuration.md (pipeline keys) and of the README (tracing.* keys).
 * The deploy files are checked against this, so changing a documented default breaks the tests
 * until the files follow.
 */
final class DocumentedConfig {
    /** What a Default cell says when there is no default. */
    private static final List<String> NO_DEFAULT = List.of("(none)", "—", "-", "");

    private final Map<String, Optional<String>> defaults;
    private final List<String> passthroughPrefixes;

    private DocumentedConfig(Map<String, Optional<String>> defaults) {
        this.defaults = Collections.unmodifiableMap(defaults);
        List<String> prefixes = new ArrayList<>();
        for (String key : defaults.keySet()) {
            if (key.endsWith(".*")) {
                prefixes.add(key.substring(0, key.length() - 1));
            }
        }
        this.passthroughPrefixes = List.copyOf(prefixes);
    }

    /** The documentation of this repository. */
    static DocumentedConfig load() {
        return of(DeployFiles.read(DeployFiles.CONFIGURATION_MD), DeployFiles.read(DeployFiles.README_MD));
    }

    /** From Markdown texts; every "Key | Default | ..." table of each counts. */
    static DocumentedConfig of(String... markdown) {
        Map<String, Optional<String>> all = new LinkedHashMap<>();
        for (String md : markdown) {
            all.putAll(keyTables(md));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no 'Key | Default' table found in the documentation");
        }
        return new DocumentedConfig(all);
    }

    /** Rows of every table whose header starts with Key | Default, as key → default. */
    static Map<String, Optional<String>> keyTables(String markdown) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        String[] lines = markdown.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            List<String> header = cells(lines[i]);
            if (header.size() < 2 || !header.get(0).equalsIgnoreCase("Key") || !header.get(1).equalsIgnoreCase("Default")) {
                continue;
            }
            // the |---|---| line, then rows until the table ends
            for (int j = i + 2; j < lines.length && lines[j].strip().startsWith("|"); j++) {
                List<String> row = cells(lines[j]);
                if (row.size() < 2) {
                    continue;
                }
                String key = unquote(row.get(0));
                String def = unquote(row.get(1));
                if (out.put(key, NO_DEFAULT.contains(def) ? Optional.empty() : Optional.of(def)) != null) {
                    throw new IllegalStateException("key " + key + " is documented twice");
                }
            }
        }
        return out;
    }

    private static List<String> cells(String line) {
        String s = line.strip();
        if (!s.startsWith("|")) {
            return List.of();
        }
        s = s.substring(1);
        if (s.endsWith("|")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String c : s.split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    /** `x` → x (a whole cell in backticks); anything else unchanged. */
    private static String unquote(String cell) {
        if (cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1) {
            return cell.substring(1, cell.length() - 1);
        }
        return cell;
    }

    Map<String, Optional<String>> defaults() {
        return defaults;
    }

    boolean isDocumented(String key) {
        return defaults.containsKey(key);
    }

    /** Keys under a documented "prefix.*" row (kafka.*), passed on to Kafka Streams. */
    boolean isPassthrough(String key) {
        return passthroughPrefixes.stream().anyMatch(p -> key.startsWith(p) && key.length() > p.length());
    }

    List<String> passthroughPrefixes() {
        return passthroughPrefixes;
    }

    /** The documented default of a key that has one; fails for an undocumented key or one without default. */
    String defaultOf(String key) {
        Optional<String> d = defaults.get(key);
        if (d == null) {
            throw new IllegalStateException(key + " is not documented");
        }
        return d.orElseThrow(() -> new IllegalStateException(key + " has no documented default"));
    }

    /** The environment variable that overrides a key (docs/configuration.md's rule). */
    static String envName(String key) {
        return "TRACEFILL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
