package io.tracefill.serdes.model;

import java.util.Collection;
import java.util.Map;

/**
 * DeepFlow's algorithm treats a value as present when it is truthy in Python: {@code 0},
 * {@code ""}, {@code null} and empty collections are absent. These helpers say that once.
 */
public final class Values {
    private Values() {
    }

    public static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    public static boolean present(Long v) {
        return v != null && v != 0L;
    }

    public static boolean present(Integer v) {
        return v != null && v != 0;
    }

    public static boolean present(Collection<?> c) {
        return c != null && !c.isEmpty();
    }

    public static boolean present(Map<?, ?> m) {
        return m != null && !m.isEmpty();
    }

    public static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The first argument when present, else the second. */
    public static String firstPresent(String a, String b) {
        return present(a) ? a : b;
    }
}
