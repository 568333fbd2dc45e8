// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.EdgeStats;
import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.engine.api.SeriesPoint;
import dev.pipewright.engine.api.ConsumerLag;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The account of a live run, whichever broker it runs on: what the clients counted per node, which
 * messages were requeued and not seen again, which were completed, and from these and the queue
 * depths the broker reports at the end, the same {@link Snapshot} (with the conservation law) the
 * simulator publishes. Written from the clients' threads, so every part is thread-safe.
 *
 * <p>Messages are told apart by the id a source gives each (its node id and sequence number), per
 * queue: the first delivery of an id is the message arriving, whatever the broker's redelivered
 * flag says (a delivery lost with a connection comes again flagged), and later ones are
 * redeliveries; a second acknowledgement of one id is a duplicate of at-least-once delivery, not a
 * second completion; a message requeued and not delivered again either waits in its queue or was taken by
 * the broker's delivery limit (dead-lettered, or dropped without a target).
 */
public final class LiveLedger {
    /** How a backend asks its broker for the messages in a queue (ready, scheduled or held by a client). */
    @FunctionalInterface
    public interface Depth {
        long of(String queueName) throws Exception;
    }

    /** Seconds between two points of a node's series in a live snapshot. */
    public static final double SAMPLE_SECONDS = 1.0;

    /** How long {@link #quiet} must see nothing happen before it says so. */
    static final long SETTLE_NANOS = 500_000_000L;

    private final Flow flow;
    // The series of live snapshots, written by the one thread that takes them.
    private final Map<String, ArrayDeque<SeriesPoint>> series = new HashMap<>();
    private final Map<String, long[]> lastInOut = new HashMap<>();
    private double lastSample;
    private final java.util.concurrent.atomic.AtomicLong requeues = new java.util.concurrent.atomic.AtomicLong();
    private long quietSince = -1;
    private long activityThen;
    private final Map<String, NodeTally> tallies = new LinkedHashMap<>();
    private final Map<String, String> queueNames = new HashMap<>();
    private final Set<String> requeuedOutstanding = ConcurrentHashMap.newKeySet();
    /** Deliveries so far of each message not yet over (acknowledged, rejected, dead-lettered, lost). */
    private final Map<String, AtomicInteger> deliveriesById = new ConcurrentHashMap<>();
    /** Messages acknowledged, and messages whose delivery ended otherwise for good: a bit each. */
    private final IdSet completedIds = new IdSet();
    private final IdSet overIds = new IdSet();
    /** Settlements a lost connection cut (queue and message id): the server may have done them. */
    private final Map<String, Uncertain> uncertain = new ConcurrentHashMap<>();
    /** Deliveries not settled yet (queue and message id), to the consumer that has them. */
    private final Map<String, String> inHand = new ConcurrentHashMap<>();
    /** What processors published to a topic or to a queue a source or topic feeds too (counted there as arriving). */
    private final java.util.concurrent.atomic.AtomicLong forwardedToFed = new java.util.concurrent.atomic.AtomicLong();
    private volatile LiveEvents events;
    private volatile long eventsSince;
    /** Requests without a reply yet (source id and message id), to the time they were sent (nanoTime). */
    private final Map<String, Long> pendingRequests = new ConcurrentHashMap<>();
    /** The parking queues of retrying dead-letter queues (by node id), whose messages are the node's. */
    private final Map<String, String> parkedQueues = new ConcurrentHashMap<>();
    /** The origin queue (node id) of each retrying dead-letter queue (by node id). */
    private final Map<String, String> retryOrigins = new ConcurrentHashMap<>();
    /** Broker queues a run waits to be empty before it ends (retry wait queues, retrying dead-letter queues). */
    private final Set<String> waitedQueues = ConcurrentHashMap.newKeySet();
    /** Round-trip times of the requests answered in time, by source. */
    private final Map<String, NodeTally> roundTrips = new ConcurrentHashMap<>();

    /** Sets the listener told about every message event from now on (null for none), its clock starting now. */
    public void setEvents(LiveEvents listener) {
        eventsSince = System.nanoTime();
        events = listener;
    }

    private void tell(String event, String node, String id, int delivery) {
        LiveEvents e = events;
        if (e != null) {
            e.onLiveEvent((System.nanoTime() - eventsSince) / 1e9, event, node, id, delivery);
        }
    }

    /** The endpoints the run's clients play, whose up or down the snapshots show; null: none. */
    private volatile LiveEndpoints endpoints;

    /**
     * A consumer's instances as its run counts them now: those running (not crashed), those
     * crashed, and whether the consumer is paused.
     */
    public record InstanceCount(int running, int crashed, boolean paused) {
    }

    /** The instance counts of a run played by hand, by consumer id (null for a consumer it does not run); null: the model's. */
    private volatile java.util.function.Function<String, InstanceCount> instanceCounts;

    /**
     * Lets the snapshots show each consumer's instances as {@code counts} gives them (busy, idle,
     * paused, crashed, as the simulator shows them), not the modelled number: a run played by
     * hand adds, removes, crashes and pauses them.
     */
    public void countInstances(java.util.function.Function<String, InstanceCount> counts) {
        this.instanceCounts = counts;
    }

    /** Lets the snapshots show whether each of {@code played}'s endpoints is up. */
    public void showEndpoints(LiveEndpoints played) {
        this.endpoints = played;
    }

    /** An empty account of {@code flow}. */
    public LiveLedger(Flow flow) {
        this.flow = flow;
        for (Node n : flow.nodes()) {
            tallies.put(n.id(), new NodeTally());
        }
    }

    /** Names the broker's queue of queue node {@code nodeId}; only named queues are run and counted. */
    public void nameQueue(String nodeId, String brokerName) {
        queueNames.put(nodeId, brokerName);
    }

    /**
     * Names the parking queue of retrying dead-letter queue {@code dlqId} (see
     * {@link DeadLetterRetries}), which sends back to {@code originId}: its depth is the node's too, and the run waits until the
     * dead-letter queue itself and {@code waitQueue} (null: none) are empty.
     */
    public void parkQueue(String dlqId, String originId, String parkedName, String waitQueue) {
        parkedQueues.put(dlqId, parkedName);
        retryOrigins.put(dlqId, originId);
        if (queueNames.containsKey(dlqId)) {
            waitedQueues.add(queueNames.get(dlqId));
        }
        if (waitQueue != null) {
            waitedQueues.add(waitQueue);
        }
    }

