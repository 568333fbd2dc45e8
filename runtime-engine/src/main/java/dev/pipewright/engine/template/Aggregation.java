// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An aggregator's open groups: messages collected by correlation key, a group complete when it
 * holds {@code batchSize} messages or when {@code timeout} has passed since its first message.
 * The simulator (with virtual time and a timer per group) and a live run (with the wall clock,
 * asking for the overdue groups) keep their groups here, so they decide alike. Not thread-safe.
 *
 * @param <T> what a group holds: the simulator's messages, a live run's deliveries
 */
public final class Aggregation<T> {
    /** One open group: its key, its number (from 1, in the order groups open), when it opened, its members. */
    public static final class Group<T> {
        private final Object key;
        private final long generation;
        private final double openedAt;
        private final List<T> members = new ArrayList<>();

        private Group(Object key, long generation, double openedAt) {
            this.key = key;
            this.generation = generation;
            this.openedAt = openedAt;
        }

        /** The correlation key the members share. */
        public Object key() {
            return key;
        }

        /** The group's number, from 1, in the order groups opened. */
        public long generation() {
            return generation;
        }

        /** The members in the order they came. */
        public List<T> members() {
            return members;
        }
    }

    /**
     * What adding one message did: the group it joined, whether that group opened with it (so a
     * simulator starts its timer), and whether the group is complete now (it is closed then).
     */
    public record Added<T>(Group<T> group, boolean opened, boolean complete) {
    }

    private final Map<Object, Group<T>> open = new LinkedHashMap<>();
    private int batchSize;
    private long nextGeneration = 1;
    private long held;

    /** Groups of {@code batchSize} messages (at least one). */
    public Aggregation(int batchSize) {
        resize(batchSize);
    }

    /** A new group size; takes effect as messages next come. */
    public void resize(int newBatchSize) {
        this.batchSize = Math.max(1, newBatchSize);
    }

    /** Adds {@code member} to the group of {@code key} at time {@code now} (seconds); a complete group is closed. */
    public Added<T> add(Object key, T member, double now) {
        Group<T> g = open.get(key);
        boolean opened = g == null;
        if (opened) {
            g = new Group<>(key, nextGeneration++, now);
            open.put(key, g);
        }
        g.members.add(member);
        held++;
        boolean complete = g.members.size() >= batchSize;
        if (complete) {
            close(g);
        }
        return new Added<>(g, opened, complete);
    }

    /** Whether {@code g} is still open (a timer of a group closed since finds it is not). */
    public boolean isOpen(Group<T> g) {
        return open.get(g.key) == g;
    }

    /** Closes {@code g} if it is open: its members are released. */
    public void close(Group<T> g) {
        if (open.remove(g.key) == g) {
            held -= g.members.size();
        }
    }

    /** Closes and returns the groups open for {@code timeout} seconds or more at time {@code now}, oldest first. */
    public List<Group<T>> closeOverdue(double now, double timeout) {
        List<Group<T>> due = new ArrayList<>();
        if (timeout <= 0) {
            return due;
        }
        for (Iterator<Group<T>> it = open.values().iterator(); it.hasNext(); ) {
            Group<T> g = it.next();
            if (now - g.openedAt >= timeout) {
                it.remove();
                held -= g.members.size();
                due.add(g);
            }
        }
        return due;
    }

    /** Closes and returns the oldest open group, or null when none is open. */
    public Group<T> closeOldest() {
        Iterator<Group<T>> it = open.values().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Group<T> g = it.next();
        it.remove();
        held -= g.members.size();
        return g;
    }

    /** Forgets every open group (their members are given back elsewhere). */
    public void clear() {
        open.clear();
        held = 0;
    }

    /** How many messages the open groups hold. */
    public long held() {
        return held;
    }
}
