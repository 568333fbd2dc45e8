// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.engine.api.Death;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.kernel.Kernel;
import dev.pipewright.engine.template.PayloadTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One message in a running simulation. Kept small, because a backlog may hold millions: the
 * headers map is shared with the source that set it, a templated payload is kept as the values
 * drawn for its placeholders (one {@code long}) and made into a JSON tree each time it is read,
 * and the dead-letter history exists only when used. Mutable, and only touched on the engine
 * thread.
 */
final class Message implements Kernel.Identified {
    /** The engine's unique id; copies get new ones. */
    public final long id;
    /** The publisher's message id: shared by a duplicate publish and by topic copies. */
    public long originId;
    /** The request a reply answers, or the message a part was split from; -1 for none. */
    public long correlationId = -1;
    /** Per-source sequence number (1, 2, ...), or the part number of a split. */
    public long sequence;
    /** Virtual seconds when the message was created (for end-to-end latency). */
    public double createdAt;
    /** Virtual seconds when it became ready in its current queue (for TTL and queue wait). */
    public double enqueuedAt;
    /** Position in its current queue; requeued messages go back to their position. */
    public long queueSeq;
    /** Deliveries by its current queue. */
    public int deliveryCount;
    public int priority;
    public int size;
    /** Its own time to live in seconds (RabbitMQ's {@code expiration}), or -1 for none; a queue takes the lower of it and its own. */
    public double ttl = -1;
    /** Its own delivery delay in seconds, replacing the queue's, or -1 for the queue's. */
    public double delay = -1;
    /** Bumped when a message leaves a state, so timer events scheduled for the old state are ignored. */
    public int generation;
    public String routingKey;
    /** Queue id replies go to, or null. */
    public String replyTo;
    public Map<String, String> headers;
    /**
     * The JSON payload (a {@link JsonNode}), or the {@link PayloadTemplate} whose placeholders
     * {@link #drawn} fills in, or null for an opaque body of {@code size} bytes. One field for
     * both, because every message pays for each field: 4 MB a reference in a million-message backlog.
     */
    private Object payload;
    /** The values drawn for a templated payload's placeholders, packed by the template. */
    private long drawn;
    /** The queue that delivered it to the consumer or processor now holding it, or null. */
    public QueueEntity deliveredBy;
    /** Whether {@link #deliveredBy} still counts it as unacknowledged. */
    public boolean unacked;
    /** SQS: its visibility timeout ended while a consumer held it, so the queue has a copy again; deleting or failing this one changes nothing. */
    public boolean visibleAgain;
    /** MQTT: this delivery's QoS (the lower of publish and subscription), set by the subscription's queue; -1 elsewhere. */
    public int qos = -1;
    /** Dead-letter history, most recent first (as RabbitMQ's x-death); null until first dead-lettered. */
    public List<Death> deaths;

    public Message(long id) {
        this.id = id;
        this.originId = id;
    }

    /** A copy with a new id: same origin, headers, payload (shared; payloads are never mutated) and history. */
    public Message copy(long newId) {
        Message c = new Message(newId);
        c.originId = originId;
        c.correlationId = correlationId;
        c.sequence = sequence;
        c.createdAt = createdAt;
        c.priority = priority;
        c.size = size;
        c.ttl = ttl;
        c.delay = delay;
        c.routingKey = routingKey;
        c.replyTo = replyTo;
        c.headers = headers;
        c.payload = payload;
        c.drawn = drawn;
        c.deaths = deaths == null ? null : new ArrayList<>(deaths);
        return c;
    }

    /** True when the message has a JSON payload (made or still to be made from its template). */
    public boolean hasPayload() {
        return payload != null;
    }

    /**
     * The JSON payload, or null for an opaque body. A templated payload is made anew from the
     * drawn values on every call (not kept, so a waiting message stays small): read it once per use.
     */
    public JsonNode payload() {
        return payload instanceof PayloadTemplate template ? template.payload(sequence, drawn) : (JsonNode) payload;
    }

    /** Sets the payload (null for an opaque body), replacing any templated one. */
    public void setPayload(JsonNode payload) {
        this.payload = payload;
        this.drawn = 0;
    }

    /**
     * Gives this new message (its sequence number already set) its payload from {@code template}:
     * the shared tree of a template without placeholders, else the packed draws when they fit in a
     * {@code long}, else the tree made now.
     */
    void fillPayload(PayloadTemplate template, SplittableRandom rng) {
        JsonNode shared = template.constant();
        if (shared != null) {
            setPayload(shared);
        } else if (template.packable()) {
            this.payload = template;
            this.drawn = template.draw(rng);
        } else {
            setPayload(template.next(sequence, rng));
        }
    }

    /** True when the engine keeps this message's lineage. */
    public boolean traced() {
        return Lineage.sampled(id);
    }

    @Override
    public long traceId() {
        return id;
    }

    /** Records a dead-lettering as RabbitMQ's x-death does; returns the new count for (queue, reason). */
    public long addDeath(String reason, String queue, double now) {
        if (deaths == null) {
            deaths = new ArrayList<>(2);
        }
        long count = 1;
        for (int i = 0; i < deaths.size(); i++) {
            Death d = deaths.get(i);
            if (d.reason().equals(reason) && d.queue().equals(queue)) {
                count = d.count() + 1;
                deaths.remove(i);
                break;
            }
        }
        deaths.addFirst(new Death(reason, queue, count, now));
        return count;
    }

    /** How often it was dead-lettered from {@code queue}, for any reason. */
    public long deathsFrom(String queue) {
        long n = 0;
        if (deaths != null) {
            for (Death d : deaths) {
                if (d.queue().equals(queue)) {
                    n += d.count();
                }
            }
        }
        return n;
    }
}
