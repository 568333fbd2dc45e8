// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Hop-by-hop histories of the sampled messages (see {@link Lineage}): those of the
 * {@link Lineage#CAPACITY} most recent sampled message ids. Engine thread only.
 *
 * <p>Sampled ids are multiples of {@link Lineage#SAMPLE_EVERY}, so the n-th sampled id has a
 * fixed slot in a ring of {@link Lineage#CAPACITY} histories, and a newer id takes the slot
 * of the one {@code CAPACITY} sampled ids older: recording a hop is an array access, with no
 * hashing, boxing or map entries on the engine's hot path.
 */
public final class LineageBook {
    private final long[] ids = new long[Lineage.CAPACITY];
    private final List<List<Hop>> histories = new ArrayList<>(Collections.nCopies(Lineage.CAPACITY, null));
    private int size;

    /** Records a hop of a sampled message (ids that are not sampled are ignored). */
    public void record(long messageId, Hop hop) {
        if (!Lineage.sampled(messageId) || messageId <= 0) {
            return;
        }
        int slot = slot(messageId);
        List<Hop> hops = histories.get(slot);
        if (hops == null || ids[slot] < messageId) {
            if (hops == null) {
                size++;
            }
            hops = new ArrayList<>(8);
            histories.set(slot, hops);
            ids[slot] = messageId;
        } else if (ids[slot] != messageId) {
            return; // An older message whose slot a newer one already took: it is forgotten.
        }
        hops.add(hop);
    }

    public Optional<Lineage> lineage(long messageId) {
        if (!Lineage.sampled(messageId) || messageId <= 0) {
            return Optional.empty();
        }
        int slot = slot(messageId);
        List<Hop> hops = histories.get(slot);
        return hops == null || ids[slot] != messageId ? Optional.empty() : Optional.of(new Lineage(messageId, hops));
    }

    private static int slot(long messageId) {
        return (int) ((messageId / Lineage.SAMPLE_EVERY) % Lineage.CAPACITY);
    }

    /** How many messages' histories are kept. */
    public int size() {
        return size;
    }
}
