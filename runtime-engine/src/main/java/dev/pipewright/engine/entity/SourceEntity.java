// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running source: publishes messages with constant, Poisson or burst spacing, up to its message
 * limit, with priorities drawn from its mix, routing keys in turn, a payload from its template,
 * and sometimes a duplicate (same origin id). With a reply queue it waits for each request's reply:
 * a reply that comes back in time counts as a reply, one that does not as timed out. It takes the
 * replies itself when no consumer is wired to the reply queue.
 */
public final class SourceEntity extends Entity implements Subscriber {
    private static final int ARRIVAL = 1;
    private static final int REPLY_TIMEOUT = 2;
    private static final int FLOOD_END = 3;

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
    }

    @Override
    protected void start() {
        outputs = outs(Port.OUT);
        if (model.replyQueue() != null && world.entity(model.replyQueue()) instanceof QueueEntity q
                && !q.hasWiredSubscribers()) {
            q.addSubscriber(this, null);
        }
        scheduleNextArrival();
    }

    /** The rate in force now: the model's (or the one set while running), times any flood. */
    public double effectiveRate() {
        return (rateOverride >= 0 ? rateOverride : model.rate()) * floodFactor;
    }

    private void scheduleNextArrival() {
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
                int n = model.arrival() == Source.Arrival.BURSTS ? model.burstSize() : 1;
                // A burst stops early when the run holds all the messages it may (the run then stops).
                for (int i = 0; i < n && !limitReached() && !world.messageLimitReached(); i++) {
                    publishOne();
                }
                scheduleNextArrival();
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

    private void publishOne() {
        published++;
        Message m = world.newMessage(this);
        m.sequence = ++sequence;
        m.headers = model.headers();
        m.size = model.payloadSize();
        if (priorities.length > 0) {
            m.priority = drawPriority();
        }
        List<String> keys = model.routingKeys();
        if (!keys.isEmpty()) {
            m.routingKey = keys.get(routingKeyIndex++ % keys.size());
        }
        if (template != null) {
            m.payload = template.next(m.sequence, rng);
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
        boolean duplicate = model.duplicateRate() > 0 && rng.nextDouble() < model.duplicateRate();
        Message twin = duplicate ? world.copy(m, this) : null;
        send(m);
        if (twin != null) {
            send(twin);
        }
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
        stats.out++;
        if (world.watched(m)) {
            world.hop(m, this, "published", m.routingKey == null ? "" : "key " + m.routingKey);
        }
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
        if (old.rate() != model.rate() || old.arrival() != model.arrival() || old.burstSize() != model.burstSize()
                || !java.util.Objects.equals(old.messageLimit(), model.messageLimit())) {
            scheduleNextArrival();
        }
    }

    @Override
    public void updateGauges() {
        stats.inFlight = 0;
        stats.up = effectiveRate() > 0 && !limitReached();
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case ARRIVAL -> "arrival";
            case REPLY_TIMEOUT -> "reply-timeout";
            case FLOOD_END -> "flood-end";
            default -> "event-" + type;
        };
    }
}
