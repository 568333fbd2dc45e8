// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Node;

/**
 * A running dead-letter queue: a queue whose contents count as dead-lettered. With
 * {@code retryAfter} set, a message that was dead-lettered from a queue goes back to that queue
 * after the delay, as long as it has been dead-lettered from it at most {@code maxRetries} times
 * (its x-death count); otherwise it stays here for this queue's consumers.
 */
final class DeadLetterQueueEntity extends QueueEntity {
    private static final int RETRY = 10;

    private DeadLetterQueue model;

    public DeadLetterQueueEntity(World world, Node node) {
        super(world, node);
        this.model = (DeadLetterQueue) node;
    }

    @Override
    public boolean offer(Message m, Link via) {
        double retryAfter = seconds(model.retryAfter());
        if (retryAfter > 0 && m.deaths != null && !m.deaths.isEmpty()) {
            String origin = m.deaths.getFirst().queue();
            long count = m.deathsFrom(origin);
            if (model.maxRetries() == null || count <= model.maxRetries()) {
                stats.in++;
                scheduled++;
                m.generation++;
                world.kernel().schedule(retryAfter, this, RETRY, m, m.generation);
                if (world.watched(m)) {
                    world.hop(m, this, "scheduled", "retry to " + origin + " in " + retryAfter + "s (retry " + count + ")");
                }
                return true;
            }
        }
        return super.offer(m, via);
    }

    @Override
    protected void handleOther(int type, Object subject, long arg) {
        if (type != RETRY) {
            super.handleOther(type, subject, arg);
            return;
        }
        Message m = (Message) subject;
        if (m.generation != arg) {
            return;
        }
        scheduled--;
        stats.out++;
        String origin = m.deaths.getFirst().queue();
        Entity target = world.entity(origin);
        if (world.watched(m)) {
            world.hop(m, this, "retried", "back to " + origin);
        }
        if (target == null || !target.offer(m, null)) {
            world.drop(m, this, "origin '" + origin + "' refused the retry");
        }
    }

    @Override
    public String eventName(int type) {
        return type == RETRY ? "retry" : super.eventName(type);
    }

    @Override
    public long waitingCount() {
        return 0;
    }

    @Override
    public long inFlightCount() {
        return 0;
    }

    @Override
    public long deadLetterCount() {
        return ready() + unacked() + scheduled();
    }

    @Override
    public void reconfigure(Node changed) {
        model = (DeadLetterQueue) changed;
        super.reconfigure(changed);
    }
}
