// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Hop-by-hop histories of the traced messages (see {@link Lineage}): every one of the first
 * {@link Lineage#ALL_UP_TO} message ids, and of the later sampled ids the
 * {@link Lineage#CAPACITY} most recent. Engine thread only.
 *
 * <p>The first ids have a slot each. Later sampled ids are multiples of
 * {@link Lineage#SAMPLE_EVERY}, so the n-th of them has a fixed slot in a ring of
 * {@link Lineage#CAPACITY} histories, and a newer id takes the slot of the one {@code CAPACITY}
 * sampled ids older: recording a hop is an array access, with no hashing, boxing or map entries
 * on the engine's hot path.
 */
public final class LineageBook {
    private final List<List<Hop>> first = new ArrayList<>(Collections.nCopies(Lineage.ALL_UP_TO, null));
    private final long[] ids = new long[Lineage.CAPACITY];
    private final List<List<Hop>> ring = new ArrayList<>(Collections.nCopies(Lineage.CAPACITY, null));
    private int size;

    /** Records a hop of a traced message (ids that are not traced are ignored). */
    public void record(long messageId, Hop hop) {
        if (!Lineage.sampled(messageId)) {
            return;
        }
        if (messageId <= Lineage.ALL_UP_TO) {
            int slot = (int) messageId - 1;
            List<Hop> hops = first.get(slot);
            if (hops == null) {
                hops = new ArrayList<>(8);
                first.set(slot, hops);
                size++;
            }
            hops.add(hop);
            return;
        }
        int slot = slot(messageId);
        List<Hop> hops = ring.get(slot);
        if (hops == null || ids[slot] < messageId) {
            if (hops == null) {
                size++;
            }
            hops = new ArrayList<>(8);
            ring.set(slot, hops);
            ids[slot] = messageId;
        } else if (ids[slot] != messageId) {
            return; // An older message whose slot a newer one already took: it is forgotten.
        }
        hops.add(hop);
    }

    public Optional<Lineage> lineage(long messageId) {
        if (!Lineage.sampled(messageId)) {
            return Optional.empty();
        }
        List<Hop> hops;
        if (messageId <= Lineage.ALL_UP_TO) {
            hops = first.get((int) messageId - 1);
        } else {
            int slot = slot(messageId);
            hops = ids[slot] == messageId ? ring.get(slot) : null;
        }
        return hops == null ? Optional.empty() : Optional.of(new Lineage(messageId, hops));
    }

    private static int slot(long messageId) {
        return (int) ((messageId / Lineage.SAMPLE_EVERY) % Lineage.CAPACITY);
    }

    /** How many messages' histories are kept. */
    public int size() {
        return size;
    }
}
