// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

import java.util.Arrays;

/**
 * The pending events, ordered by time and then by sequence number, so two events at the same
 * time always run in the order they were scheduled and a run is repeatable. A binary heap kept in
 * parallel arrays: scheduling an event allocates nothing once the arrays have grown.
 */
public final class EventList {
    private double[] times = new double[1024];
    private long[] seqs = new long[1024];
    private EventHandler[] handlers = new EventHandler[1024];
    private int[] types = new int[1024];
    private Object[] subjects = new Object[1024];
    private long[] args = new long[1024];
    private int size;
    private long nextSeq;

    // The event last taken by poll(); read by the kernel right after.
    private double polledTime;
    private long polledSeq;
    private EventHandler polledHandler;
    private int polledType;
    private Object polledSubject;
    private long polledArg;

    /** Adds an event; returns its sequence number. */
    public long add(double time, EventHandler handler, int type, Object subject, long arg) {
        if (size == times.length) {
            grow();
        }
        long seq = nextSeq++;
        // Sift up with a hole instead of swaps.
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, handler, type, subject, arg);
        return seq;
    }

    /** Removes the first event, making it readable through the {@code polled...} methods; false if empty. */
    public boolean poll() {
        if (size == 0) {
            return false;
        }
        polledTime = times[0];
        polledSeq = seqs[0];
        polledHandler = handlers[0];
        polledType = types[0];
        polledSubject = subjects[0];
        polledArg = args[0];
        int last = --size;
        if (last > 0) {
            double t = times[last];
            long s = seqs[last];
            EventHandler h = handlers[last];
            int ty = types[last];
            Object sub = subjects[last];
            long a = args[last];
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
                    child = right;
                }
                if (!before(times[child], seqs[child], t, s)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, t, s, h, ty, sub, a);
        }
        handlers[last] = null;
        subjects[last] = null;
        return true;
    }

    /** Time of the first event, or {@code +Infinity} when there is none. */
    public double peekTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : times[0];
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

    private static boolean before(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        handlers[to] = handlers[from];
        types[to] = types[from];
        subjects[to] = subjects[from];
        args[to] = args[from];
    }

    private void set(int i, double t, long s, EventHandler h, int ty, Object sub, long a) {
        times[i] = t;
        seqs[i] = s;
        handlers[i] = h;
        types[i] = ty;
        subjects[i] = sub;
        args[i] = a;
    }

    private void grow() {
        int n = times.length * 2;
        times = Arrays.copyOf(times, n);
        seqs = Arrays.copyOf(seqs, n);
        handlers = Arrays.copyOf(handlers, n);
        types = Arrays.copyOf(types, n);
        subjects = Arrays.copyOf(subjects, n);
        args = Arrays.copyOf(args, n);
    }
}
