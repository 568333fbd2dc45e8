// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.PayloadTemplate;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A running source: publishes messages with constant, Poisson or burst spacing, up to its message
 * limit, with priorities drawn from its mix, routing keys in turn, a payload from its template,
 * and sometimes a duplicate (same origin id). With a reply queue it waits for each request's reply:
 * a reply that comes back in time counts as a reply, one that does not as timed out. It takes the
 * replies itself when no consumer is wired to the reply queue.
 *
 * <p>A source with a script publishes exactly its scripted messages instead, at their times: the
 * script is sorted once (stably, so equal times keep script order) and only the next message's
 * time is ever scheduled, so a long script costs one event per distinct time and no more memory
 * than the script itself.
 *
 * <p>A message that would reach a full queue whose overflow is block is held here, counted in
 * flight, and the source publishes nothing more, as a producer blocked in its send: one full queue
 * of a fanout blocks it entirely. When that queue has room the source sends what it holds, then
 * carries on where it stopped (the rest of a burst, the script's due messages, the next arrival a
 * gap after the resumption).
 */
public final class SourceEntity extends Entity implements Subscriber {
    private static final int ARRIVAL = 1;
    private static final int REPLY_TIMEOUT = 2;
    private static final int FLOOD_END = 3;
    private static final int SCRIPTED = 4;
    private static final int UNBLOCKED = 5;
    /** How many topics deep a source looks for a full blocking queue (topics bound to topics). */
    private static final int BLOCK_SEARCH_HOPS = 16;

    private Source model;
    private List<Link> outputs = List.of();
    private PayloadTemplate template;
    private long sequence;
    private long published;
    private int routingKeyIndex;
    private long arrivalGeneration;
    private double floodFactor = 1;
    private long floodGeneration;
    private double rateOverride = -1;
    private int[] priorities = new int[0];
    private double[] cumulativeWeights = new double[0];
    private final Map<Long, Double> pendingRequests = new HashMap<>();
    /** The script in time order; empty for a source that publishes by its rate. */
    private ScriptedMessage[] script = new ScriptedMessage[0];
    /** The next scripted message to publish. */
    private int scriptIndex;
    /** Messages made while a full blocking queue held the source back, in publishing order. */
    private final ArrayDeque<Message> heldBack = new ArrayDeque<>();
    /** Messages of the current burst not yet published. */
    private int burstLeft;
    private long blockGeneration;
    /** The id of the message last published by hand, or 0. */
    private long handPublished;

    public SourceEntity(World world, Node node) {
        super(world, node);
        configure((Source) node);
    }

    private void configure(Source s) {
        this.model = s;
        this.template = s.payloadTemplate() == null || s.payloadTemplate().isBlank()
                ? null : new PayloadTemplate(s.payloadTemplate());
        double total = 0;
        priorities = new int[s.priorityMix().size()];
        cumulativeWeights = new double[priorities.length];
        int i = 0;
        for (Map.Entry<Integer, Double> e : s.priorityMix().entrySet()) {
            total += e.getValue();
            priorities[i] = e.getKey();
            cumulativeWeights[i++] = total;
        }
        if (total <= 0) {
            priorities = new int[0];
        }
        script = s.script().toArray(new ScriptedMessage[0]);
        // Arrays.sort on objects is a stable merge sort: equal times keep their script order.
        Arrays.sort(script, Comparator.comparing(ScriptedMessage::at));
    }

    @Override
    protected void start() {
        outputs = outs(Port.OUT);
        if (model.replyQueue() != null && world.entity(model.replyQueue()) instanceof QueueEntity q
                && !q.hasWiredSubscribers()) {
            q.addSubscriber(this, null);
        }
        if (model.scripted()) {
            scheduleScript();
        } else {
            scheduleNextArrival();
        }
    }

    /** The rate in force now: the model's (or the one set while running), times any flood. */
    public double effectiveRate() {
        return (rateOverride >= 0 ? rateOverride : model.rate()) * floodFactor;
    }

