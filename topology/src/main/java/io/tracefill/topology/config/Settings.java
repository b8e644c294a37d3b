package io.tracefill.topology.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Layered settings: a properties file, overridden by environment variables ({@code a.b_c} →
 * {@code TRACEFILL_A_B_C}), overridden by what a command sets itself ({@link #withOverrides}).
 * Typed getters fail with a {@link ConfigException} naming the key.
 */
public final class Settings {
    public static final String ENV_PREFIX = "TRACEFILL_";

    private final Properties file;
    private final Map<String, String> env;
    private final Map<String, String> overrides;
    private final String source;

    private Settings(Properties file, Map<String, String> env, Map<String, String> overrides, String source) {
        this.file = file;
        this.env = env;
        this.overrides = overrides;
        this.source = source;
    }

    private Settings(Properties file, Map<String, String> env, String source) {
        this(file, env, Map.of(), source);
    }

    /**
     * These settings with {@code values} on top of file and environment: how {@code demo} and
     * {@code replay} set the keys they decide (application id, bootstrap servers, ...).
     */
    public Settings withOverrides(Map<String, String> values) {
        Map<String, String> merged = new java.util.HashMap<>(overrides);
        merged.putAll(values);
        return new Settings(file, env, Map.copyOf(merged), source);
    }

    public static Settings of(Properties file, Map<String, String> env) {
        return new Settings(file, env, "properties");
    }

    /** Settings from an optional file (null: none) and the process environment. */
    public static Settings load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (NoSuchFileException e) {
                throw new ConfigException(file + ": no such file");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage());
            }
        }
        return new Settings(p, env, file == null ? "environment" : file.toString());
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value: overrides first, then environment, then file; trimmed; empty counts as absent. */
    public Optional<String> get(String key) {
        String v = overrides.get(key);
        if (v == null) {
            v = env.get(envName(key));
        }
        if (v == null) {
            v = file.getProperty(key);
        }
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(v.strip());
    }

    private String where(String key) {
        return !overrides.containsKey(key) && env.containsKey(envName(key)) ? envName(key) : key;
    }

    public long getLong(String key, long defaultValue, long min) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(where(key) + ": expected an integer, got '" + v.get() + "'");
        }
        if (parsed < min) {
            throw new ConfigException(where(key) + ": must be >= " + min + ", got " + parsed);
        }
        return parsed;
    }

    public int getInt(String key, int defaultValue, int min) {
        long v = getLong(key, defaultValue, min);
        if (v > Integer.MAX_VALUE) {
            throw new ConfigException(where(key) + ": must be <= " + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(where(key) + ": expected true or false, got '" + v.get() + "'");
        };
    }

    /** Comma-separated list; empty when absent. */
    public java.util.List<String> getList(String key) {
        return get(key).map(s -> java.util.Arrays.stream(s.split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(java.util.List.of());
    }

    /** Keys with the prefix, from the overrides, the file and the environment ({@code TRACEFILL_KAFKA_X_Y} → {@code kafka.x.y}). */
    public java.util.SortedSet<String> keysWithPrefix(String prefix) {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        for (String k : overrides.keySet()) {
            if (k.startsWith(prefix) && get(k).isPresent()) {
                keys.add(k);
            }
        }
        for (String k : file.stringPropertyNames()) {
            if (k.startsWith(prefix) && get(k).isPresent()) {
                keys.add(k);
            }
        }
        String envPrefix = envName(prefix);
        for (String e : env.keySet()) {
            if (e.startsWith(envPrefix) && e.length() > envPrefix.length()) {
                String key = prefix + e.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (keys.stream().noneMatch(k -> envName(k).equals(e)) && get(key).isPresent()) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    public String source() {
        return source;
    }
}
