// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.MessageEvents;
import dev.pipewright.engine.kernel.Kernel;
import dev.pipewright.engine.stats.LineageBook;
import dev.pipewright.engine.template.NodeRandom;
import dev.pipewright.model.Broker;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the entities of one run share: the kernel, the message ledger (the terminal counts of the
 * conservation law), message ids, the lineage of sampled messages, and the claim-check store.
 */
public final class World {
    private final Kernel kernel;
    private final long seed;
    private final Broker broker;
    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final LineageBook lineage = new LineageBook();
    private final Map<Long, Claim> claims = new HashMap<>();
    private long nextId = 1;
    private long nextClaim = 1;

    private long produced;
    private long completed;
    private long deadLetterConsumed;
    private long expired;
    private long dropped;
    private long filtered;
    private long refusedPublishes;
    private long messageLimit = Long.MAX_VALUE;
    private MessageEvents events;

    /** A payload and size a claim-check-in put aside. */
    public record Claim(JsonNode payload, int size) {
    }

    public World(Kernel kernel, long seed) {
        this(kernel, seed, Broker.GENERIC);
    }

    public World(Kernel kernel, long seed, Broker broker) {
        this.kernel = kernel;
        this.seed = seed;
        this.broker = broker;
    }

    /** Whose rules the queues follow. */
    public Broker broker() {
        return broker;
    }

    public Kernel kernel() {
        return kernel;
    }

    public double now() {
        return kernel.now();
    }

    void register(Entity e) {
        entities.put(e.nodeId(), e);
    }

    public Entity entity(String id) {
        return entities.get(id);
    }

    public Collection<Entity> entities() {
        return entities.values();
    }

    /**
     * A random stream for one node, derived from the run's seed and the node id (not its position),
     * so adding a node elsewhere does not change another node's draws.
     */
    SplittableRandom randomFor(String nodeId) {
        return NodeRandom.of(seed, nodeId);
    }

    /** Sets the most messages the run may hold at once (see {@link #messageLimitReached()}). */
    public void limitMessages(long max) {
        messageLimit = max;
    }

    /**
     * True when the run holds as many messages as it may: entities that make many messages in one
     * event (a burst, a split) stop making more, and the run stops before its next event.
     */
    public boolean messageLimitReached() {
        return held() >= messageLimit;
    }

    /** Messages in memory: produced and not yet finished (waiting, in flight or in a dead-letter queue). */
    public long held() {
        return produced - completed - deadLetterConsumed - expired - dropped - filtered;
    }

    /** A new message, counted as produced. */
    public Message newMessage(Entity at) {
        Message m = new Message(nextId++);
        m.createdAt = now();
        produced++;
        return m;
    }

    /**
     * A new message whose lineage is kept: it takes the next id the lineage samples, skipping the
     * ones before it (ids need only be unique), counted as produced.
     */
    public Message newTracedMessage(Entity at) {
        long every = dev.pipewright.engine.api.Lineage.SAMPLE_EVERY;
        nextId = (nextId + every - 1) / every * every;
        return newMessage(at);
    }

    /** A copy of {@code m} with a new id, counted as produced. */
    public Message copy(Message m, Entity at) {
        Message c = m.copy(nextId++);
        produced++;
        if (watched(m)) {
            hop(m, at, "copied", "as message " + c.id);
        }
        if (watched(c)) {
            hop(c, at, "copied", "from message " + m.id);
        }
        return c;
    }

    /** {@code m} finished normally at {@code at}. */
    public void complete(Message m, Entity at) {
        completed++;
        at.stats.completed++;
        at.stats.endToEnd.record(now() - m.createdAt);
        if (watched(m)) {
            hop(m, at, "completed", "");
        }
    }

    /** {@code m} was consumed from a dead-letter queue by a consumer without output. */
    public void consumeDeadLetter(Message m, Entity at) {
        deadLetterConsumed++;
        at.stats.completed++;
        at.stats.endToEnd.record(now() - m.createdAt);
        if (watched(m)) {
            hop(m, at, "completed", "consumed from a dead-letter queue");
        }
    }

    /** A queue refused a publish (reject-publish, reject-publish-dlx): a source with confirms is nacked. */
    void refusePublish() {
        refusedPublishes++;
    }

    /** Publishes refused so far; a source compares it before and after it publishes. */
    long refusedPublishes() {
        return refusedPublishes;
    }

    public void drop(Message m, Entity at, String why) {
        dropped++;
        at.stats.dropped++;
        if (watched(m)) {
            hop(m, at, "dropped", why);
        }
    }

    public void expire(Message m, Entity at) {
        expired++;
        at.stats.expired++;
        if (watched(m)) {
            hop(m, at, "expired", "");
        }
    }

    public void filter(Message m, Entity at, String why) {
        filtered++;
        at.stats.filtered++;
        if (watched(m)) {
            hop(m, at, "filtered", why);
        }
    }

    /** Sets (or with null clears) the listener told about every message event. */
    public void setMessageEvents(MessageEvents listener) {
        events = listener;
    }

    /**
     * True when {@link #hop} wants to hear about {@code m}: a sampled message, or every one while
     * a {@link MessageEvents} listener is set. Callers check it first so that without a listener
     * an unsampled message costs no detail strings.
     */
    public boolean watched(Message m) {
        return events != null || m.traced();
    }

    /** Records a hop of a watched message; callers check {@link #watched(Message)} first. */
    public void hop(Message m, Entity at, String event, String detail) {
        if (m.traced()) {
            lineage.record(m.id, new Hop(now(), at.nodeId(), event, detail));
        }
        if (events != null) {
            events.onMessageEvent(new MessageEvent(now(), MessageEvent.name(event), at.nodeId(), m.id,
                    m.deliveryCount, detail));
        }
    }

    /**
     * Records a hop of a watched message whose detail is {@code head + middle + number}: for the
     * lineage the text is made only if it is read. Callers check {@link #watched(Message)} first.
     */
    public void hop(Message m, Entity at, String event, String head, String middle, long number) {
        if (m.traced()) {
            lineage.record(m.id, now(), at.nodeId(), event, head, middle, number);
        }
        if (events != null) {
            events.onMessageEvent(new MessageEvent(now(), MessageEvent.name(event), at.nodeId(), m.id,
                    m.deliveryCount, head + middle + number));
        }
    }

    public LineageBook lineage() {
        return lineage;
    }

    public long putClaim(JsonNode payload, int size) {
        long token = nextClaim++;
        claims.put(token, new Claim(payload, size));
        return token;
    }

    public Claim takeClaim(long token) {
        return claims.remove(token);
    }

    /** The conservation account right now. */
    public Conservation conservation() {
        long waiting = 0;
        long inFlight = 0;
        long deadLettered = deadLetterConsumed;
        for (Entity e : entities.values()) {
            waiting += e.waitingCount();
            inFlight += e.inFlightCount();
            deadLettered += e.deadLetterCount();
        }
        return new Conservation(produced, completed, deadLettered, expired, dropped, filtered, waiting, inFlight);
    }
}
