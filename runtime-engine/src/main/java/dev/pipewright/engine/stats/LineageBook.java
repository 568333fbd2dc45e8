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
 *
 * <p>A hop whose detail is a number with words before it (the consumer instance, the delivery
 * count) is kept in its parts and its text made only when the lineage is read: most traced
 * histories are never read, and making the text was a few percent of a large flow's time.
 */
public final class LineageBook {
    // Each history holds Hops and LazyHops, in order.
    private final List<List<Object>> first = new ArrayList<>(Collections.nCopies(Lineage.ALL_UP_TO, null));
    private final long[] ids = new long[Lineage.CAPACITY];
    private final List<List<Object>> ring = new ArrayList<>(Collections.nCopies(Lineage.CAPACITY, null));
    private int size;

    /** A hop whose detail is {@code head + middle + number}, not yet made. */
    private record LazyHop(double time, String nodeId, String event, String head, String middle, long number) {
        Hop toHop() {
            return new Hop(time, nodeId, event, head + middle + number);
        }
    }

    /** Records a hop of a traced message (ids that are not traced are ignored). */
    public void record(long messageId, Hop hop) {
        List<Object> hops = history(messageId);
        if (hops != null) {
            hops.add(hop);
        }
    }

    /**
     * Records a hop whose detail is {@code head + middle + number} (as {@link #record(long, Hop)},
     * the text made only when the lineage is read).
     */
    public void record(long messageId, double time, String nodeId, String event, String head, String middle,
                       long number) {
        List<Object> hops = history(messageId);
        if (hops != null) {
            hops.add(new LazyHop(time, nodeId, event, head, middle, number));
        }
    }

    /** The history to add a hop of {@code messageId} to, made if new; null if the id is not kept. */
    private List<Object> history(long messageId) {
        if (!Lineage.sampled(messageId)) {
            return null;
        }
        if (messageId <= Lineage.ALL_UP_TO) {
            int slot = (int) messageId - 1;
            List<Object> hops = first.get(slot);
            if (hops == null) {
                hops = new ArrayList<>(8);
                first.set(slot, hops);
                size++;
            }
            return hops;
        }
        int slot = slot(messageId);
        List<Object> hops = ring.get(slot);
        if (hops == null || ids[slot] < messageId) {
            if (hops == null) {
                size++;
            }
            hops = new ArrayList<>(8);
            ring.set(slot, hops);
            ids[slot] = messageId;
        } else if (ids[slot] != messageId) {
            return null; // An older message whose slot a newer one already took: it is forgotten.
        }
        return hops;
    }

    public Optional<Lineage> lineage(long messageId) {
        if (!Lineage.sampled(messageId)) {
            return Optional.empty();
        }
        List<Object> steps;
        if (messageId <= Lineage.ALL_UP_TO) {
            steps = first.get((int) messageId - 1);
        } else {
            int slot = slot(messageId);
            steps = ids[slot] == messageId ? ring.get(slot) : null;
        }
        if (steps == null) {
            return Optional.empty();
        }
        List<Hop> hops = new ArrayList<>(steps.size());
        for (Object step : steps) {
            hops.add(step instanceof LazyHop lazy ? lazy.toHop() : (Hop) step);
        }
        return Optional.of(new Lineage(messageId, hops));
    }

    private static int slot(long messageId) {
        return (int) ((messageId / Lineage.SAMPLE_EVERY) % Lineage.CAPACITY);
    }

    /** How many messages' histories are kept. */
    public int size() {
        return size;
    }
}
