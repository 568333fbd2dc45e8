// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

import java.util.Arrays;

/**
 * The pending events, ordered by time and then by sequence number, so two events at the same
 * time always run in the order they were scheduled and a run is repeatable. Allocates nothing once
 * its arrays have grown.
 *
 * <p>A two-tier ladder queue (after Tang, Goh and Thng, 2005): only the events of the nearest
 * time bucket are kept sorted, in a small 4-ary heap; the later ones wait unsorted in a rung of
 * equal-width buckets, and those beyond the rung on a "top" list. When the heap runs dry the next
 * bucket moves into it; when the rung runs dry it is rebuilt from the top list, with about
 * {@value #PER_BUCKET} events a bucket over the top list's span of times. Each event so moves a
 * constant number of times and the heap stays small enough to live in cache, where one heap of
 * every pending event missed the cache on most of its levels. With no more than
 * {@value #HEAP_ONLY_UP_TO} events left a rung is not worth building: they all go in the heap, as
 * in a plain heap, until it holds {@value #HEAP_ONLY_LIMIT} and goes back on the top list.
 *
 * <p>The order is exactly the heap's: an event's bucket is a non-decreasing function of its time
 * (the same arithmetic every time), so an event in an earlier bucket always has an earlier time,
 * and events of equal time always meet in the same heap, which orders them by sequence number.
 * Heap keys hold the time as its raw bits: times are never negative (the kernel never schedules
 * before its clock, which starts at zero), and for non-negative doubles the order of the raw
 * bits is the order of the values.
 */
public final class EventList {
    private static final int ARITY = 4;
    /** Events per bucket a rung is built for. */
    private static final int PER_BUCKET = 8;
    /** With this many events or fewer left, no rung: they all go in the heap... */
    private static final int HEAP_ONLY_UP_TO = 64;
    /** ...until the heap holds this many, when they go back on the top list for a rung. */
    private static final int HEAP_ONLY_LIMIT = 4096;
    private static final int NONE = -1;

    // Heap of the current bucket, by position: keys[2p] = time bits, keys[2p + 1] = sequence;
    // slotAt[p] = payload slot.
    private long[] keys = new long[2 * 1024];
    private int[] slotAt = new int[1024];
    private int heapSize;
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

    // An event outside the heap, by slot: parked[3s] = time bits, [3s + 1] = sequence, [3s + 2] =
    // the next slot of its bucket's (or the top's) list, in one array so a move reads one line.
    private long[] parked = new long[3 * 1024];

    // The rung: bucket b holds times t with (t - rungStart) * invWidth in [b, b + 1); buckets up
    // to current are in the heap. At first there is no rung and everything goes on the top list.
    private double rungStart = Double.NEGATIVE_INFINITY;
    private double invWidth = 1;
    private int buckets;
    private int current = NONE;
    private int[] bucketHead = new int[0];
    // True while there is no rung because few events were left: every finite time goes in the heap.
    private boolean heapOnly;

    // The top list: events past the rung, unsorted, with the range of their finite times.
    private int topHead = NONE;
    private int topCount;
    private double topMin = Double.POSITIVE_INFINITY;
    private double topMax = Double.NEGATIVE_INFINITY;

    // The event last taken by poll(); read by the kernel right after.
    private double polledTime;
    private long polledSeq;
    private EventHandler polledHandler;
    private int polledType;
    private Object polledSubject;
    private long polledArg;

    /** Adds an event at {@code time} (zero or more); returns its sequence number. */
    public long add(double time, EventHandler handler, int type, Object subject, long arg) {
        if (size == handlers.length) {
            grow();
        }
        int slot = freeCount > 0 ? freeSlots[--freeCount] : slotsUsed++;
        handlers[slot] = handler;
        types[slot] = type;
        subjects[slot] = subject;
        args[slot] = arg;
        long seq = nextSeq++;
        size++;
        place(time, seq, slot);
        if (heapOnly && heapSize > HEAP_ONLY_LIMIT) {
            spillHeap();
        }
        return seq;
    }

    /** Puts an event in the heap, its bucket or the top list, by its time. */
    private void place(double time, long seq, int slot) {
        int b = bucketOf(time);
        if (b <= current) {
            heapAdd(Double.doubleToRawLongBits(time), seq, slot);
        } else if (b < buckets) {
            bucketHead[b] = park(time, seq, slot, bucketHead[b]);
        } else {
            addToTop(time, seq, slot);
        }
    }

    private void addToTop(double time, long seq, int slot) {
        topHead = park(time, seq, slot, topHead);
        topCount++;
        if (time < topMin) {
            topMin = time;
        }
        if (time > topMax && time != Double.POSITIVE_INFINITY) {
            topMax = time;
        }
    }

