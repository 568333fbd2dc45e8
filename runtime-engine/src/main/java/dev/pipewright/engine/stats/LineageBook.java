// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.Hop;
import dev.pipewright.engine.Lineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hop-by-hop histories of the sampled messages (see {@link Lineage}), forgetting the oldest
 * traced message when more than {@link Lineage#CAPACITY} are kept. Engine thread only.
 */
public final class LineageBook {
    private final Map<Long, List<Hop>> histories = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Hop>> eldest) {
            return size() > Lineage.CAPACITY;
        }
    };

    public void record(long messageId, Hop hop) {
        histories.computeIfAbsent(key(messageId), k -> new ArrayList<>(8)).add(hop);
    }

    public Optional<Lineage> lineage(long messageId) {
        List<Hop> hops = histories.get(key(messageId));
        return hops == null ? Optional.empty() : Optional.of(new Lineage(messageId, hops));
    }

    /**
     * Sampled ids are multiples of 64, so their low bits are all zero and they would crowd a few
     * hash buckets; rotating keeps ids unique and spreads them.
     */
    private static long key(long messageId) {
        return Long.rotateRight(messageId, 6);
    }

    public int size() {
        return histories.size();
    }
}
