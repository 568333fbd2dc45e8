// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A set of message keys as a live run makes them, {@code PREFIX-SEQ} (queue, source and sequence
 * number), kept as one bit per sequence number under its prefix, so a run of millions of messages
 * holds kilobytes, not a string each. A key of another shape is kept as it is. Thread-safe.
 */
final class IdSet {
    private final Map<String, BitSet> bySeq = new HashMap<>();
    private final Set<String> others = new HashSet<>();

    /** Adds {@code key}; true when it was not there. */
    synchronized boolean add(String key) {
        int dash = key.lastIndexOf('-');
        int seq = seq(key, dash);
        if (seq < 0) {
            return others.add(key);
        }
        BitSet bits = bySeq.computeIfAbsent(key.substring(0, dash), k -> new BitSet());
        boolean had = bits.get(seq);
        bits.set(seq);
        return !had;
    }

    synchronized boolean contains(String key) {
        int dash = key.lastIndexOf('-');
        int seq = seq(key, dash);
        if (seq < 0) {
            return others.contains(key);
        }
        BitSet bits = bySeq.get(key.substring(0, dash));
        return bits != null && bits.get(seq);
    }

    /** The sequence number after the last dash, or -1 when there is none that fits a bit index. */
    private static int seq(String key, int dash) {
        if (dash < 0 || dash == key.length() - 1 || key.length() - dash > 10) {
            return -1;
        }
        int n = 0;
        for (int i = dash + 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0'); // at most 9 digits: no overflow
        }
        return n;
    }
}
