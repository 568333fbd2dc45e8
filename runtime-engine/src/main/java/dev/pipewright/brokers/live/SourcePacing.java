// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The modelled rate and arrival of a source (constant, Poisson, bursts), or its script, on a live
 * run: calls a send for each message number in turn, from the calling thread, until the message limit, the
 * deadline or the stop signal. Pacing waits on the source's own thread, so nothing else waits on it.
 * A {@link Control} changes the rate, floods or holds the source while it runs.
 */
public final class SourcePacing {
    /** Sends message number {@code seq} (1 for the first). */
    @FunctionalInterface
    public interface Send {
        void send(long seq) throws Exception;

        /**
         * The messages due at one instant (a burst, or one message) have all been handed to
         * {@link #send}; the source waits for its next now. A send that batches sends its batch here.
         */
        default void dueSent() throws Exception {
        }
    }

    /** How often a held source (paused, or at rate zero) looks whether it may go on. */
    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Where pacing reads the time and waits: the system's clock, or a test's virtual one. */
    interface Clock {
        /** The system's: {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void park(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };

        /** The time now, as {@link System#nanoTime()} gives it. */
        long nanoTime();

        /** Waits about {@code nanos} (less when woken). */
        void park(long nanos);
    }

    /**
     * What may change in a running source, from any thread: its rate, a flood (the rate times a
     * factor until a {@link System#nanoTime()}), and whether it is held (a paused run).
     */
    public static final class Control {
        private volatile double rate;
        private volatile double floodFactor = 1;
        private volatile long floodUntil;
        private volatile boolean held;

        /** A control at {@code rate} messages per second, not held. */
        public Control(double rate) {
            this.rate = rate;
        }

        /** Sets the rate in messages per second (zero holds the source until it is set above zero). */
        public void setRate(double perSecond) {
            rate = Math.max(0, perSecond);
        }

        /** Multiplies the rate by {@code factor} for {@code seconds} of wall time from now. */
        public void flood(double factor, double seconds) {
            floodFactor = factor;
            floodUntil = System.nanoTime() + Math.round(seconds * 1e9);
        }

        /** Holds the source (true) or lets it go on (false). */
        public void hold(boolean hold) {
            held = hold;
        }

        /** The rate now, the flood included. */
        double rateNow() {
            double r = rate;
            return System.nanoTime() < floodUntil ? r * floodFactor : r;
        }

        boolean held() {
            return held || !(rateNow() > 0);
        }
    }

    private SourcePacing() {
    }

    /**
     * Sends the source's messages at its pace; {@code rng} draws the Poisson gaps (the send may draw
     * from it too), {@code deadline} is a {@link System#nanoTime()}.
     *
     * @throws Exception what a send threw: the run ends or the broker went away
     */
    public static void run(Source source, Random rng, long deadline, BooleanSupplier stop, Send send) throws Exception {
        if (!(source.rate() > 0) && source.script().isEmpty()) {
            return;
        }
        run(source, new Control(source.rate()), rng, deadline, stop, send);
    }

    /**
     * As {@link #run(Source, Random, long, BooleanSupplier, Send)}, at the rate {@code control} gives
     * at each message (a null control: as that method, at the source's own rate). Each message (or
     * burst) is due one gap after the one before, the first one gap after the start, as the
     * simulator schedules its arrivals. While a paused run holds the source the time held does not
     * count (the gap under way carries on after); at rate zero the source waits, and its next
     * message is due a fresh gap after the rate rises again.
     */
    public static void run(Source source, Control control, Random rng, long deadline, BooleanSupplier stop, Send send)
            throws Exception {
        if (control == null) {
            run(source, rng, deadline, stop, send);
            return;
        }
        run(source, control, rng, deadline, stop, send, Clock.SYSTEM);
    }

    /** As {@link #run(Source, Control, Random, long, BooleanSupplier, Send)}, on {@code clock}'s time. */
    static void run(Source source, Control control, Random rng, long deadline, BooleanSupplier stop, Send send,
                    Clock clock) throws Exception {
        if (!source.script().isEmpty()) {
            runScript(source, control, deadline, stop, send, clock);
            return;
        }
        long limit = source.messageLimit() == null ? Long.MAX_VALUE : source.messageLimit();
        int burst = source.arrival() == Source.Arrival.BURSTS ? source.burstSize() : 1;
        long next = clock.nanoTime();
        boolean gapDrawn = false;
        long seq = 0;
        while (seq < limit && !stop.getAsBoolean()) {
            if (control.held()) {
                long before = clock.nanoTime();
                clock.park(HOLD_NANOS);
                long now = clock.nanoTime();
                if (gapDrawn && control.rateNow() > 0) {
                    next += now - before;
                } else {
                    next = now;
                    gapDrawn = false;
                }
                if (now > deadline) {
                    return;
                }
                continue;
            }
            if (!gapDrawn) {
                double rate = control.rateNow();
                if (!(rate > 0)) {
                    continue; // set to zero since held() looked: held from the next round
                }
                next += Math.round(gap(source.arrival(), burst, rate, rng) * 1e9);
                gapDrawn = true;
                if (next > deadline) {
                    return;
                }
            }
            long wait;
            while ((wait = next - clock.nanoTime()) > 0 && !stop.getAsBoolean() && !control.held()) {
                clock.park(Math.min(wait, HOLD_NANOS));
            }
            if (wait > 0) {
                continue;
            }
            for (int i = 0; i < burst && seq < limit; i++) {
                send.send(++seq);
            }
            send.dueSent();
            gapDrawn = false;
        }
    }

    /** The simulator's gap before the next arrival, in seconds: {@code SourceEntity} draws the same. */
    private static double gap(Source.Arrival arrival, int burst, double rate, Random rng) {
        return switch (arrival) {
            case CONSTANT -> 1 / rate;
            case POISSON -> -Math.log(1 - rng.nextDouble()) / rate;
            case BURSTS -> burst / rate;
        };
    }

    /**
     * A source's script: message n of {@link LiveMessages#script} at its time from the start, its rate,
     * limit and control's rate ignored, as in the simulator; time held does not count, so a paused
     * run's script waits.
     */
    private static void runScript(Source source, Control control, long deadline, BooleanSupplier stop, Send send,
                                  Clock clock) throws Exception {
        List<ScriptedMessage> script = LiveMessages.script(source);
        long start = clock.nanoTime();
        for (int i = 0; i < script.size() && !stop.getAsBoolean(); i++) {
            long due = start + script.get(i).at().toNanos();
            long wait;
            while ((wait = due - clock.nanoTime()) > 0 || control.held) {
                if (stop.getAsBoolean() || clock.nanoTime() > deadline) {
                    return;
                }
                if (control.held) {
                    long before = clock.nanoTime();
                    clock.park(HOLD_NANOS);
                    long held = clock.nanoTime() - before;
                    start += held;
                    due += held;
                } else {
                    clock.park(Math.min(wait, HOLD_NANOS));
                }
            }
            if (due > deadline) {
                return;
            }
            send.send(i + 1L);
            if (i + 1 == script.size() || script.get(i + 1).at().compareTo(script.get(i).at()) > 0) {
                send.dueSent();
            }
        }
    }
}
