package io.tracefill.tracing.util;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A set of integers that iterates in the order CPython's {@code set} would.
 *
 * <p>DeepFlow's reference builds its relation map by iterating Python sets of small integers
 * (span indexes, agent ids). That order decides the order of {@code related_ids}, of each
 * span's children and therefore of the output, so we reproduce it: open addressing with
 * linear probing and perturbation, the same growth rule and the same copy/merge paths as
 * CPython's {@code Objects/setobject.c} (3.7+). Only insertion is supported; the reference never
 * removes from these sets.
 */
public final class PySet {
    private static final int MIN_SIZE = 8;
    private static final int LINEAR_PROBES = 9;
    private static final int PERTURB_SHIFT = 5;
    private static final long MODULUS = (1L << 61) - 1;

    private long[] keys;
    private long[] hashes;
    private boolean[] occupied;
    private int mask;
    private int fill;
    private int used;

    public PySet() {
        allocate(MIN_SIZE);
    }

    private void allocate(int size) {
        keys = new long[size];
        hashes = new long[size];
        occupied = new boolean[size];
        mask = size - 1;
    }

    /** Python's {@code hash(int)} for a 64-bit value. */
    static long pyHash(long v) {
        if (v >= 0 && v < MODULUS) {
            return v; // the common case, without a division
        }
        long h;
        if (v >= 0) {
            h = v % MODULUS;
        } else if (v == Long.MIN_VALUE) {
            h = -(Long.remainderUnsigned(v, MODULUS));
        } else {
            h = -((-v) % MODULUS);
        }
        return h == -1 ? -2 : h;
    }

    public int size() {
        return used;
    }

    public boolean isEmpty() {
        return used == 0;
    }

    public boolean contains(long key) {
        long hash = pyHash(key);
        long perturb = hash;
        long i = hash & mask;
        while (true) {
            int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
            long j = i;
            do {
                int slot = (int) j;
                if (!occupied[slot]) {
                    return false;
                }
                if (keys[slot] == key) {
                    return true;
                }
                j++;
            } while (probes-- > 0);
            perturb >>>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }

    /** {@code set.add}. */
    public void add(long key) {
        addEntry(key, pyHash(key));
    }

    private void addEntry(long key, long hash) {
        long perturb = hash;
        long i = hash & mask;
        while (true) {
            int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
            long j = i;
            do {
                int slot = (int) j;
                if (!occupied[slot]) {
                    occupied[slot] = true;
                    keys[slot] = key;
                    hashes[slot] = hash;
                    fill++;
                    used++;
                    if ((long) fill * 5 >= (long) mask * 3) {
                        resize(used > 50000 ? used * 2 : used * 4);
                    }
                    return;
                }
                if (hashes[slot] == hash && keys[slot] == key) {
                    return;
                }
                j++;
            } while (probes-- > 0);
            perturb >>>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }

    private void resize(int minUsed) {
        int newSize = MIN_SIZE;
        while (newSize <= minUsed) {
            newSize <<= 1;
        }
        long[] oldKeys = keys;
        long[] oldHashes = hashes;
        boolean[] oldOccupied = occupied;
        allocate(newSize);
        fill = used;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldOccupied[s]) {
                insertClean(oldKeys[s], oldHashes[s]);
            }
        }
    }

    private void insertClean(long key, long hash) {
        long perturb = hash;
        long i = hash & mask;
        while (true) {
            int slot = (int) i;
            if (!occupied[slot]) {
                put(slot, key, hash);
                return;
            }
            if (i + LINEAR_PROBES <= mask) {
                for (int j = 1; j <= LINEAR_PROBES; j++) {
                    if (!occupied[slot + j]) {
                        put(slot + j, key, hash);
                        return;
                    }
                }
            }
            perturb >>>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }

    private void put(int slot, long key, long hash) {
        occupied[slot] = true;
        keys[slot] = key;
        hashes[slot] = hash;
    }

    /** {@code set.update(other)} for another set (CPython's {@code set_merge}). */
    public void update(PySet other) {
        if (other == this || other.used == 0) {
            return;
        }
        if ((long) (fill + other.used) * 5 >= (long) mask * 3) {
            resize((used + other.used) * 2);
        }
        if (fill == 0 && mask == other.mask && other.fill == other.used) {
            keys = Arrays.copyOf(other.keys, other.keys.length);
            hashes = Arrays.copyOf(other.hashes, other.hashes.length);
            occupied = Arrays.copyOf(other.occupied, other.occupied.length);
            fill = other.fill;
            used = other.used;
            return;
        }
        if (fill == 0) {
            fill = other.used;
            used = other.used;
            for (int s = 0; s <= other.mask; s++) {
                if (other.occupied[s]) {
                    insertClean(other.keys[s], other.hashes[s]);
                }
            }
            return;
        }
        for (int s = 0; s <= other.mask; s++) {
            if (other.occupied[s]) {
                addEntry(other.keys[s], other.hashes[s]);
            }
        }
    }

    /** {@code set(a)}: a copy built the way CPython copies a set. */
    public static PySet copyOf(PySet a) {
        PySet copy = new PySet();
        copy.update(a);
        return copy;
    }

    /** {@code a | b}. Either may be null, meaning an empty set. */
    public static PySet union(PySet a, PySet b) {
        PySet result = a == null ? new PySet() : copyOf(a);
        if (b != null) {
            result.update(b);
        }
        return result;
    }

    /** Visits the members in CPython's iteration order. */
    public void forEach(LongConsumer action) {
        for (int s = 0; s <= mask; s++) {
            if (occupied[s]) {
                action.accept(keys[s]);
            }
        }
    }

    /** Members in iteration order. */
    public long[] toArray() {
        long[] out = new long[used];
        int n = 0;
        for (int s = 0; s <= mask; s++) {
            if (occupied[s]) {
                out[n++] = keys[s];
            }
        }
        return out;
    }
}