    /** Retrying dead-letter queue {@code dlqId} sent a message back to its origin. */
    public void retried(String dlqId, String id) {
        tallies.get(dlqId).retried.incrementAndGet();
        tell("retry", dlqId, id, 0);
    }

    /** Retrying dead-letter queue {@code dlqId} moved a message to its parking queue. */
    public void parked(String dlqId, String id) {
        tallies.get(dlqId).parked.incrementAndGet();
        tell("park", dlqId, id, 0);
    }

    /** The broker's name of queue node {@code nodeId}, or null when it is not on the broker. */
    public String queueName(String nodeId) {
        return queueNames.get(nodeId);
    }

    /** The tally of node {@code nodeId}. */
    public NodeTally tally(String nodeId) {
        return tallies.get(nodeId);
    }

    /** The queue node consumer {@code c} takes from, or null when none of its inputs is on the broker. */
    public String queueOf(Consumer c) {
        return flow.edges().stream().filter(e -> e.to().equals(c.id()) && queueNames.containsKey(e.from()))
                .map(Edge::from).findFirst().orElse(null);
    }

    /** The queue nodes on the broker wired into node {@code nodeId} (a processor's inputs), in edge order. */
    public List<String> queuesInto(String nodeId) {
        return flow.edges().stream().filter(e -> e.to().equals(nodeId) && queueNames.containsKey(e.from()))
                .map(Edge::from).distinct().toList();
    }

    /**
     * Processor {@code processorId} published one message to node {@code toId} (a queue or a
     * topic); the broker confirmed it, or it went in the transaction that took its input.
     */
    public void forwarded(String processorId, String toId) {
        tallies.get(processorId).published.incrementAndGet();
        if (flow.node(toId).orElse(null) instanceof Topic || queueNames.containsKey(toId) && fedDirectly(toId)) {
            forwardedToFed.incrementAndGet();
        }
    }

