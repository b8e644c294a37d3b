package io.tracefill.serdes.otlp;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's attributes as two arrays in insertion order: one object per row instead of one node per
 * attribute, which is most of what a HashMap would allocate for an OTel row's ~20 attributes.
 * Immutable once built; equal to (and hashing like) any {@link Map} with the same entries. Lookups
 * scan, which is what a row of a few dozen attributes wants.
 */
final class AttributeMap extends AbstractMap<String, String> {
    private final String[] keys;
    private final String[] values;
    private final int[] hashes;
    private int size;

    /** An empty map that takes at most {@code capacity} attributes through {@link #putFirst}. */
    AttributeMap(int capacity) {
        keys = new String[capacity];
        values = new String[capacity];
        hashes = new int[capacity];
    }

    /** Adds the attribute unless its key is already there: the first value of a key wins. */
    void putFirst(String key, String value) {
        int h = key.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == h && keys[i].equals(key)) {
                return;
            }
        }
        keys[size] = key;
        values[size] = value;
        hashes[size++] = h;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        int h = k.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == h && keys[i].equals(k)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
