// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A running store-and-forward: keeps every message it receives, in order, and forwards them one
 * at a time to the node wired to its output (the first, if several are). A forwarding attempt
 * takes {@code forwardTime}; when the target refuses (a down endpoint, a full reject-publish
 * queue) the store waits {@code retryInterval} and tries the same message again, so order is
 * kept. After {@code maxAttempts} the message is given up (counted dropped: a store has no
 * dead-letter port) and, with {@code deactivateOnFailure}, the store stops forwarding: its messages
 * wait until the run is reset or the store is reconfigured.
 */
final class MessageStoreEntity extends Entity {
    private static final int ATTEMPT = 1;

    private MessageStore model;
    private DurationSampler forwardTime;
    private final ArrayDeque<Message> stored = new ArrayDeque<>();
    private final ArrayDeque<Double> storedAt = new ArrayDeque<>();
    private List<Link> outputs = List.of();
    private boolean forwarding;
    private boolean active = true;
    private int attempts;
    private long attemptGeneration;

    public MessageStoreEntity(World world, Node node) {
        super(world, node);
        this.model = (MessageStore) node;
        this.forwardTime = new DurationSampler(model.forwardTime());
    }

    @Override
    protected void start() {
        outputs = outs(Port.OUT);
    }

    @Override
    public boolean offer(Message m, Link via) {
        stats.in++;
        stored.addLast(m);
        storedAt.addLast(world.now());
        if (world.watched(m)) {
            world.hop(m, this, "stored", "");
        }
        forwardNext(0);
        return true;
    }

    private void forwardNext(double wait) {
        if (forwarding || !active || stored.isEmpty() || outputs.isEmpty()) {
            return;
        }
        forwarding = true;
        world.kernel().schedule(wait + forwardTime.sample(rng), this, ATTEMPT, stored.peekFirst(), ++attemptGeneration);
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        if (type != ATTEMPT || arg != attemptGeneration || stored.peekFirst() != subject) {
            return;
        }
        forwarding = false;
        Message m = stored.pollFirst();
        double since = storedAt.pollFirst();
        attempts++;
        if (outputs.getFirst().send(m)) {
            stats.out++;
            stats.timeInNode.record(world.now() - since);
            attempts = 0;
            forwardNext(0);
            return;
        }
        stats.failed++;
        if (model.maxAttempts() != null && attempts >= model.maxAttempts()) {
            attempts = 0;
            world.drop(m, this, "given up after " + model.maxAttempts() + " forwarding attempts");
            if (model.deactivateOnFailure()) {
                active = false;
                return;
            }
            forwardNext(0);
            return;
        }
        if (world.watched(m)) {
            world.hop(m, this, "retried", "attempt " + attempts + " refused");
        }
        stored.addFirst(m);
        storedAt.addFirst(since);
        forwardNext(QueueEntity.seconds(model.retryInterval()));
    }

    @Override
    public long waitingCount() {
        return stored.size();
    }

    @Override
    public void updateGauges() {
        stats.ready = stored.size();
        stats.inFlight = 0;
        stats.up = active;
    }

    @Override
    public void reconfigure(Node changed) {
        model = (MessageStore) changed;
        forwardTime = new DurationSampler(model.forwardTime());
        active = true;
        forwardNext(0);
    }

    @Override
    public String eventName(int type) {
        return "forward-attempt";
    }
}
