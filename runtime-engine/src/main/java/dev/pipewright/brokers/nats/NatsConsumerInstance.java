// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.brokers.live.ClientInstances;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One instance of a consumer in a NATS run, on its own thread: a pull subscription bound to the
 * consumer node's durable that holds up to its prefetch ({@link NatsPrefetch}; one at a time for a
 * prefetch of 1), each message handled as {@link NatsLiveRun} handles it. While the run is held or
 * the consumer paused it asks for nothing more and works through what it held at the pause, as the
 * simulator's paused consumer does; what its requests still bring after the pause (they stay open up
 * to a second) it holds unstarted until it is resumed, as the simulator delivers nothing to a paused
 * consumer. Retired, it finishes the message it works on, takes in what its open pull
 * requests still bring, and gives back (naks) all it has not started before it unsubscribes; at the
 * run's end it gives them back at once. A crashed one acks and gives back nothing, so the server
 * delivers what it held again when their {@code ack_wait} ends.
 */
final class NatsConsumerInstance implements ClientInstances.Instance {
    /** Handles one fetched message; {@code crashed} says whether the instance crashed while it held it. */
    @FunctionalInterface
    interface Handler {
        void handle(Message m, Random rng, BooleanSupplier crashed) throws InterruptedException;
    }

    private static final long POLL_MS = 50;
    private static final long JOIN_MS = 10_000;

    private final String name;
    private final JetStream js;
    private final String streamName;
    private final String durable;
    private final int prefetch;
    private final Handler handler;
    private final Random rng;
    private final BooleanSupplier stopping;
    private final BooleanSupplier held;
    private final Consumer<Exception> failed;
    private volatile boolean crashed;
    private volatile boolean retired;
    private Thread thread;

    /**
     * @param prefetch how many messages it holds at most; 1 fetches one at a time
     * @param held whether it takes nothing new now (a held run, a paused consumer)
     */
    NatsConsumerInstance(String name, JetStream js, String streamName, String durable, int prefetch, Handler handler,
                         long seed, BooleanSupplier stopping, BooleanSupplier held, Consumer<Exception> failed) {
        this.name = name;
        this.js = js;
        this.streamName = streamName;
        this.durable = durable;
        this.prefetch = prefetch;
        this.handler = handler;
        this.rng = new Random(seed);
        this.stopping = stopping;
        this.held = held;
        this.failed = failed;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void retire() {
        retired = true;
    }

    @Override
    public void crash() {
        crashed = true;
    }

    @Override
    public boolean crashed() {
        return crashed;
    }

    @Override
    public void join() throws InterruptedException {
        if (thread != null) {
            thread.join(JOIN_MS);
        }
    }

    private boolean over() {
        return crashed || retired || stopping.getAsBoolean();
    }

    private void run() {
        JetStreamSubscription sub = null;
        NatsPrefetch holding = null;
        Duration poll = Duration.ofMillis(POLL_MS);
        try {
            sub = js.subscribe(null, PullSubscribeOptions.bind(streamName, durable)); // the durable's own filter
            holding = prefetch > 1 ? new NatsPrefetch(sub, prefetch) : null;
            boolean wasPaused = false;
            int owed = 0; // messages held at the pause, worked through while paused
            while (!over()) {
                boolean paused = held.getAsBoolean();
                if (holding != null) {
                    if (paused && !wasPaused) {
                        owed = holding.held();
                    }
                    wasPaused = paused;
                    Message m = null;
                    if (!paused) {
                        m = holding.next(poll, true);
                    } else if (owed > 0) {
                        owed--;
                        m = holding.next(poll, false);
                    } else if (!holding.awaitRequestsEnd(poll)) {
                        Thread.sleep(POLL_MS);
                    }
                    if (m != null) {
                        handler.handle(m, rng, () -> crashed);
                    }
                } else if (paused) {
                    Thread.sleep(POLL_MS); // a held run or a paused consumer fetches nothing
                } else {
                    for (Message m : sub.fetch(1, poll)) {
                        handler.handle(m, rng, () -> crashed);
                    }
                }
            }
            // Retired: what its requests still bring is taken in first, so nothing given back comes back to it.
            boolean open = holding != null && retired && !crashed;
            while (open && !stopping.getAsBoolean() && !crashed) {
                open = holding.awaitRequestsEnd(poll);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!over()) {
                failed.accept(e);
            }
        } finally {
            if (holding != null && !crashed) {
                holding.giveBack();
            }
            if (sub != null) {
                try {
                    sub.unsubscribe();
                } catch (RuntimeException e) {
                    // The connection is going; the durable consumer keeps what was not acked.
                }
            }
        }
    }
}
