// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A running external system: handles {@code concurrency} messages at a time (the rest wait in
 * line), each completing here after its processing time. While down (in one of its down windows,
 * or taken down by hand) it refuses new messages: the node wired to its failover port gets them
 * instead; without one (or if that refuses too) the sender keeps the message: a message store
 * retries it later, any other sender counts it dropped at this endpoint. Work already accepted is
 * finished.
 */
public final class EndpointEntity extends Entity {
    private static final int DONE = 1;
    private static final int WINDOW_START = 2;
    private static final int WINDOW_END = 3;

    private Endpoint model;
    private DurationSampler processing;
    private final ArrayDeque<Message> line = new ArrayDeque<>();
    private List<Link> failover = List.of();
    private int busy;
    private int windowsOpen;
    private boolean manualDown;

    public EndpointEntity(World world, Node node) {
        super(world, node);
        this.model = (Endpoint) node;
        this.processing = new DurationSampler(model.processingTime());
    }

    @Override
    protected void start() {
        failover = outs(Port.FAILOVER);
        for (Endpoint.DownWindow w : model.downWindows()) {
            world.kernel().scheduleAt(QueueEntity.seconds(w.from()), this, WINDOW_START, null, 0);
            world.kernel().scheduleAt(QueueEntity.seconds(w.until()), this, WINDOW_END, null, 0);
        }
    }

    public boolean isDown() {
        return manualDown || windowsOpen > 0;
    }

    public void setDown(boolean down) {
        manualDown = down;
    }

    @Override
    public boolean offer(Message m, Link via) {
        if (isDown()) {
            if (world.watched(m)) {
                world.hop(m, this, "refused", failover.isEmpty() ? "down" : "down, failing over");
            }
            for (Link l : failover) {
                if (l.send(m)) {
                    return true;
                }
            }
            return false;
        }
        stats.in++;
        if (busy < model.concurrency()) {
            begin(m);
        } else {
            line.addLast(m);
        }
        return true;
    }

    private void begin(Message m) {
        busy++;
        world.kernel().schedule(processing.sample(rng), this, DONE, m, Double.doubleToRawLongBits(world.now()));
    }

    @Override
    public void handle(int type, Object subject, long arg) {
        switch (type) {
            case DONE -> {
                busy--;
                stats.out++;
                stats.timeInNode.record(world.now() - Double.longBitsToDouble(arg));
                world.complete((Message) subject, this);
                while (busy < model.concurrency() && !line.isEmpty()) {
                    begin(line.pollFirst());
                }
            }
            case WINDOW_START -> windowsOpen++;
            case WINDOW_END -> windowsOpen--;
            default -> throw new IllegalStateException("endpoint " + id + " got unknown event " + type);
        }
    }

    @Override
    public long inFlightCount() {
        return busy + line.size();
    }

    @Override
    public void updateGauges() {
        stats.inFlight = inFlightCount();
        stats.busy = busy;
        stats.idle = Math.max(0, model.concurrency() - busy);
        stats.up = !isDown();
    }

    @Override
    public String restartReason(Node changed) {
        if (!((Endpoint) changed).downWindows().equals(model.downWindows())) {
            return "the down windows of endpoint '" + id + "' changed; that needs a restart";
        }
        return null;
    }

    @Override
    public void reconfigure(Node changed) {
        model = (Endpoint) changed;
        processing = new DurationSampler(model.processingTime());
        while (busy < model.concurrency() && !line.isEmpty()) {
            begin(line.pollFirst());
        }
    }

    @Override
    public String eventName(int type) {
        return switch (type) {
            case DONE -> "done";
            case WINDOW_START -> "down";
            default -> "up";
        };
    }
}
