// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The endpoints of a live run, played by the run's own client as the simulator plays them: an
 * endpoint handles {@code concurrency} messages at once (the rest wait in line), each for a drawn
 * processing time on a timer, then completes it; while down (in a down window, measured from
 * {@link #start}, or taken down by hand) it refuses a message, and the endpoint wired to its
 * failover port gets it instead. What no endpoint takes is dropped at the one it was sent to.
 * Counts go to the endpoints' {@link NodeTally}s: {@code delivered} taken in, {@code processed}
 * and {@code completed} finished, {@code dropped} refused, {@code busy} and {@code held} (the line) now.
 */
public final class LiveEndpoints {
    /**
     * The most messages one endpoint keeps waiting in line; a message past it is refused, as while
     * down (the simulator's line has no bound, a client's memory has).
     */
    public static final int MAX_LINE = 1_000_000;

    private final Map<String, Played> played = new HashMap<>();
    /** What the processing times wait on; null without endpoints. */
    private final ScheduledExecutorService timer;
    private volatile long startNanos = System.nanoTime();
    /** The processors' inputs whose outputs to endpoints and stores were handed over ({@link #fromProcessor}). */
    private final IdSet handedOver = new IdSet();
    /** The message stores in front of the endpoints, played in the same client. */
    private final LiveStores stores;
    private volatile boolean closed;

    /** One endpoint as the client plays it; its line and busy count guarded by itself. */
    private static final class Played {
        final Endpoint model;
        final NodeTally tally;
        final Random rng;
        final ArrayDeque<Long> line = new ArrayDeque<>();
        List<String> failover = List.of();
        int busy;
        volatile boolean downByHand;

        Played(Endpoint model, NodeTally tally, long seed) {
            this.model = model;
            this.tally = tally;
            this.rng = new Random(seed);
        }
    }

    /**
     * The endpoints of {@code flow}, counted in {@code ledger}; {@code seed} seeds their processing
     * times. Takes messages at once; {@link #close} ends it.
     */
    public LiveEndpoints(Flow flow, LiveLedger ledger, long seed) {
        Random seeds = new Random(seed);
        for (Node n : flow.nodes()) {
            if (n instanceof Endpoint e) {
                played.put(e.id(), new Played(e, ledger.tally(e.id()), seeds.nextLong()));
            }
        }
        timer = played.isEmpty() ? null : RunParts.daemonTimer("pipewright-live-endpoints", 1);
        for (Played p : played.values()) {
            p.failover = flow.outgoing(p.model.id(), Port.FAILOVER).stream().map(Edge::to)
                    .filter(played::containsKey).toList();
        }
        stores = new LiveStores(flow, ledger, seeds.nextLong(), this);
    }

    /**
     * Whether {@code node} is played by a live run's own client rather than by the broker: an
     * endpoint or a message store (false for null). What feeds one passes it the message in its
     * client, after its own acknowledgement or commit, not through a queue.
     */
    public static boolean plays(Node node) {
        return node instanceof Endpoint || node instanceof MessageStore;
    }

    /** Starts the run's clock for the down windows now (until then it runs from when this was made). */
    public void start() {
        this.startNanos = System.nanoTime();
    }

    /** Takes endpoint {@code endpointId} down by hand (true), or lets it come up when no window holds it down. */
    public void setDown(String endpointId, boolean down) {
        Played p = played.get(endpointId);
        if (p == null) {
            throw new IllegalArgumentException("no endpoint '" + endpointId + "' in this flow");
        }
        p.downByHand = down;
    }

    /**
     * Sends message to endpoint {@code endpointId} from a client of the run; {@code t0} is when
     * the message was made (a {@link System#nanoTime()}), for its end-to-end latency. A message
     * store's id is taken too: the store keeps the message (or drops it, counted there, when full).
     *
     * @return false when the endpoint refused it and no failover took it: the caller's message is
     *     dropped, and counted so at {@code endpointId}
     */
    public boolean send(String endpointId, long t0) {
        if (stores.has(endpointId)) {
            stores.take(endpointId, t0);
            return true;
        }
        if (take(endpointId, t0, played.size())) {
            return true;
        }
        played.get(endpointId).tally.dropped.incrementAndGet();
        return false;
    }

    /**
     * Sends a message from a message store: as {@link #send}, but a refused message is not counted
     * dropped here, the store keeps it and tries again.
     *
     * @return whether {@code endpointId} or its failover took the message
     */
    boolean offer(String endpointId, long t0) {
        return take(endpointId, t0, played.size());
    }

    /** The message stores in front of these endpoints, for the live view. */
    public LiveStores stores() {
        return stores;
    }

    /**
     * Message of source {@code source}, wired straight to endpoint or message store {@code
     * endpointId}, handed to it in the source's own client: the source counts it sent (and
     * confirmed, with confirms: it reached its endpoint or store), and nothing of it reaches the broker.
     */
    public void fromSource(dev.pipewright.model.Source source, NodeTally sent, String endpointId, long t0) {
        sent.published.incrementAndGet();
        if (source.confirms()) {
            sent.confirmed.incrementAndGet();
        }
        sent.throughEndpoints.incrementAndGet();
        send(endpointId, t0);
    }

    /**
     * What processor {@code processorId} passes to endpoints and message stores ({@link
     * ProcessorStage.Result#local}) from inputs {@code inputIds} (their ledger ids; empty: a source's
     * message, handed over once anyway), handed to them in the processor's own client as the
     * simulator's processor sends them on: an endpoint that refuses (down, no failover taking it)
     * drops the message, counted at the endpoint. The caller hands over before it settles the inputs,
     * so a lost acknowledgement loses nothing; when every one of the inputs was handed over by this
     * processor before (its acknowledgement was lost, the broker delivered it again), nothing is
     * handed over again, so an endpoint gets a message once. {@code t0} is when the input was made
     * (null: now).
     */
    public void fromProcessor(String processorId, List<String> inputIds, List<ProcessorStage.Output> local, Long t0) {
        if (local.isEmpty()) {
            return; // nothing to hand over, nothing to remember
        }
        boolean fresh = inputIds.isEmpty();
        for (String id : inputIds) {
            fresh |= handedOver.add(processorId + "\u0000" + id);
        }
        if (!fresh) {
            return;
        }
        long made = t0 == null ? System.nanoTime() : t0;
        for (ProcessorStage.Output o : local) {
            send(o.edge().to(), made);
        }
    }

    /** Whether {@code endpointId}, or (while it is down) its failover within {@code hops}, took the message. */
    private boolean take(String endpointId, long t0, int hops) {
        Played p = played.get(endpointId);
        if (p == null || closed) {
            return false;
        }
        synchronized (p) {
            if (!down(p) && p.line.size() < MAX_LINE) {
                p.tally.delivered.incrementAndGet();
                if (p.busy < p.model.concurrency()) {
                    begin(p, t0);
                } else {
                    p.line.addLast(t0);
                    p.tally.held.incrementAndGet();
                }
                return true;
            }
        }
        if (hops > 0) {
            for (String next : p.failover) {
                if (take(next, t0, hops - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean down(Played p) {
        if (p.downByHand) {
            return true;
        }
        Duration now = Duration.ofNanos(System.nanoTime() - startNanos);
        return p.model.downWindows().stream().anyMatch(w -> w.covers(now));
    }

    /** Starts handling one message at {@code p}; the caller holds {@code p}'s lock. */
    private void begin(Played p, long t0) {
        p.busy++;
        p.tally.busy.incrementAndGet();
        long started = System.nanoTime();
        double hold = Modelled.seconds(p.model.processingTime(), p.rng);
        try {
            timer.schedule(() -> done(p, t0, started), Math.max(0, Math.round(hold * 1e9)), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The run closed the endpoints meanwhile: the message stays in flight, as what they hold does.
        }
    }

    private void done(Played p, long t0, long started) {
        long now = System.nanoTime();
        p.tally.recordService((now - started) / 1e9);
        p.tally.recordEndToEnd((now - t0) / 1e9);
        synchronized (p) {
            p.busy--;
            p.tally.processed.incrementAndGet();
            p.tally.completed.incrementAndGet();
            p.tally.busy.decrementAndGet();
            if (closed) {
                return;
            }
            while (p.busy < p.model.concurrency() && !p.line.isEmpty()) {
                p.tally.held.decrementAndGet();
                begin(p, p.line.pollFirst());
            }
        }
    }

    /**
     * Whether endpoint {@code id} is up now, for the live view.
     */
    public boolean up(String id) {
        Played p = played.get(id);
        return p == null || !down(p);
    }

    /** Stops taking messages: what the endpoints hold now stays counted in flight, as the simulator's at its end. */
    public void close() {
        stores.close();
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
