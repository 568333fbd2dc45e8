// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>A history is a long a hop: the code of what the hop shares with the other hops of its kind
 * at its node (node, event, the detail's words, kept once in the book) and its number, and the
 * time only when it changes. The book holds {@code ALL_UP_TO + CAPACITY} histories in any long
 * run, so their size is the book's: about 100 bytes for a message's six hops through a queue to a
 * consumer, where a list of hop objects took about 300.
 */
public final class LineageBook {
    private final History[] first = new History[Lineage.ALL_UP_TO];
    private final long[] ids = new long[Lineage.CAPACITY];
    private final History[] ring = new History[Lineage.CAPACITY];
    /** The distinct node, event and detail parts of hops recorded, each once, by code. */
    private final List<Shape> shapes = new ArrayList<>();
    private final Map<Shape, Integer> codes = new HashMap<>();
    private int size;

    /**
     * What a hop shares with others at its node: its node, its event and its detail's words (the
     * detail is {@code head + middle + number} when {@code numbered}, else {@code head} unless the
     * hop keeps a detail of its own).
     */
    private record Shape(String nodeId, String event, String head, String middle, boolean numbered) {
    }

    /**
     * One message's hops, a long each: a flag for "a new time follows", the shape's code and the
     * hop's number; then, when the hop's time is not the previous hop's (most hops of a message
     * happen at the same instant as the one before), the time's bits. Details that are neither
     * empty nor made of a shape and a number (rare) are kept beside, by hop.
     */
    private static final class History {
        private static final long NEW_TIME = 1L << 63;

        long[] words = new long[8]; // a message through a queue to a consumer: six hops at two times
        String[] details;
        int used;
        int hops;
        /** Where the last time is in {@link #words}. */
        int lastTime = -1;

        void add(double time, int code, int number, String detail) {
            long bits = Double.doubleToRawLongBits(time);
            boolean newTime = lastTime < 0 || words[lastTime] != bits;
            int need = newTime ? 2 : 1;
            if (used + need > words.length) {
                words = Arrays.copyOf(words, words.length + Math.max(need, words.length / 2));
            }
            words[used++] = (newTime ? NEW_TIME : 0) | (long) code << 32 | Integer.toUnsignedLong(number);
            if (newTime) {
                lastTime = used;
                words[used++] = bits;
            }
            if (detail != null) {
                if (details == null || details.length <= hops) {
                    details = Arrays.copyOf(details == null ? new String[0] : details, hops + 4);
                }
                details[hops] = detail;
            }
            hops++;
        }
    }

    /** Records a hop of a traced message (ids that are not traced are ignored). */
    public void record(long messageId, Hop hop) {
        History history = history(messageId);
        if (history != null) {
            history.add(hop.time(), code(hop.nodeId(), hop.event(), "", "", false), 0,
                    hop.detail().isEmpty() ? null : hop.detail());
        }
    }

    /**
     * Records a hop whose detail is {@code head + middle + number} (as {@link #record(long, Hop)},
     * the text made only when the lineage is read).
     */
    public void record(long messageId, double time, String nodeId, String event, String head, String middle,
                       long number) {
        History history = history(messageId);
        if (history == null) {
            return;
        }
        if (number == (int) number) {
            history.add(time, code(nodeId, event, head, middle, true), (int) number, null);
        } else {
            history.add(time, code(nodeId, event, "", "", false), 0, head + middle + number);
        }
    }

    private int code(String nodeId, String event, String head, String middle, boolean numbered) {
        Shape shape = new Shape(nodeId, event, head, middle, numbered);
        Integer code = codes.get(shape);
        if (code == null) {
            code = shapes.size();
            shapes.add(shape);
            codes.put(shape, code);
        }
        return code;
    }

    /** The history to add a hop of {@code messageId} to, made if new; null if the id is not kept. */
    private History history(long messageId) {
        if (!Lineage.sampled(messageId)) {
            return null;
        }
        if (messageId <= Lineage.ALL_UP_TO) {
            int slot = (int) messageId - 1;
            if (first[slot] == null) {
                first[slot] = new History();
                size++;
            }
            return first[slot];
        }
        int slot = slot(messageId);
        History history = ring[slot];
        if (history == null || ids[slot] < messageId) {
            if (history == null) {
                size++;
            }
            history = new History();
            ring[slot] = history;
            ids[slot] = messageId;
        } else if (ids[slot] != messageId) {
            return null; // An older message whose slot a newer one already took: it is forgotten.
        }
        return history;
    }

    public Optional<Lineage> lineage(long messageId) {
        if (!Lineage.sampled(messageId)) {
            return Optional.empty();
        }
        History history;
        if (messageId <= Lineage.ALL_UP_TO) {
            history = first[(int) messageId - 1];
        } else {
            int slot = slot(messageId);
            history = ids[slot] == messageId ? ring[slot] : null;
        }
        if (history == null) {
            return Optional.empty();
        }
        List<Hop> hops = new ArrayList<>(history.hops);
        double time = 0;
        for (int k = 0, at = 0; k < history.hops; k++) {
            long word = history.words[at++];
            if (word < 0) { // NEW_TIME
                time = Double.longBitsToDouble(history.words[at++]);
            }
            Shape shape = shapes.get((int) (word >>> 32) & Integer.MAX_VALUE);
            String own = history.details == null || k >= history.details.length ? null : history.details[k];
            String detail = own != null ? own
                    : shape.numbered() ? shape.head() + shape.middle() + (int) word : shape.head();
            hops.add(new Hop(time, shape.nodeId(), shape.event(), detail));
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
