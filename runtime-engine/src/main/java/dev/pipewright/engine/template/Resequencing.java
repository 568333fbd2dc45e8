// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A resequencer's state: messages released in order of their sequence number, from 1. An early
 * message waits for the gap before it; when more than {@code window} wait, or the gap has waited
 * {@code timeout}, the gap is given up and the order carries on from the next waiting message. A
 * late message (its number passed already) and a repeated number go straight through. The
 * simulator (virtual time, a timer per {@link #generation()}) and a live run (the wall clock,
 * asking {@link #gapOverdue}) keep it here, so they decide alike. Not thread-safe.
 *
 * @param <T> what waits: the simulator's messages, a live run's deliveries
 */
public final class Resequencing<T> {
    private final TreeMap<Long, T> waiting = new TreeMap<>();
    private int window;
    private long expected = 1;
    private long generation;
    private double gapSince;

    /** At most {@code window} messages wait for a gap. */
    public Resequencing(int window) {
        resize(window);
    }

    /** A new window; takes effect as messages next come. */
    public void resize(int newWindow) {
        this.window = Math.max(1, newWindow);
    }

    /** Takes {@code message} numbered {@code seq} at time {@code now} (seconds): what it releases, in order. */
    public List<T> accept(long seq, T message, double now) {
        List<T> out = new ArrayList<>();
        if (seq < expected || waiting.containsKey(seq)) {
            out.add(message);
            return out;
        }
        if (seq == expected) {
            out.add(message);
            expected++;
            releaseConsecutive(out);
            restartGap(now);
            return out;
        }
        boolean wasEmpty = waiting.isEmpty();
        waiting.put(seq, message);
        if (waiting.size() > window) {
            skipGap(out, now);
        } else if (wasEmpty) {
            restartGap(now);
        }
        return out;
    }

    /** Gives up the gap before the first waiting message at time {@code now}: what that releases. */
    public List<T> skipGap(double now) {
        List<T> out = new ArrayList<>();
        if (!waiting.isEmpty()) {
            skipGap(out, now);
        }
        return out;
    }

    /** Whether messages wait and the gap before them has waited {@code timeout} seconds (positive) at {@code now}. */
    public boolean gapOverdue(double now, double timeout) {
        return timeout > 0 && !waiting.isEmpty() && now - gapSince >= timeout;
    }

    /** Changes each time the gap's clock restarts: a simulator's timer of an older generation is void. */
    public long generation() {
        return generation;
    }

    /** How many messages wait. */
    public int waiting() {
        return waiting.size();
    }

    /** Forgets what waits, keeping the number expected next (what waited is given back elsewhere and comes again): what waited. */
    public List<T> clear() {
        List<T> was = new ArrayList<>(waiting.values());
        waiting.clear();
        generation++;
        return was;
    }

    private void skipGap(List<T> out, double now) {
        expected = waiting.firstKey();
        releaseConsecutive(out);
        restartGap(now);
    }

    private void releaseConsecutive(List<T> out) {
        while (!waiting.isEmpty() && waiting.firstKey() == expected) {
            out.add(waiting.pollFirstEntry().getValue());
            expected++;
        }
    }

    private void restartGap(double now) {
        generation++;
        gapSince = now;
    }
}