    /**
     * Counts a delivery of message {@code id} from {@code queueId} to {@code consumerId};
     * {@code t0} is the publish time the message carries (a {@link System#nanoTime()}, or null).
     *
     * @return which delivery of this message from this queue it is, 1 for the first
     */
    public int delivered(String queueId, String consumerId, String id, Long t0, long now) {
        NodeTally me = tallies.get(consumerId);
        NodeTally q = tallies.get(queueId);
        String key = queueId + "\u0000" + id;
        int attempt;
        synchronized (this) { // with abandoned(): a delivery and the loss of the one before may cross
            requeuedOutstanding.remove(key);
            uncertain.remove(key); // delivered again: the server had rolled the acknowledgement back
            // A message over already and delivered again (a lost acknowledgement) is a redelivery.
            attempt = completedIds.contains(key) || overIds.contains(key) ? 2
                    : deliveriesById.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        inHand.put(key, consumerId);
        tell("receive", consumerId, id, attempt);
        me.delivered.incrementAndGet();
        q.delivered.incrementAndGet();
        if (attempt > 1) {
            q.redelivered.incrementAndGet();
        } else {
            q.firstDeliveries.incrementAndGet();
            if (t0 != null) {
                q.recordWait((now - t0) / 1e9);
            }
        }
        return attempt;
    }

    /** Message {@code id} goes back to {@code queueId} (a nack with requeue, a rollback). */
    public void requeued(String queueId, String id) {
        inHand.remove(queueId + "\u0000" + id);
        requeues.incrementAndGet();
        requeuedOutstanding.add(queueId + "\u0000" + id);
        tell("requeue", queueId, id, 0);
    }

    /**
     * A publish to {@code queueId} the broker acknowledged as a duplicate and did not store (a NATS
     * stream's duplicate window saw its {@code Nats-Msg-Id}): filtered at the queue, as the
     * simulator's queue filters a duplicate, and never delivered.
     */
    public void duplicatePublished(String queueId) {
        tallies.get(queueId).filtered.incrementAndGet();
    }

    /**
     * The delivery of message {@code id} from {@code queueId} is over without an acknowledgement or
     * a requeue (rejected, dead-lettered, failed in auto-ack mode); the tallies say which.
     */
    public void settled(String queueId, String id) {
        String key = queueId + "\u0000" + id;
        inHand.remove(key);
        synchronized (this) {
            if (deliveriesById.remove(key) != null) {
                overIds.add(key);
            }
        }
    }

    /** A consumer held a delivery since {@code started} (a {@link System#nanoTime()}). */
    public void processed(String consumerId, long started, long now) {
        tallies.get(consumerId).recordService((now - started) / 1e9);
    }

    /**
     * The deliveries from the broker's queue {@code queueName} a consumer holds and has not settled;
     * a broker that counts them in its depth has them subtracted for a live snapshot.
     */
    public long inHandAt(String queueName) {
        String prefix = queueNames.entrySet().stream().filter(e -> e.getValue().equals(queueName))
                .map(e -> e.getKey() + "\u0000").findFirst().orElse(null);
        return prefix == null ? 0 : inHand.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /**
     * A consumer instance crashed, or lost its connection, with delivery {@code attempt} (as
     * {@link #delivered} numbered it) of message {@code id} of {@code queueId} in hand: the broker
     * puts it back (a requeue), or, in auto-ack mode, had forgotten it (lost, counted rejected).
     * When the broker delivered it again already (to another instance, before this one noticed its
     * loss), it is on its way, not waiting in the queue, or over if that delivery was settled.
     */
    public void abandoned(String consumerId, String queueId, String id, int attempt) {
        tallies.get(consumerId).returned.incrementAndGet();
        if (flow.node(consumerId).orElse(null) instanceof Consumer c && c.ackMode() == Consumer.AckMode.AUTO) {
            settled(queueId, id);
            tallies.get(consumerId).rejected.incrementAndGet();
            return;
        }
        String key = queueId + "\u0000" + id;
        synchronized (this) {
            AtomicInteger deliveries = deliveriesById.get(key);
            // Delivered again already, or even settled there (a commit cut by the loss waits for the
            // reconnection, while the server gives the message it rolled back to another instance).
            boolean over = deliveries == null && (completedIds.contains(key) || overIds.contains(key));
            if (over || (deliveries != null && deliveries.get() > attempt)) {
                requeues.incrementAndGet();
                return;
            }
            requeued(queueId, id);
        }
    }

    /**
     * Source {@code sourceId} sent request {@code id} (once per message, whatever its copies and
     * routes), whose reply it waits for for the source's reply timeout, as the simulator does.
     */
    public void requested(String sourceId, String id) {
        long n = tallies.get(sourceId).requests.incrementAndGet();
        pendingRequests.put(sourceId + "\u0000" + id, System.nanoTime());
        if (n % 10_000 == 0) {
            forgetTimedOut((Source) flow.node(sourceId).orElseThrow());
        }
    }

    /**
     * Moves the requests of {@code s} past their timeout out of the waiting ones into the timed-out
     * count, as the simulator's time-out does (a reply after it only completes), so a long run whose
     * replies do not come keeps no more than a timeout's worth of requests.
     */
    private void forgetTimedOut(Source s) {
        long now = System.nanoTime();
        String prefix = s.id() + "\u0000";
        NodeTally t = tallies.get(s.id());
        pendingRequests.entrySet().removeIf(e -> {
            boolean late = e.getKey().startsWith(prefix) && !inTime(s, now - e.getValue());
            if (late) {
                t.lateReplies.incrementAndGet();
            }
            return late;
        });
    }

    /**
     * Source {@code sourceId} took reply {@code replyId} to request {@code correlationId} off its
     * reply queue {@code replyQueueId}: a delivery of the queue that completes there, and the
     * request's reply when it is the first and came within the timeout, else the request timed out
     * (a later reply of one request, as to its duplicate, only completes).
     */
    public void replyReceived(String replyQueueId, String sourceId, String replyId, String correlationId, Long t0, long now) {
        delivered(replyQueueId, sourceId, replyId, t0, now);
        Long sent = correlationId == null ? null : pendingRequests.remove(sourceId + "\u0000" + correlationId);
        NodeTally me = tallies.get(sourceId);
        if (sent != null) {
            if (inTime((Source) flow.node(sourceId).orElseThrow(), now - sent)) {
                me.replies.incrementAndGet();
                roundTrips.computeIfAbsent(sourceId, k -> new NodeTally()).recordService((now - sent) / 1e9);
            } else {
                me.lateReplies.incrementAndGet();
            }
        }
        acknowledged(sourceId, replyQueueId, replyId, t0, now);
    }

    /** Consumer {@code consumerId} published a reply to a request's reply queue: a message produced there. */
    public void replySent(String consumerId) {
        tallies.get(consumerId).repliesSent.incrementAndGet();
    }

    private static boolean inTime(Source s, long nanos) {
        return s.replyTimeout() == null || s.replyTimeout().isZero() || nanos <= s.replyTimeout().toNanos();
    }

    /** Requests of {@code s} timed out by now: answered late, or waiting longer than the timeout. */
    private long timedOut(Source s) {
        long now = System.nanoTime();
        String prefix = s.id() + "\u0000";
        long waiting = pendingRequests.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && !inTime(s, now - e.getValue())).count();
        return tallies.get(s.id()).lateReplies.get() + waiting;
    }

    /**
     * The reply queue source {@code s} consumes itself, as the simulator's source does when no
     * consumer is wired to it; null when it has none on the broker or a consumer reads it.
     */
    public String replyQueueOf(Source s) {
        String q = s.replyQueue();
        if (q == null || !queueNames.containsKey(q)) {
            return null;
        }
        boolean read = flow.edges().stream().anyMatch(e -> e.from().equals(q) && e.fromPort() == Port.OUT
                && flow.node(e.to()).orElse(null) instanceof Consumer);
        return read ? null : q;
    }

    /** What a consumer's settlement of a delivery does on the server: acknowledge it, or end a failed one. */
    public enum Settlement {
        /** Acknowledged: the message completed. */
        ACKNOWLEDGED,
        /** A failure the consumer rejected away (the model's reject): the message is dropped. */
        REJECTED,
        /** A failure the consumer dead-lettered: the message went to the queue's dead-letter target. */
        DEAD_LETTERED
    }

    private record Uncertain(String consumerId, Settlement settlement, Long t0, long done) {
    }

    /**
     * Consumer {@code consumerId}'s acknowledgement of delivery {@code attempt} of message {@code id}
     * was cut by a lost connection, so whether the server did it is not known. Counted given back,
     * as {@link #abandoned}; a message the server rolled back comes again or waits in its queue, so
     * one that does neither by the end of the run was acknowledged, and {@link #snapshot} counts it so
     * ({@code t0} and {@code done} as {@link #acknowledged} takes them).
     */
    public void commitUncertain(String consumerId, String queueId, String id, int attempt, Long t0, long done) {
        settlementUncertain(consumerId, queueId, id, attempt, Settlement.ACKNOWLEDGED, t0, done);
    }

    /**
     * Consumer {@code consumerId}'s {@code settlement} of delivery {@code attempt} of message
     * {@code id} (an acknowledgement, or the reject or dead-lettering of a failure, not counted by
     * the caller) was cut by a lost connection, so whether the server did it is not known. Counted
     * given back, as {@link #abandoned}, until the end of the run: a message the server did not
     * settle comes again or waits in its queue, so one that does neither was settled, and
     * {@link #snapshot} counts it so (a failure failed, then rejected or dead-lettered).
     */
    public void settlementUncertain(String consumerId, String queueId, String id, int attempt, Settlement settlement,
                                    Long t0, long done) {
        abandoned(consumerId, queueId, id, attempt);
        uncertain.put(queueId + "\u0000" + id, new Uncertain(consumerId, settlement, t0, done));
    }

    /**
     * The uncertain settlements the server did: per queue, as many as the account has messages
     * given back and not seen again beyond what the broker still holds.
     */
    private void settleUncertain(Depth depth) throws Exception {
        Map<String, List<String>> byQueue = new HashMap<>();
        for (String key : uncertain.keySet()) {
            if (requeuedOutstanding.contains(key)) {
                byQueue.computeIfAbsent(key.substring(0, key.indexOf('\u0000')), q -> new java.util.ArrayList<>()).add(key);
            }
        }
        for (Map.Entry<String, List<String>> q : byQueue.entrySet()) {
            String prefix = q.getKey() + "\u0000";
            long outstanding = requeuedOutstanding.stream().filter(k -> k.startsWith(prefix)).count();
            long done = Math.min(q.getValue().size(), Math.max(0, outstanding - depth.of(queueNames.get(q.getKey()))));
            for (String key : q.getValue().subList(0, (int) done)) {
                Uncertain u = uncertain.remove(key);
                requeuedOutstanding.remove(key);
                NodeTally me = tallies.get(u.consumerId());
                me.returned.decrementAndGet();
                String id = key.substring(prefix.length());
                switch (u.settlement()) {
                    case ACKNOWLEDGED -> acknowledged(u.consumerId(), q.getKey(), id, u.t0(), u.done());
                    case REJECTED -> {
                        me.failed.incrementAndGet();
                        me.rejected.incrementAndGet();
                        settled(q.getKey(), id);
                    }
                    case DEAD_LETTERED -> {
                        me.failed.incrementAndGet();
                        me.deadLetteredByConsumer.incrementAndGet();
                        settled(q.getKey(), id);
                    }
                }
            }
        }
        uncertain.clear();
    }

    /**
     * Consumer {@code consumerId} acknowledged message {@code id} of {@code queueId}.
     *
     * @return whether it was the first acknowledgement of it (else a duplicate)
     */
    public boolean acknowledged(String consumerId, String queueId, String id, Long t0, long now) {
        NodeTally me = tallies.get(consumerId);
        settled(queueId, id);
        if (completedIds.add(queueId + "\u0000" + id)) {
            tell("ack", consumerId, id, 0);
            me.acked.incrementAndGet();
            if (t0 != null) {
                me.recordEndToEnd((now - t0) / 1e9);
            }
            return true;
        }
        // Delivered again after it was acknowledged once (a redelivery after a lost ack).
        me.duplicates.incrementAndGet();
        return false;
    }

    /** Whether message {@code id} of {@code queueId} was acknowledged once already (a delivery of it now is a duplicate). */
    public boolean finished(String queueId, String id) {
        return completedIds.contains(queueId + "\u0000" + id);
    }

    /**
     * Consumer {@code c}'s output wires when each goes to a queue on the broker, a topic (where the
     * consumer's client publishes what it finished), a processor (which the consumer's client runs)
     * or an endpoint or a message store (which it plays), in flow order: a copy of the message along each, as the
     * simulator's consumer passes it on; empty when it has none, or one the client cannot pass on to.
     */
    public List<Edge> onward(Consumer c) {
        List<Edge> out = flow.outgoing(c.id(), Port.OUT);
        for (Edge e : out) {
            Node to = flow.node(e.to()).orElse(null);
            if (!queueNames.containsKey(e.to()) && !(to instanceof Topic) && !(to instanceof Processor)
                    && !LiveEndpoints.plays(to)) {
                return List.of();
            }
        }
        return out;
    }

    /**
     * Consumer {@code consumerId} passed a message it acknowledged for the first time on along
     * {@code wires} wires: each beyond the first carries a copy made there, as the simulator's consumer makes it.
     */
    public void passedOn(String consumerId, int wires) {
        tallies.get(consumerId).made.addAndGet(Math.max(0, wires - 1L));
    }

    /**
     * One sentence for the end of a run whose connections to {@code brokerAt} (e.g. "RabbitMQ at
     * amqp://...") were lost {@code lost} times and came back, with the messages that delivered
     * twice; empty when none was lost.
     */
    public java.util.Optional<String> recovered(String brokerAt, int lost) {
        if (lost == 0) {
            return java.util.Optional.empty();
        }
        long twice = flow.nodes().stream().filter(n -> n instanceof Consumer)
                .mapToLong(n -> tallies.get(n.id()).duplicates.get()).sum();
        return java.util.Optional.of("the connection to " + brokerAt + " was lost " + lost
                + (lost == 1 ? " time" : " times") + " and recovered; " + twice + (twice == 1 ? " message was" : " messages were")
                + " delivered twice (at-least-once)");
    }

    /**
     * True once nothing more will happen: the publishers are done, no consumer holds or processes a
     * delivery and every queue a consumer takes from or with a time to live is empty on the broker, and all of it has
     * stayed so, with no delivery or requeue, for {@link #SETTLE_NANOS}. The wait is there because
     * a requeue may reach the queue after a depth read on another channel (AMQP orders a channel's
     * methods, not two channels'): without it a run could end with a requeued message on its way
     * back. Called from one thread, the run's.
     */
    public boolean quiet(boolean publishersDone, Depth depth) throws Exception {
        if (!idle(publishersDone, depth)) {
            quietSince = -1;
            return false;
        }
        long now = System.nanoTime();
        long activity = activity();
        if (quietSince < 0 || activity != activityThen) {
            quietSince = now;
            activityThen = activity;
            return false;
        }
        return now - quietSince >= SETTLE_NANOS;
    }

    private boolean idle(boolean publishersDone, Depth depth) throws Exception {
        if (!publishersDone) {
            return false;
        }
        for (NodeTally t : tallies.values()) {
            if (t.busy.get() > 0) {
                return false;
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Consumer && held(n.id()) > 0) {
                return false;
            }
            // An aggregator's open group or a resequencer's gap that times out will be released, as the simulator's clock does.
            if (n instanceof Processor p && p.timeout() != null && !p.timeout().isZero() && tallies.get(n.id()).held.get() > 0) {
                return false;
            }
        }
        for (Edge e : flow.edges()) {
            if (flow.node(e.to()).orElse(null) instanceof dev.pipewright.model.QueueReader && queueNames.containsKey(e.from())
                    && depth.of(queueNames.get(e.from())) > 0) {
                return false;
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Source s && replyQueueOf(s) != null && depth.of(queueNames.get(s.replyQueue())) > 0) {
                return false;
            }
        }
        for (String q : waitedQueues) {
            if (depth.of(q) > 0) {
                return false; // a retry on its way back, or a dead letter the retrier has not taken yet
            }
        }
        // A request whose reply may still come in time: the run waits for the reply or the time-out, as the simulator's clock does.
        long now = System.nanoTime();
        for (Map.Entry<String, Long> r : pendingRequests.entrySet()) {
            Source s = (Source) flow.node(r.getKey().substring(0, r.getKey().indexOf('\u0000'))).orElseThrow();
            if (s.replyTimeout() != null && !s.replyTimeout().isZero() && inTime(s, now - r.getValue())) {
                return false;
            }
        }
        // A queue with a time to live drains by itself (expired messages leave it), so the run
        // waits for that too rather than counting what the broker has not yet expired.
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q && q.messageTtl() != null && queueNames.containsKey(n.id())
                    && depth.of(queueNames.get(n.id())) > 0) {
                return false;
            }
        }
        return true;
    }

    private long activity() {
        long sum = requeues.get();
        for (NodeTally t : tallies.values()) {
            sum += t.delivered.get();
        }
        return sum;
    }

    /** Deliveries a consumer got and has not settled yet. */
    private long held(String consumerId) {
        NodeTally t = tallies.get(consumerId);
        return t.delivered.get() - t.acked.get() - t.duplicates.get() - t.failed.get() - t.returned.get();
    }

    /**
     * The report's snapshot after {@code seconds}, with the depths the broker reports once the
     * consumers have closed (so nothing is held unacknowledged). A delivery still in hand when the
     * run stopped went back to its queue as the consumer closed, as a requeue does; in auto-ack mode
     * the broker had forgotten it, so it is lost.
     */
    public Snapshot snapshot(double seconds, Depth depth) throws Exception {
        long lostInHand = 0;
        for (Map.Entry<String, String> h : inHand.entrySet()) {
            if (flow.node(h.getValue()).orElse(null) instanceof Consumer c && c.ackMode() == Consumer.AckMode.AUTO) {
                lostInHand++;
            } else {
                requeuedOutstanding.add(h.getKey());
            }
        }
        inHand.clear();
        settleUncertain(depth);
        return account(seconds, depth, lostInHand, Set.copyOf(requeuedOutstanding), false);
    }

    /**
     * A snapshot while the run goes on, changing nothing in the account: what the clients hold is
     * in flight. The counts and the depths are read at slightly different moments, so what the
     * account cannot place (on its way between client and broker) is counted in flight, and a depth
     * read after a delivery was counted is lowered by what it counted twice.
     */
    public Snapshot liveSnapshot(double seconds, Depth depth) throws Exception {
        return liveSnapshot(seconds, depth, Map.of());
    }

    /**
     * As {@link #liveSnapshot(double, Depth)}, with the consumer groups' lag the broker reported for
     * each queue node in {@code lag} (Kafka), in its stats and in its series' points.
     */
    public Snapshot liveSnapshot(double seconds, Depth depth, Map<String, List<ConsumerLag>> lag) throws Exception {
        return account(seconds, depth, 0, Set.copyOf(requeuedOutstanding), true, lag);
    }

    private Snapshot account(double seconds, Depth depth, long lostInHand, Set<String> requeuedOutstanding,
                             boolean running) throws Exception {
        return account(seconds, depth, lostInHand, requeuedOutstanding, running, Map.of());
    }

    private Snapshot account(double seconds, Depth depth, long lostInHand, Set<String> requeuedOutstanding,
                             boolean running, Map<String, List<ConsumerLag>> lag) throws Exception {
        Map<String, Long> readyAtEnd = new HashMap<>();
        for (Map.Entry<String, String> q : queueNames.entrySet()) {
            readyAtEnd.put(q.getKey(), depth.of(q.getValue()));
        }
        Map<String, Long> lostByBroker = new HashMap<>();
        for (String key : requeuedOutstanding) {
            lostByBroker.merge(key.substring(0, key.indexOf('\u0000')), 1L, Long::sum);
        }
        Map<String, NodeStats> nodes = new LinkedHashMap<>();
        long produced = 0;
        long completed = 0;
        long deadLettered = 0;
        long filtered = 0;
        long dropped = lostInHand;
        long waiting = 0;
        long intoQueues = 0;
        long clientsHold = 0;
        for (Node n : flow.nodes()) {
            NodeTally t = tallies.get(n.id());
            switch (n) {
                case Source s -> {
                    // A publish the broker refused (a full queue) was produced, and dropped there.
                    long accepted = s.confirms() ? t.confirmed.get() : t.published.get();
                    produced += accepted + t.nacked.get();
                    dropped += t.nacked.get();
                    // The replies it took off its reply queue completed there, as in the simulator.
                    completed += t.acked.get();
                    NodeStats st = stats(n, 0, t.published.get(), 0, Latency.NONE, Latency.NONE, 0, 0,
                            0, 0, 0, 0, 0, 0, false, Latency.NONE, t.confirmed.get(), t.nacked.get());
                    nodes.put(n.id(), s.replyQueue() == null ? st : withReplies(st, t, timedOut(s),
                            roundTrips.containsKey(n.id()) ? roundTrips.get(n.id()).service() : Latency.NONE));
                }
                case QueueSettings qs when queueNames.containsKey(n.id()) -> {
                    long ready = readyAtEnd.getOrDefault(n.id(), 0L);
                    String parkedName = parkedQueues.get(n.id());
                    // A retrying dead-letter queue holds what waits to be retried and what it parked.
                    long retriedIn = 0;
                    if (parkedName != null) {
                        ready += depth.of(parkedName);
                        retriedIn = t.retried.get();
                    }
                    // A message requeued and not delivered again either waits here or was taken by
                    // the broker's delivery limit (dead-lettered, or dropped without a target).
                    long lost = Math.max(0, lostByBroker.getOrDefault(n.id(), 0L) - ready);
                    // A message the broker took after a requeue was counted at its first delivery already.
                    long in = t.firstDeliveries.get() + Math.max(0, ready - lostByBroker.getOrDefault(n.id(), 0L));
                    // What a source put straight into the queue, when only sources of one wire feed it, is
                    // its 'in' exactly: more than was delivered or waits when the broker expired or pushed out
                    // messages never delivered, and not fooled by a depth read that still counts a message
                    // whose acknowledgement is on its way.
                    // What the broker dropped as a duplicate was published, and never came in (duplicatePublished).
                    long duplicates = t.filtered.get();
                    long direct = Math.max(0, fromSources(n.id(), false) - duplicates);
                    long taken = Math.max(0, direct - in);
                    if (direct > 0) {
                        in = Math.max(direct, t.firstDeliveries.get());
                    }
                    boolean expiring = qs.messageTtl() != null
                            && (qs.maxLength() == null || qs.overflow() != Overflow.DROP_HEAD);
                    boolean dlq = n instanceof DeadLetterQueue;
                    if (!dlq && fedDirectly(n.id())) {
                        // What a dead-letter queue sent back came in again, produced before.
                        intoQueues += in - retriedInto(n.id()) + duplicates;
                    }
                    filtered += duplicates;
                    long consumerDl = deadLetteredByConsumers(n.id());
                    boolean hasTarget = deadLetterTarget(n.id());
                    if (dlq) {
                        deadLettered += ready;
                    } else {
                        waiting += ready;
                        if (!hasTarget) {
                            dropped += lost + consumerDl + taken;
                        }
                    }
                    in += retriedIn;
                    // Without a target, what the delivery limit took is dropped here, as the simulator's queue drops it.
                    nodes.put(n.id(), withFiltered(stats(n, in, t.delivered.get() + retriedIn, ready, t.waitTime(),
                            Latency.NONE, 0, t.redelivered.get(), hasTarget ? lost + consumerDl + taken : 0,
                            expiring ? taken : 0, (hasTarget ? 0 : lost + consumerDl + taken) + fromSources(n.id(), true),
                            0, 0, 0, true, t.waitTime(), 0, 0), duplicates));
                }
                case Consumer c -> {
                    boolean fromDlq = flow.edges().stream().anyMatch(e -> e.to().equals(c.id())
                            && flow.node(e.from()).orElse(null) instanceof DeadLetterQueue);
                    if (fromDlq) {
                        deadLettered += t.acked.get();
                    } else if (onward(c).isEmpty()) {
                        completed += t.acked.get(); // else it completes at the endpoint or further on (or is dropped there)
                    }
                    produced += t.made.get(); // the copies it passed on along its wires beyond the first
                    dropped += t.rejected.get();
                    produced += t.repliesSent.get(); // a reply is a message of its own, as in the simulator
                    // Out, as in the simulator: every delivery the consumer finished with, failed ones too.
                    long out = t.acked.get() + t.duplicates.get() + t.failed.get();
                    NodeStats modelled = stats(n, t.delivered.get(), out, 0, t.service(), t.endToEnd(),
                            t.acked.get(), 0, 0, 0, t.rejected.get(), t.duplicates.get(), t.failed.get(), c.instances(),
                            true, Latency.NONE, 0, 0);
                    var counts = instanceCounts;
                    InstanceCount ic = counts == null ? null : counts.apply(c.id());
                    nodes.put(n.id(), ic == null ? modelled : withInstances(modelled, t.busy.get(), ic));
                }
                case Processor p -> {
                    // As the simulator counts a processor: its parts and copies are made here, a split
                    // message or one with no output wire completes here.
                    produced += t.made.get();
                    completed += t.completed.get();
                    dropped += t.dropped.get();
                    filtered += t.filtered.get();
                    // What an aggregator or resequencer fed by a source or consumer holds is in its client's memory:
                    // in flight, as the simulator's processor holds it (one fed by a queue leaves it on the queue).
                    long inMemory = ProcessorStage.holdsInClient(flow, p) ? t.held.get() : 0;
                    clientsHold += inMemory;
                    nodes.put(n.id(), new NodeStats(n.id(), n.kind(), t.delivered.get(), t.processed.get(), 0, 0, 0,
                            inMemory, 0, 0, 0, t.service(), t.endToEnd(), t.completed.get(), 0, 0, 0, t.dropped.get(),
                            t.filtered.get(), t.caught.get(), t.failed.get(), t.busy.get(), 0, 0, 0, true, 0, 0, 0,
                            List.of(), Latency.NONE, 0, 0));
                }
                case Endpoint e -> {
                    // As the simulator counts an endpoint: what it handled completes here, what it and its
                    // failover refused is dropped here, what it holds (busy, in line) is in flight.
                    completed += t.completed.get();
                    dropped += t.dropped.get();
                    clientsHold += t.busy.get() + t.held.get();
                    nodes.put(n.id(), new NodeStats(n.id(), n.kind(), t.delivered.get(), t.processed.get(), 0, 0, 0,
                            t.busy.get() + t.held.get(), 0, 0, 0, t.service(), t.endToEnd(), t.completed.get(), 0, 0, 0,
                            t.dropped.get(), 0, 0, 0, t.busy.get(), Math.max(0, e.concurrency() - t.busy.get()), 0, 0,
                            endpoints == null || endpoints.up(n.id()), 0, 0, 0, List.of(), Latency.NONE, 0, 0));
                }
                case dev.pipewright.model.MessageStore m -> {
                    // As the simulator counts a store: what it gave up is dropped here, what it keeps is waiting.
                    dropped += t.dropped.get();
                    waiting += t.held.get();
                    nodes.put(n.id(), new NodeStats(n.id(), n.kind(), t.delivered.get(), t.processed.get(), t.held.get(),
                            0, 0, 0, 0, 0, 0, Latency.NONE, Latency.NONE, 0, 0, 0, 0, t.dropped.get(), 0, 0,
                            t.failed.get(), 0, 0, 0, 0, endpoints == null || endpoints.stores().active(n.id()), 0, 0, 0,
                            List.of(), Latency.NONE, 0, 0));
                }
                case Topic tp -> {
                    // A backend that routes in its client's sight counts here what came in, the copies it gave its
                    // bindings, and what no binding matched: dropped at the topic, as the simulator counts it (and
                    // counted as if it reached a queue, so the copies beyond the first are produced right below).
                    dropped += t.dropped.get();
                    intoQueues += t.dropped.get();
                    nodes.put(n.id(), stats(n, t.delivered.get(), t.published.get(), 0, Latency.NONE, Latency.NONE, 0, 0,
                            0, 0, t.dropped.get(), 0, 0, 0, true, Latency.NONE, 0, 0));
                }
                default -> nodes.put(n.id(), stats(n, 0, 0, 0, Latency.NONE, Latency.NONE, 0, 0, 0, 0, 0, 0, 0, 0,
                        true, Latency.NONE, 0, 0));
            }
        }
        // A topic gives every binding its own copy: the copies beyond the one published are produced there.
        // What a source handed to a processor in its own client reached no queue as such: the processor's publishes did.
        long fromSources = flow.nodes().stream().filter(n -> n instanceof Source s && !s.confirms())
                .mapToLong(n -> tallies.get(n.id()).published.get()).sum()
                + flow.nodes().stream().filter(n -> n instanceof Source s && s.confirms())
                .mapToLong(n -> tallies.get(n.id()).confirmed.get()).sum()
                - flow.nodes().stream().filter(n -> n instanceof Source)
                .mapToLong(n -> tallies.get(n.id()).throughProcessors.get() + tallies.get(n.id()).throughEndpoints.get()).sum()
                + forwardedToFed.get();
        if (intoQueues > fromSources) {
            produced += intoQueues - fromSources;
        } else if (!running) {
            dropped += fromSources - intoQueues;
        } // while running, what no queue has counted yet is on its way: in flight

        // What the endpoints and the in-client holders hold at the end is in flight, as the simulator's at its end.
        long inFlight = running ? 0 : clientsHold;
        if (running) {
            long rest = produced - completed - deadLettered - dropped - filtered - waiting;
            if (rest >= 0) {
                inFlight = rest;
            } else {
                waiting = Math.max(0, waiting + rest);
                inFlight = Math.max(0, produced - completed - deadLettered - dropped - filtered - waiting);
                produced = completed + deadLettered + dropped + filtered + waiting + inFlight;
            }
        }
        Conservation law = new Conservation(produced, completed, deadLettered, 0, dropped, filtered, waiting, inFlight);
        if (!running) {
            return new Snapshot(seconds, 0, seconds, nodes, Map.of(), law);
        }
        lag.forEach((id, groups) -> nodes.computeIfPresent(id, (k, st) -> st.withLag(groups)));
        sample(seconds, nodes);
        nodes.replaceAll((id, st) -> withSeries(st, series.getOrDefault(id, new ArrayDeque<>())));
        return new Snapshot(seconds, activity() + published(), SAMPLE_SECONDS, nodes, edges(nodes), law);
    }

    /**
     * What crossed each wire, from the counts at its ends, so a live view draws its dots and rates:
     * a source's publishes shared among its wires to the broker, into a queue what it took in,
     * to a consumer what it was delivered (redelivered as the queue counted them, when it has one
     * consumer), along a dead-letter wire what the dead-letter queue took in.
     */
    private Map<String, EdgeStats> edges(Map<String, NodeStats> nodes) {
        Map<String, EdgeStats> out = new LinkedHashMap<>();
        for (Edge e : flow.edges()) {
            Node from = flow.node(e.from()).orElse(null);
            Node to = flow.node(e.to()).orElse(null);
            NodeStats at = nodes.get(e.to());
            long crossed = 0;
            long redelivered = 0;
            long deadLettered = 0;
            if (from instanceof Source s && at != null && !LiveEndpoints.plays(to)) {
                long wires = flow.outgoing(s.id(), Port.OUT).stream().filter(w -> queueNames.containsKey(w.to())
                        || flow.node(w.to()).orElse(null) instanceof Topic).count();
                crossed = wires == 0 ? 0 : tallies.get(s.id()).published.get() / wires;
            } else if (e.fromPort() == Port.DEAD_LETTER && at != null) {
                crossed = at.in();
                deadLettered = crossed;
            } else if ((to instanceof Processor || LiveEndpoints.plays(to)) && at != null) {
                crossed = at.in(); // a processor takes from one queue, as a rule
            } else if (to instanceof Consumer && at != null) {
                crossed = at.in();
                boolean alone = flow.outgoing(e.from(), Port.OUT).size() == 1;
                redelivered = alone ? Math.min(crossed, tallies.get(e.from()).redelivered.get()) : 0;
            } else if (at != null && queueNames.containsKey(e.to())) {
                crossed = at.in();
            }
            out.put(e.id(), new EdgeStats(e.id(), crossed, 0, crossed - redelivered - deadLettered, redelivered,
                    deadLettered, 0));
        }
        return out;
    }

    private long published() {
        return tallies.values().stream().mapToLong(t -> t.published.get()).sum();
    }

    /** Adds a point to each node's series once {@link #SAMPLE_SECONDS} have passed since the last. */
    private void sample(double seconds, Map<String, NodeStats> nodes) {
        if (seconds - lastSample < SAMPLE_SECONDS) {
            return;
        }
        double dt = seconds - lastSample;
        for (NodeStats st : nodes.values()) {
            long[] before = lastInOut.getOrDefault(st.nodeId(), new long[2]);
            ArrayDeque<SeriesPoint> points = series.computeIfAbsent(st.nodeId(), k -> new ArrayDeque<>());
            points.addLast(new SeriesPoint(seconds, (st.in() - before[0]) / dt, (st.out() - before[1]) / dt, st.depth(),
                    st.timeInNode().p50Ms(), st.timeInNode().p95Ms(), st.timeInNode().p99Ms(),
                    SeriesPoint.totalLag(st.lag())));
            if (points.size() > Snapshot.SERIES_CAPACITY) {
                points.removeFirst();
            }
            lastInOut.put(st.nodeId(), new long[] {st.in(), st.out()});
        }
        lastSample = seconds;
    }

    /** A source's {@code s} with its requests, replies, time-outs and round-trip time. */
    private static NodeStats withReplies(NodeStats s, NodeTally t, long timedOut, Latency roundTrip) {
        return new NodeStats(s.nodeId(), s.kind(), s.in(), s.out(), s.ready(), s.unacked(), s.scheduled(), s.inFlight(),
                s.rateIn(), s.rateOut(), s.meanReady(), roundTrip, s.endToEnd(), t.acked.get(), s.redelivered(),
                s.deadLettered(), s.expired(), s.dropped(), s.filtered(), s.duplicatesCaught(), s.failed(), s.busy(),
                s.idle(), s.crashed(), s.paused(), s.up(), t.requests.get(), t.replies.get(), timedOut, s.series(),
                s.waitToStart(), s.confirmed(), s.nacked(), s.utilisation(), s.waitToStartByPriority(), s.lag());
    }

    /** {@code s} with {@code filtered} messages filtered (a queue's duplicates the broker dropped). */
    private static NodeStats withFiltered(NodeStats s, long filtered) {
        if (filtered == 0) {
            return s;
        }
        return new NodeStats(s.nodeId(), s.kind(), s.in(), s.out(), s.ready(), s.unacked(), s.scheduled(), s.inFlight(),
                s.rateIn(), s.rateOut(), s.meanReady(), s.timeInNode(), s.endToEnd(), s.completed(), s.redelivered(),
                s.deadLettered(), s.expired(), s.dropped(), filtered, s.duplicatesCaught(), s.failed(), s.busy(),
                s.idle(), s.crashed(), s.paused(), s.up(), s.requests(), s.replies(), s.timedOut(), s.series(),
                s.waitToStart(), s.confirmed(), s.nacked(), s.utilisation(), s.waitToStartByPriority(), s.lag());
    }

    /** {@code s} with its series, and its rates from the latest point of it. */
    private static NodeStats withSeries(NodeStats s, ArrayDeque<SeriesPoint> points) {
        SeriesPoint last = points.peekLast();
        double rateIn = last == null ? 0 : last.inRate();
        double rateOut = last == null ? 0 : last.outRate();
        return new NodeStats(s.nodeId(), s.kind(), s.in(), s.out(), s.ready(), s.unacked(), s.scheduled(), s.inFlight(),
                rateIn, rateOut, s.meanReady(), s.timeInNode(), s.endToEnd(), s.completed(), s.redelivered(),
                s.deadLettered(), s.expired(), s.dropped(), s.filtered(), s.duplicatesCaught(), s.failed(), s.busy(),
                s.idle(), s.crashed(), s.paused(), s.up(), s.requests(), s.replies(), s.timedOut(), List.copyOf(points),
                s.waitToStart(), s.confirmed(), s.nacked(), s.utilisation(), s.waitToStartByPriority(), s.lag());
    }

    /** The messages retrying dead-letter queues sent back to queue {@code queueId}. */
    private long retriedInto(String queueId) {
        return retryOrigins.entrySet().stream().filter(e -> e.getValue().equals(queueId))
                .mapToLong(e -> tallies.get(e.getKey()).retried.get()).sum();
    }

    private boolean fedDirectly(String queueId) {
        return flow.edges().stream().anyMatch(e -> e.to().equals(queueId) && e.fromPort() == Port.OUT
                && flow.node(e.from()).orElse(null) instanceof Source || e.to().equals(queueId)
                && flow.node(e.from()).orElse(null) instanceof Topic);
    }

    /** Whether queue {@code queueId} has a dead-letter wire to a queue on the broker. */
    public boolean deadLetterTarget(String queueId) {
        return deadLetterQueueOf(queueId) != null;
    }

    /** The queue node {@code queueId} dead-letters to, or null when it has none on the broker. */
    public String deadLetterQueueOf(String queueId) {
        return flow.edges().stream().filter(e -> e.from().equals(queueId) && e.fromPort() == Port.DEAD_LETTER
                && queueNames.containsKey(e.to())).map(Edge::to).findFirst().orElse(null);
    }

    private long deadLetteredByConsumers(String queueId) {
        return flow.edges().stream().filter(e -> e.from().equals(queueId))
                .map(e -> flow.node(e.to()).orElse(null)).filter(n -> n instanceof Consumer)
                .mapToLong(n -> tallies.get(n.id()).deadLetteredByConsumer.get()).sum();
    }

    /** {@code s} with a consumer's instances as counted ({@link #countInstances}), the simulator's way. */
    private static NodeStats withInstances(NodeStats s, long inHand, InstanceCount ic) {
        int running = Math.max(0, ic.running());
        int busy = Math.clamp(inHand, 0, running);
        return new NodeStats(s.nodeId(), s.kind(), s.in(), s.out(), s.ready(), s.unacked(), s.scheduled(), s.inFlight(),
                s.rateIn(), s.rateOut(), s.meanReady(), s.timeInNode(), s.endToEnd(), s.completed(), s.redelivered(),
                s.deadLettered(), s.expired(), s.dropped(), s.filtered(), s.duplicatesCaught(), s.failed(), busy,
                ic.paused() ? 0 : running - busy, Math.max(0, ic.crashed()), ic.paused() ? running : 0, s.up(),
                s.requests(), s.replies(), s.timedOut(), s.series(), s.waitToStart(), s.confirmed(), s.nacked());
    }

    private static NodeStats stats(Node n, long in, long out, long ready, Latency inNode, Latency e2e,
                                   long completed, long redelivered, long deadLettered, long expired, long dropped,
                                   long duplicates, long failed, int idle, boolean up, Latency waitToStart,
                                   long confirmed, long nacked) {
        return new NodeStats(n.id(), n.kind(), in, out, ready, 0, 0, 0, 0, 0, ready, inNode, e2e, completed,
                redelivered, deadLettered, expired, dropped, 0, duplicates, failed, 0, idle, 0, 0, up, 0, 0, 0,
                java.util.List.of(), waitToStart, confirmed, nacked);
    }

    /**
     * What the broker accepted ({@code refused} false) or refused (true: nacked, the queue was
     * full) of the sources wired straight to queue {@code queueId}, when only such sources feed it
     * and each has that one wire (so every publish went there); 0 when a topic or a source of
     * several wires feeds it, whose share the clients cannot know.
     */
    private long fromSources(String queueId, boolean refused) {
        long sum = 0;
        for (Edge e : flow.edges()) {
            if (!e.to().equals(queueId) || e.fromPort() != Port.OUT) {
                continue;
            }
            if (!(flow.node(e.from()).orElse(null) instanceof Source s) || flow.outgoing(s.id(), Port.OUT).size() != 1) {
                return 0;
            }
            NodeTally t = tallies.get(s.id());
            sum += refused ? t.nacked.get() : s.confirms() ? t.confirmed.get() : t.published.get();
        }
        return sum;
    }
}
