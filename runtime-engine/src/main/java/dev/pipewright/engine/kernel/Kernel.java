// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.kernel;

import dev.pipewright.engine.api.TraceListener;

/**
 * The discrete-event kernel: a virtual clock and the event list. It knows nothing about messages;
 * entities schedule events and handle them when they come due. Single-threaded.
 */
public final class Kernel {
    private final EventList events = new EventList();
    private double now;
    private long processed;
    private TraceListener trace;

    /** Virtual seconds since the start of the run. */
    public double now() {
        return now;
    }

    /** Schedules an event {@code delay} seconds from now (never in the past). */
    public void schedule(double delay, EventHandler handler, int type, Object subject, long arg) {
        events.add(now + Math.max(0, delay), handler, type, subject, arg);
    }

    /** Schedules an event at virtual time {@code time} (now if it is in the past). */
    public void scheduleAt(double time, EventHandler handler, int type, Object subject, long arg) {
        events.add(Math.max(now, time), handler, type, subject, arg);
    }

    /** Time of the next event, or {@code +Infinity}. */
    public double nextEventTime() {
        return events.peekTime();
    }

    public int pending() {
        return events.size();
    }

    /** Events processed so far. */
    public long processed() {
        return processed;
    }

    public void setTrace(TraceListener listener) {
        this.trace = listener;
    }

    /** Processes the next event; false when there is none. */
    public boolean processNext() {
        if (!events.poll()) {
            return false;
        }
        now = events.polledTime();
        processed++;
        EventHandler h = events.polledHandler();
        int type = events.polledType();
        Object subject = events.polledSubject();
        long arg = events.polledArg();
        if (trace != null) {
            long id = subject instanceof Identified m ? m.traceId() : -1;
            trace.onEvent(now, events.polledSeq(), h.eventName(type), h.nodeId(), id);
        }
        h.handle(type, subject, arg);
        return true;
    }

    /** Moves the clock forward to {@code time} without processing anything (never backward). */
    public void advanceTo(double time) {
        if (time > now) {
            now = time;
        }
    }

    /** Something with an id a trace can show. */
    public interface Identified {
        long traceId();
    }
}
