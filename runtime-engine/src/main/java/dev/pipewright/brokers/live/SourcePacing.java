// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.Source;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The modelled rate and arrival of a source (constant, Poisson, bursts) on a live run: calls a
 * send for each message number in turn, from the calling thread, until the message limit, the
 * deadline or the stop signal. Pacing waits on the source's own thread, so nothing else waits on it.
 */
public final class SourcePacing {
    /** Sends message number {@code seq} (1 for the first). */
    @FunctionalInterface
    public interface Send {
        void send(long seq) throws Exception;
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
        if (!(source.rate() > 0)) {
            return;
        }
        long limit = source.messageLimit() == null ? Long.MAX_VALUE : source.messageLimit();
        long next = System.nanoTime();
        long seq = 0;
        while (seq < limit && !stop.getAsBoolean()) {
            int burst = source.arrival() == Source.Arrival.BURSTS ? source.burstSize() : 1;
            for (int i = 0; i < burst && seq < limit; i++) {
                send.send(++seq);
            }
            double gap = burst / source.rate();
            if (source.arrival() == Source.Arrival.POISSON) {
                gap = -Math.log(1 - rng.nextDouble()) / source.rate();
            }
            next += Math.round(gap * 1e9);
            if (next > deadline) {
                return;
            }
            long wait;
            while ((wait = next - System.nanoTime()) > 0 && !stop.getAsBoolean()) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
