package io.tracefill.tracing.relation;

import java.util.Arrays;

/**
 * {@code subject → {candidate → OR of relation bits}}, each level in insertion order (the
 * reference's nested dicts). The order is observable: it is the candidate order of every
 * cross-set step and the order of {@code related_ids}. Subjects and candidates are positions
 * {@code 0..n-1}, so the map is a set of arrays.
 */
public final class RelationMap {
    private static final int[] EMPTY = new int[0];

    private final int[][] candidates;
    private final int[][] bits;
    private final int[] sizes;
    // while one subject is filled: stamp[c] == generation means c is at slot[c] of that subject
    private final int[] stamp;
    private final int[] slot;
    private int generation;
    private int currentSubject = -1;

    public RelationMap(int positions) {
        candidates = new int[positions][];
        bits = new int[positions][];
        sizes = new int[positions];
        stamp = new int[positions];
        slot = new int[positions];
    }

    void or(int subject, int candidate, int bit) {
        if (subject != currentSubject) {
            focus(subject);
        }
        if (stamp[candidate] == generation) {
            bits[subject][slot[candidate]] |= bit;
            return;
        }
        int n = sizes[subject];
        if (candidates[subject] == null) {
            candidates[subject] = new int[4];
            bits[subject] = new int[4];
        } else if (n == candidates[subject].length) {
            candidates[subject] = Arrays.copyOf(candidates[subject], n * 2);
            bits[subject] = Arrays.copyOf(bits[subject], n * 2);
        }
        candidates[subject][n] = candidate;
        bits[subject][n] = bit;
        sizes[subject] = n + 1;
        stamp[candidate] = generation;
        slot[candidate] = n;
    }

    private void focus(int subject) {
        currentSubject = subject;
        generation++;
        int[] c = candidates[subject];
        for (int k = 0; k < sizes[subject]; k++) {
            stamp[c[k]] = generation;
            slot[c[k]] = k;
        }
    }

    public boolean hasSubject(int subject) {
        return sizes[subject] > 0;
    }

    /** Number of candidates related to the subject. */
    public int size(int subject) {
        return sizes[subject];
    }

    /** The k-th candidate of the subject, in insertion order. */
    public int candidate(int subject, int k) {
        return candidates[subject][k];
    }

    /** Relation bits of the k-th candidate of the subject. */
    public int bitsAt(int subject, int k) {
        return bits[subject][k];
    }

    /** Bits between a subject and a candidate, 0 when unrelated. */
    public int bits(int subject, int candidate) {
        int[] c = candidates[subject] == null ? EMPTY : candidates[subject];
        for (int k = 0; k < sizes[subject]; k++) {
            if (c[k] == candidate) {
                return bits[subject][k];
            }
        }
        return 0;
    }
}