    private void scheduleNextArrival() {
        if (model.scripted() || blocked()) {
            return;
        }
        long gen = ++arrivalGeneration;
        double rate = effectiveRate();
        if (rate <= 0 || limitReached()) {
            return;
        }
        double gap = switch (model.arrival()) {
            case CONSTANT -> 1 / rate;
            case POISSON -> -Math.log(1 - rng.nextDouble()) / rate;
            case BURSTS -> model.burstSize() / rate;
        };
        world.kernel().schedule(gap, this, ARRIVAL, null, gen);
    }

    /** Schedules the next scripted message; the ones due at the same time are published in the same event. */
    private void scheduleScript() {
        if (blocked()) {
            return;
        }
        long gen = ++arrivalGeneration;
        if (scriptIndex < script.length) {
            world.kernel().scheduleAt(QueueEntity.seconds(script[scriptIndex].at()), this, SCRIPTED, null, gen);
        }
    }

    private boolean limitReached() {
        return model.messageLimit() != null && published >= model.messageLimit();
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        switch (type) {
            case ARRIVAL -> {
                if (arg != arrivalGeneration) {
                    return;
                }
                burstLeft = model.arrival() == Source.Arrival.BURSTS ? model.burstSize() : 1;
                publishBurst();
            }
            case SCRIPTED -> {
                if (arg == arrivalGeneration) {
                    publishDueScript();
                }
            }
            case UNBLOCKED -> {
                if (arg == blockGeneration) {
                    resume();
                }
            }
            case REPLY_TIMEOUT -> {
                if (pendingRequests.remove(arg) != null) {
                    stats.timedOut++;
                }
            }
            case FLOOD_END -> {
                if (arg == floodGeneration) {
                    floodFactor = 1;
                    scheduleNextArrival();
                }
            }
            default -> throw new IllegalStateException("source " + id + " got unknown event " + type);
        }
    }

    /** Publishes the rest of the current burst, then schedules the next one; stops while blocked. */
    private void publishBurst() {
        // A burst stops early when the run holds all the messages it may (the run then stops).
        while (burstLeft > 0 && !limitReached() && !world.messageLimitReached()) {
            burstLeft--;
            if (!publish(null)) {
                return;
            }
        }
        burstLeft = 0;
        scheduleNextArrival();
    }

    /** Publishes the scripted messages due by now, then schedules the next; stops while blocked. */
    private void publishDueScript() {
        double now = world.now();
        while (scriptIndex < script.length && QueueEntity.seconds(script[scriptIndex].at()) <= now
                && !world.messageLimitReached()) {
            if (!publish(script[scriptIndex++])) {
                return;
            }
        }
        scheduleScript();
    }

    private boolean blocked() {
        return !heldBack.isEmpty();
    }

    /** A queue this source waits for has room: it tries again in an event of its own, after the queue's. */
    void roomFreed() {
        world.kernel().schedule(0, this, UNBLOCKED, null, ++blockGeneration);
    }

    /** Sends what it holds while nothing blocks it, then carries on publishing where it stopped. */
    private void resume() {
        if (!blocked()) {
            return; // nothing held: the source is publishing on its own schedule, which this must not move
        }
        while (!heldBack.isEmpty()) {
            QueueEntity full = blockingQueue(heldBack.peekFirst());
            if (full != null) {
                full.waitForRoom(this);
                return;
            }
            Message m = heldBack.pollFirst();
            if (world.watched(m)) {
                world.hop(m, this, "unblocked", "the queue has room");
            }
            send(m);
        }
        if (model.scripted()) {
            publishDueScript();
        } else {
            publishBurst();
        }
    }

    /** The full blocking queue {@code m} would reach now, or null. */
    private QueueEntity blockingQueue(Message m) {
        for (Link l : outputs) {
            QueueEntity full = l.to().blockingQueue(m, l, BLOCK_SEARCH_HOPS);
            if (full != null) {
                return full;
            }
        }
        return null;
    }

