// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import java.util.Arrays;

/**
 * A set of indexes from 0 up, as a bit set with a summary word for every 64 words, so that the
 * first member at or after an index is found by reading at most one word per 4,096 indexes
 * instead of every candidate. A consumer keeps its idle instances, those with credit and those
 * not crashed in three of these, so choosing an instance does not scan them all.
 */
final class IndexSet {
    private long[] words = new long[1];
    private long[] summary = new long[1];
    private int size;

    /** Adds {@code i} if {@code member}, else removes it. */
    void set(int i, boolean member) {
        int w = i >>> 6;
        if (w >= words.length) {
            if (!member) {
                return;
            }
            words = Arrays.copyOf(words, Math.max(w + 1, 2 * words.length));
            summary = Arrays.copyOf(summary, (words.length + 63) >>> 6);
        }
        long bit = 1L << i;
        long old = words[w];
        long now = member ? old | bit : old & ~bit;
        if (now == old) {
            return;
        }
        words[w] = now;
        size += member ? 1 : -1;
        if (now == 0) {
            summary[w >>> 6] &= ~(1L << w);
        } else if (old == 0) {
            summary[w >>> 6] |= 1L << w;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest member at or after {@code from}, or -1. */
    int next(int from) {
        int w = from >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long bits = words[w] & (-1L << from);
        if (bits != 0) {
            return (w << 6) + Long.numberOfTrailingZeros(bits);
        }
        // The next non-empty word after w, by the summary.
        int nw = w + 1;
        int s = nw >>> 6;
        if (s >= summary.length) {
            return -1;
        }
        long sbits = summary[s] & (-1L << nw); // a shift counts modulo 64
        while (sbits == 0) {
            if (++s >= summary.length) {
                return -1;
            }
            sbits = summary[s];
        }
        int word = (s << 6) + Long.numberOfTrailingZeros(sbits);
        return (word << 6) + Long.numberOfTrailingZeros(words[word]);
    }

    /** The first member at or after {@code from}, wrapping around to 0; -1 if the set is empty. */
    int nextCyclic(int from) {
        if (size == 0) {
            return -1;
        }
        int i = next(from);
        return i >= 0 ? i : next(0);
    }
}
