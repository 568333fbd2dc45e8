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
 * One instance of a consumer in a NATS run played by hand, on its own thread: a pull subscription
 * bound to the consumer node's durable, fetching one message at a time while the run is not held
 * and the consumer not paused, each handled as {@link NatsLiveRun} handles its run's. A retired
 * instance finishes what it holds; a crashed one acks nothing more, so the server delivers what it
 * held again when its {@code ack_wait} ends.
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
    private final Handler handler;
    private final Random rng;
    private final BooleanSupplier stopping;
    private final BooleanSupplier held;
    private final Consumer<Exception> failed;
    private volatile boolean crashed;
    private volatile boolean retired;
    private Thread thread;

    NatsConsumerInstance(String name, JetStream js, String streamName, String durable, Handler handler, long seed,
                         BooleanSupplier stopping, BooleanSupplier held, Consumer<Exception> failed) {
        this.name = name;
        this.js = js;
        this.streamName = streamName;
        this.durable = durable;
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
        try {
            sub = js.subscribe(null, PullSubscribeOptions.bind(streamName, durable)); // the durable's own filter
            while (!over()) {
                if (held.getAsBoolean()) {
                    Thread.sleep(POLL_MS); // a held run or a paused consumer fetches nothing
                    continue;
                }
                for (Message m : sub.fetch(1, Duration.ofMillis(POLL_MS))) {
                    handler.handle(m, rng, () -> crashed);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!over()) {
                failed.accept(e);
            }
        } finally {
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