    /** Sends {@code m}, or holds it (and everything after it) while a full blocking queue is in its way. */
    private void sendOrHold(Message m) {
        QueueEntity full = heldBack.isEmpty() ? blockingQueue(m) : null;
        if (full == null && heldBack.isEmpty()) {
            send(m);
            return;
        }
        if (full != null) {
            full.waitForRoom(this);
        }
        heldBack.addLast(m);
        if (world.watched(m)) {
            world.hop(m, this, "blocked", full == null ? "behind a blocked message"
                    : "queue " + full.nodeId() + " is full (block)");
        }
    }

    /**
     * Publishes one traced message now, by hand: not counted against the message limit, never
     * duplicated, and not held back by a full blocking queue. Returns its id.
     */
    public long publishOne() {
        Message m = world.newTracedMessage(this);
        handPublished = m.id;
        fill(m, null);
        if (world.watched(m)) {
            world.hop(m, this, "published", "by hand" + (m.routingKey == null ? "" : ", key " + m.routingKey));
        }
        sendPublished(m);
        return m.id;
    }

    /** The id of the message last published by {@link #publishOne}, or 0. */
    public long publishedByHand() {
        return handPublished;
    }

    /**
     * Publishes one message: the next by the source's rules, or {@code scripted} with its own
     * properties. False when a full blocking queue holds it back (the source then waits).
     */
    private boolean publish(ScriptedMessage scripted) {
        published++;
        Message m = world.newMessage(this);
        fill(m, scripted);
        // A script publishes exactly its messages, so no duplicates.
        boolean duplicate = scripted == null && model.duplicateRate() > 0 && rng.nextDouble() < model.duplicateRate();
        Message twin = duplicate ? world.copy(m, this) : null;
        sendOrHold(m);
        if (twin != null) {
            sendOrHold(twin);
        }
        return !blocked();
    }

    /** Sets what the source's rules (or the scripted entry) give a new message. */
    private void fill(Message m, ScriptedMessage scripted) {
        m.sequence = ++sequence;
        m.headers = scripted == null ? model.headers() : headersOf(scripted);
        m.size = model.payloadSize();
        if (scripted != null && scripted.priority() != null) {
            m.priority = scripted.priority();
        } else if (priorities.length > 0) {
            m.priority = drawPriority();
        }
        List<String> keys = model.routingKeys();
        if (scripted != null && scripted.key() != null) {
            m.routingKey = scripted.key();
        } else if (!keys.isEmpty()) {
            m.routingKey = keys.get(routingKeyIndex++ % keys.size());
        }
        if (scripted != null) {
            m.ttl = scripted.ttl() == null ? -1 : QueueEntity.seconds(scripted.ttl());
            m.delay = scripted.delay() == null ? -1 : QueueEntity.seconds(scripted.delay());
        }
        if (template != null) {
            m.fillPayload(template, rng);
        }
        if (model.replyQueue() != null) {
            m.replyTo = model.replyQueue();
            stats.requests++;
            pendingRequests.put(m.originId, world.now());
            double timeout = QueueEntity.seconds(model.replyTimeout());
            if (timeout > 0) {
                world.kernel().schedule(timeout, this, REPLY_TIMEOUT, null, m.originId);
            }
        }
    }

    /** The source's headers, then the entry's, then its script id as the header {@code id}. */
    private Map<String, String> headersOf(ScriptedMessage scripted) {
        if (scripted.headers().isEmpty() && scripted.id() == null) {
            return model.headers();
        }
        Map<String, String> all = new TreeMap<>(model.headers());
        all.putAll(scripted.headers());
        if (scripted.id() != null) {
            all.put("id", scripted.id());
        }
        return Collections.unmodifiableMap(all);
    }

