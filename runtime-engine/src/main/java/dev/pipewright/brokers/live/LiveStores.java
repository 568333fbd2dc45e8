// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The message stores of a live run, played in the run's own client as the simulator plays them:
 * a store keeps what it takes, in order, in this client's memory (not on a broker, so a crash of
 * the client loses it), and forwards one message at a time to the endpoint wired to its output.
 * An attempt takes a drawn {@code forwardTime}; a refused one is retried after {@code
 * retryInterval}; after {@code maxAttempts} the message is given up (dropped here) and, with
 * {@code deactivateOnFailure}, the store stops forwarding for the rest of the run.
 * Counts go to the stores' {@link NodeTally}s: {@code delivered} taken in, {@code processed}
 * forwarded, {@code failed} refused attempts, {@code dropped} given up, {@code held} stored now;
 * {@code busy} is 1 while an attempt is due, so the run does not end while one is.
 */
public final class LiveStores {
    /** The most messages one store keeps; a message past it is refused and counted dropped (a client's memory is bounded). */
    public static final int MAX_STORED = 1_000_000;

    private final Map<String, Played> played = new HashMap<>();
    private final LiveEndpoints endpoints;
    /** What the attempts wait on; null without stores. */
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /** One store as the client plays it; all but its model guarded by itself. */
    private static final class Played {
        final MessageStore model;
        final NodeTally tally;
        final Random rng;
        final String target;
        /** When each stored message was made (a {@link System#nanoTime()}), oldest first. */
        final ArrayDeque<Long> stored = new ArrayDeque<>();
        boolean due;
        boolean active = true;
        int attempts;

        Played(MessageStore model, NodeTally tally, long seed, String target) {
            this.model = model;
            this.tally = tally;
            this.rng = new Random(seed);
            this.target = target;
        }
    }

    /** The stores of {@code flow}, counted in {@code ledger}, forwarding to {@code endpoints}; {@code seed} seeds their forward times. */
    LiveStores(Flow flow, LiveLedger ledger, long seed, LiveEndpoints endpoints) {
        this.endpoints = endpoints;
        Random seeds = new Random(seed);
        for (Node n : flow.nodes()) {
            if (n instanceof MessageStore m) {
                // As the simulator's store, the first output wire is the one it forwards to.
                List<String> out = flow.outgoing(m.id(), Port.OUT).stream().map(e -> e.to())
                        .filter(to -> flow.node(to).orElse(null) instanceof Endpoint).toList();
                played.put(m.id(), new Played(m, ledger.tally(m.id()), seeds.nextLong(), out.isEmpty() ? null : out.getFirst()));
            }
        }
        timer = played.isEmpty() ? null : RunParts.daemonTimer("pipewright-live-stores", 1);
    }

    /** Whether {@code id} is a store of this run. */
    boolean has(String id) {
        return played.containsKey(id);
    }

    /** Store {@code storeId} takes a message made at {@code t0} (a {@link System#nanoTime()}), or drops it when full or closed. */
    void take(String storeId, long t0) {
        Played p = played.get(storeId);
        synchronized (p) {
            if (closed || p.stored.size() >= MAX_STORED) {
                p.tally.dropped.incrementAndGet();
                return;
            }
            p.tally.delivered.incrementAndGet();
            p.stored.addLast(t0);
            p.tally.held.incrementAndGet();
            forwardNext(p, 0);
        }
    }

    /** Schedules the next attempt after {@code waitSeconds} and a forward time, unless one is due; the caller holds {@code p}'s lock. */
    private void forwardNext(Played p, double waitSeconds) {
        if (p.due || !p.active || p.stored.isEmpty() || p.target == null || closed) {
            return;
        }
        p.due = true;
        p.tally.busy.set(1);
        double wait = waitSeconds + Modelled.seconds(p.model.forwardTime(), p.rng);
        try {
            timer.schedule(() -> attempt(p), Math.max(0, Math.round(wait * 1e9)), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The run closed meanwhile: the message stays stored, counted waiting.
            p.due = false;
            p.tally.busy.set(0);
        }
    }

    private void attempt(Played p) {
        synchronized (p) {
            p.due = false;
            p.tally.busy.set(0);
            if (closed) {
                return;
            }
            p.attempts++;
            if (endpoints.offer(p.target, p.stored.peekFirst())) {
                p.stored.pollFirst();
                p.tally.held.decrementAndGet();
                p.tally.processed.incrementAndGet();
                p.attempts = 0;
                forwardNext(p, 0);
                return;
            }
            p.tally.failed.incrementAndGet();
            Integer max = p.model.maxAttempts();
            if (max != null && p.attempts >= max) {
                p.stored.pollFirst();
                p.tally.held.decrementAndGet();
                p.tally.dropped.incrementAndGet();
                p.attempts = 0;
                if (p.model.deactivateOnFailure()) {
                    p.active = false;
                    return;
                }
                forwardNext(p, 0);
                return;
            }
            // The model caps a retry interval at 100 years, within toNanos's range.
            forwardNext(p, p.model.retryInterval().toNanos() / 1e9);
        }
    }

    /** Whether store {@code id} still forwards (it stops after a give-up with deactivateOnFailure), for the live view. */
    public boolean active(String id) {
        Played p = played.get(id);
        if (p == null) {
            return true;
        }
        synchronized (p) {
            return p.active;
        }
    }

    /** Stops forwarding: what the stores hold now stays counted waiting, as the simulator's at its end. */
    void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