    /**
     * The bucket of {@code time}: -1 before the rung, {@link #buckets} past it (and for the
     * undefined cases, such as an infinite time at an infinite start). Non-decreasing in time.
     */
    private int bucketOf(double time) {
        if (time < rungStart) {
            return -1;
        }
        double x = (time - rungStart) * invWidth;
        return x < buckets ? (int) x : buckets;
    }

    /** Records an event outside the heap in front of list {@code head}; returns the new head. */
    private int park(double time, long seq, int slot, int head) {
        long[] p = parked;
        p[3 * slot] = Double.doubleToRawLongBits(time);
        p[3 * slot + 1] = seq;
        p[3 * slot + 2] = head;
        return slot;
    }

    /** Removes the first event, making it readable through the {@code polled...} methods; false if empty. */
    public boolean poll() {
        if (!fillHeap()) {
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
        size--;

        int last = --heapSize;
        if (last > 0) {
            siftDownFromRoot(k[2 * last], k[2 * last + 1], slotAt[last], last);
        }
        return true;
    }

    /** Makes the heap hold the first event, if there is one: moves the next bucket in, or rebuilds the rung. */
    private boolean fillHeap() {
        while (heapSize == 0) {
            if (size == 0) {
                return false;
            }
            if (current + 1 < buckets) {
                current++;
                moveToHeap(bucketHead[current]);
                bucketHead[current] = NONE;
            } else {
                rebuildRung();
            }
        }
        return true;
    }

    /** Moves the parked events of the list starting at slot {@code s} into the heap. */
    private void moveToHeap(int s) {
        long[] p = parked;
        while (s != NONE) {
            int nextSlot = (int) p[3 * s + 2];
            heapAdd(p[3 * s], p[3 * s + 1], s);
            s = nextSlot;
        }
    }

    /** Spreads the top list (everything that is left) over a new rung. */
    private void rebuildRung() {
        int s = topHead;
        double min = topMin;
        double max = topMax;
        int n = topCount;
        topHead = NONE;
        topCount = 0;
        topMin = Double.POSITIVE_INFINITY;
        topMax = Double.NEGATIVE_INFINITY;
        long[] p = parked;
        if (min == Double.POSITIVE_INFINITY || n <= HEAP_ONLY_UP_TO) {
            // No rung: finite times go in the heap, infinite ones on the top list. If only infinite
            // ones are left they go in the heap here, and later ones on the top list behind them
            // (their sequence numbers are higher).
            rungStart = Double.POSITIVE_INFINITY;
            invWidth = 1;
            buckets = 0;
            current = NONE;
            heapOnly = min != Double.POSITIVE_INFINITY;
            if (!heapOnly) {
                moveToHeap(s);
                return;
            }
        } else {
            int b = Math.max(1, n / PER_BUCKET);
            double width = (max - min) / b;
            // All at one time (or too close to divide): one bucket as narrow as a double allows.
            width = Math.max(width, Math.max(Math.ulp(min), Double.MIN_NORMAL));
            rungStart = min;
            invWidth = 1 / width;
            buckets = b;
            current = NONE;
            heapOnly = false;
            if (bucketHead.length < b) {
                bucketHead = new int[Math.max(b, 2 * bucketHead.length)];
            }
            Arrays.fill(bucketHead, 0, b, NONE);
        }
        while (s != NONE) {
            int nextSlot = (int) p[3 * s + 2];
            place(Double.longBitsToDouble(p[3 * s]), p[3 * s + 1], s);
            s = nextSlot;
        }
    }

    /** Moves the whole heap onto the top list, so that the next poll builds a rung from it. */
    private void spillHeap() {
        long[] k = keys;
        for (int i = 0; i < heapSize; i++) {
            addToTop(Double.longBitsToDouble(k[2 * i]), k[2 * i + 1], slotAt[i]);
        }
        heapSize = 0;
        heapOnly = false;
        // No rung: every later event goes on the top list too, until the next poll spreads it.
        rungStart = Double.NEGATIVE_INFINITY;
        invWidth = 1;
        buckets = 0;
        current = NONE;
    }

    /** Adds (time bits, seq, slot) to the heap, sifting up with a hole instead of swaps. */
    private void heapAdd(long t, long seq, int slot) {
        if (heapSize == slotAt.length) {
            int n = 2 * slotAt.length;
            keys = Arrays.copyOf(keys, 2 * n);
            slotAt = Arrays.copyOf(slotAt, n);
        }
        long[] k = keys;
        int i = heapSize++;
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
        return fillHeap() ? Double.longBitsToDouble(keys[0]) : Double.POSITIVE_INFINITY;
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
        int n = handlers.length * 2;
        handlers = Arrays.copyOf(handlers, n);
        types = Arrays.copyOf(types, n);
        subjects = Arrays.copyOf(subjects, n);
        args = Arrays.copyOf(args, n);
        freeSlots = Arrays.copyOf(freeSlots, n);
        parked = Arrays.copyOf(parked, 3 * n);
    }
}