    private int drawPriority() {
        double u = rng.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (u < cumulativeWeights[i]) {
                return priorities[i];
            }
        }
        return priorities[priorities.length - 1];
    }

    private void send(Message m) {
        if (world.watched(m)) {
            world.hop(m, this, "published", m.routingKey == null ? "" : "key " + m.routingKey);
        }
        sendPublished(m);
    }

    /** Sends a message whose publishing is recorded to the source's outputs. */
    private void sendPublished(Message m) {
        stats.out++;
        if (outputs.isEmpty()) {
            world.drop(m, this, "the source is not wired to anything");
            return;
        }
        if (!model.confirms()) {
            emitAll(m, outputs);
            return;
        }
        // Routing is synchronous, so every queue that refuses this publish does so inside emitAll;
        // one refusal nacks it (a broker confirms only what every queue took).
        long refusedBefore = world.refusedPublishes();
        boolean watched = world.watched(m);
        emitAll(m, outputs);
        if (world.refusedPublishes() > refusedBefore) {
            stats.nacked++;
            if (watched) {
                world.hop(m, this, "publish-nacked", "a queue refused it");
            }
        } else {
            stats.confirmed++;
            if (watched) {
                world.hop(m, this, "confirmed", "");
            }
        }
    }

    /** Sets the rate while running (the flow's rate is used again after a reconfigure). */
    public void setRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the rate of source '" + id + "' must be zero or more (was " + rate + ")");
        }
        rateOverride = rate;
        scheduleNextArrival();
    }

    /** Multiplies the rate by {@code factor} for {@code forSeconds} of virtual time. */
    public void flood(double factor, double forSeconds) {
        if (!(factor > 0) || !(forSeconds > 0)) {
            throw new IllegalArgumentException("a flood of source '" + id + "' needs a factor and a duration above zero");
        }
        floodFactor = factor;
        world.kernel().schedule(forSeconds, this, FLOOD_END, null, ++floodGeneration);
        scheduleNextArrival();
    }

    // Replies: the source consumes its reply queue when nobody else does.

    @Override
    public boolean canTake(boolean singleActive) {
        return true;
    }

    @Override
    public boolean hasIdle(boolean singleActive) {
        return true;
    }

    @Override
    public boolean alive() {
        return true;
    }

    @Override
    public boolean autoAck() {
        return true;
    }

    @Override
    public void deliver(Message reply, QueueEntity from, boolean singleActive) {
        reply.deliveredBy = null;
        Double sentAt = pendingRequests.remove(reply.correlationId);
        if (sentAt != null) {
            stats.replies++;
            stats.timeInNode.record(world.now() - sentAt);
        }
        world.complete(reply, this);
    }

    @Override
    public boolean offer(Message m, Link via) {
        throw new IllegalStateException("source '" + id + "' has no input");
    }

    @Override
    public void reconfigure(Node changed) {
        Source old = model;
        configure((Source) changed);
        rateOverride = -1;
        if (!old.script().equals(model.script())) {
            // A changed script carries on from now: what was due before now is not published again.
            arrivalGeneration++;
            scriptIndex = 0;
            double now = world.now();
            while (scriptIndex < script.length && QueueEntity.seconds(script[scriptIndex].at()) <= now) {
                scriptIndex++;
            }
            if (model.scripted()) {
                scheduleScript();
            } else {
                scheduleNextArrival();
            }
        } else if (old.rate() != model.rate() || old.arrival() != model.arrival() || old.burstSize() != model.burstSize()
                || !java.util.Objects.equals(old.messageLimit(), model.messageLimit())) {
            scheduleNextArrival();
        }
    }

    @Override
    public long inFlightCount() {
        return heldBack.size();
    }

    @Override
    public void updateGauges() {
        stats.inFlight = heldBack.size();
        stats.up = !blocked() && (model.scripted() ? scriptIndex < script.length : effectiveRate() > 0 && !limitReached());
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case ARRIVAL -> "arrival";
            case REPLY_TIMEOUT -> "reply-timeout";
            case FLOOD_END -> "flood-end";
            case SCRIPTED -> "scripted";
            case UNBLOCKED -> "unblocked";
            default -> "event-" + type;
        };
    }
}
