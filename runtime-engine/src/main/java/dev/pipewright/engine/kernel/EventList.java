// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

import java.util.Arrays;

/**
 * The pending events, ordered by time and then by sequence number, so two events at the same
 * time always run in the order they were scheduled and a run is repeatable. Allocates nothing once
 * its arrays have grown.
 *
 * <p>A 4-ary heap of sort keys: each heap position holds the time (as its raw bits) and the
 * sequence number side by side in one {@code long} array, so a comparison reads one cache line
 * and the four children of a position are next to each other. What an event carries (handler,
 * type, subject, argument) stays put in a slot of its own and the heap moves only the slot's
 * number, so a sift moves three values instead of six. Times are never negative (the kernel
 * never schedules before its clock, which starts at zero), and for non-negative doubles the
 * order of the raw bits is the order of the values.
 */
public final class EventList {
    private static final int ARITY = 4;

    // Heap, by position: keys[2p] = time bits, keys[2p + 1] = sequence; slotAt[p] = payload slot.
    private long[] keys = new long[2 * 1024];
    private int[] slotAt = new int[1024];
    private int size;
    private long nextSeq;

    // Payload, by slot; free slots are kept on a stack.
    private EventHandler[] handlers = new EventHandler[1024];
    private int[] types = new int[1024];
    private Object[] subjects = new Object[1024];
    private long[] args = new long[1024];
    private int[] freeSlots = new int[1024];
    private int freeCount;
    private int slotsUsed;

    // The event last taken by poll(); read by the kernel right after.
    private double polledTime;
    private long polledSeq;
    private EventHandler polledHandler;
    private int polledType;
    private Object polledSubject;
    private long polledArg;

    /** Adds an event at {@code time} (zero or more); returns its sequence number. */
    public long add(double time, EventHandler handler, int type, Object subject, long arg) {
        if (size == slotAt.length) {
            grow();
        }
        int slot = freeCount > 0 ? freeSlots[--freeCount] : slotsUsed++;
        handlers[slot] = handler;
        types[slot] = type;
        subjects[slot] = subject;
        args[slot] = arg;

        long seq = nextSeq++;
        long t = Double.doubleToRawLongBits(time);
        long[] k = keys;
        // Sift up with a hole instead of swaps.
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = k[2 * parent];
            if (pt < t || (pt == t && k[2 * parent + 1] < seq)) {
                break;
            }
            k[2 * i] = pt;
            k[2 * i + 1] = k[2 * parent + 1];
            slotAt[i] = slotAt[parent];
            i = parent;
        }
        k[2 * i] = t;
        k[2 * i + 1] = seq;
        slotAt[i] = slot;
        return seq;
    }

    /** Removes the first event, making it readable through the {@code polled...} methods; false if empty. */
    public boolean poll() {
        if (size == 0) {
            return false;
        }
        long[] k = keys;
        int slot = slotAt[0];
        polledTime = Double.longBitsToDouble(k[0]);
        polledSeq = k[1];
        polledHandler = handlers[slot];
        polledType = types[slot];
        polledSubject = subjects[slot];
        polledArg = args[slot];
        handlers[slot] = null;
        subjects[slot] = null;
        freeSlots[freeCount++] = slot;

        int last = --size;
        if (last > 0) {
            siftDownFromRoot(k[2 * last], k[2 * last + 1], slotAt[last], last);
        }
        return true;
    }

    /** Puts the event (t, s, slot) at the root and sifts it down among the first {@code n} positions. */
    private void siftDownFromRoot(long t, long s, int slot, int n) {
        long[] k = keys;
        int i = 0;
        while (true) {
            int first = ARITY * i + 1;
            if (first >= n) {
                break;
            }
            // The smallest of up to four children.
            int best = first;
            long bt = k[2 * first];
            long bs = k[2 * first + 1];
            int end = Math.min(first + ARITY, n);
            for (int c = first + 1; c < end; c++) {
                long ct = k[2 * c];
                if (ct < bt || (ct == bt && k[2 * c + 1] < bs)) {
                    best = c;
                    bt = ct;
                    bs = k[2 * c + 1];
                }
            }
            if (t < bt || (t == bt && s < bs)) {
                break;
            }
            k[2 * i] = bt;
            k[2 * i + 1] = bs;
            slotAt[i] = slotAt[best];
            i = best;
        }
        k[2 * i] = t;
        k[2 * i + 1] = s;
        slotAt[i] = slot;
    }

    /** Time of the first event, or {@code +Infinity} when there is none. */
    public double peekTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : Double.longBitsToDouble(keys[0]);
    }

    public int size() {
        return size;
    }

    public double polledTime() {
        return polledTime;
    }

    public long polledSeq() {
        return polledSeq;
    }

    public EventHandler polledHandler() {
        return polledHandler;
    }

    public int polledType() {
        return polledType;
    }

    public Object polledSubject() {
        return polledSubject;
    }

    public long polledArg() {
        return polledArg;
    }

    private void grow() {
        int n = slotAt.length * 2;
        keys = Arrays.copyOf(keys, 2 * n);
        slotAt = Arrays.copyOf(slotAt, n);
        handlers = Arrays.copyOf(handlers, n);
        types = Arrays.copyOf(types, n);
        subjects = Arrays.copyOf(subjects, n);
        args = Arrays.copyOf(args, n);
        freeSlots = Arrays.copyOf(freeSlots, n);
    }
}
