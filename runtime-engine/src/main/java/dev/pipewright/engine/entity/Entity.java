// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.kernel.EventHandler;
import dev.pipewright.engine.stats.NodeCounters;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The running form of one node of a flow (the model record is the definition, this is the
 * runtime, as Camel's reifiers make a processor from a definition). Each kind holds its own
 * messages and keeps count of them, so the engine can check the conservation law.
 */
public abstract class Entity implements EventHandler {
    protected final World world;
    protected final String id;
    protected final NodeCounters stats;
    protected final SplittableRandom rng;
    protected final List<Link> outs = new ArrayList<>();
    protected final List<Link> ins = new ArrayList<>();

    protected Entity(World world, Node node) {
        this.world = world;
        this.id = node.id();
        this.stats = new NodeCounters(node.id(), node.kind());
        this.rng = world.randomFor(node.id());
    }

    @Override
    public String nodeId() {
        return id;
    }

    public NodeCounters stats() {
        return stats;
    }

    /** Called once every entity exists and every link is attached. */
    protected void start() {
    }

    void attachOut(Link link) {
        outs.add(link);
    }

    void attachIn(Link link) {
        ins.add(link);
    }

    /** The outgoing links from {@code port}, in flow order. */
    protected List<Link> outs(Port port) {
        List<Link> list = new ArrayList<>();
        for (Link l : outs) {
            if (l.port() == port) {
                list.add(l);
            }
        }
        return list;
    }

    /** The queues that feed this entity, in flow order (what a consumer or processor pulls from). */
    protected List<QueueEntity> inputQueues() {
        List<QueueEntity> list = new ArrayList<>();
        for (Link l : ins) {
            if (l.from() instanceof QueueEntity q) {
                list.add(q);
            }
        }
        return list;
    }

    /**
     * Takes a message arriving along {@code via} (null when it comes without an edge, e.g. a reply
     * or a retry). Returns false when the entity refuses it; the sender still owns it then.
     */
    public abstract boolean offer(Message m, Link via);

    /** Messages at rest here that count as waiting (see the conservation law). */
    public long waitingCount() {
        return 0;
    }

    /** Messages here that count as in flight. */
    public long inFlightCount() {
        return 0;
    }

    /** Messages here that count as dead-lettered (dead-letter queues only). */
    public long deadLetterCount() {
        return 0;
    }

    /** Sets the gauges of {@link #stats} from the current state, before a snapshot or sample. */
    public void updateGauges() {
        stats.inFlight = inFlightCount();
    }

    /**
     * Why {@code changed} cannot be applied to this running entity, or null when it can. Only the
     * node's own properties differ; the flow's structure is the same.
     */
    public String restartReason(Node changed) {
        return null;
    }

    /** Takes changed properties of the node, carrying on from the current state. */
    public abstract void reconfigure(Node changed);

    /**
     * Sends {@code m} to every link, copying it for the second link on (each copy is a new
     * message). A refused message is dropped at the refusing node. Links must not be empty.
     */
    protected void emitAll(Message m, List<Link> links) {
        int n = links.size();
        if (n == 1) {
            sendOrDrop(links.getFirst(), m);
            return;
        }
        Message[] copies = new Message[n];
        copies[0] = m;
        for (int i = 1; i < n; i++) {
            copies[i] = world.copy(m, this);
        }
        for (int i = 0; i < n; i++) {
            sendOrDrop(links.get(i), copies[i]);
        }
    }

    /**
     * The full blocking queue (overflow block) that {@code m} would reach if sent here now, or null
     * for none: a source waits while there is one. Queues and topics answer; other kinds take a
     * message in and do not pass the question on. {@code via} is the wire it would come by;
     * {@code hops} bounds the search along topics.
     */
    QueueEntity blockingQueue(Message m, Link via, int hops) {
        return null;
    }

    protected void sendOrDrop(Link link, Message m) {
        if (!link.send(m)) {
            world.drop(m, link.to(), "refused");
        }
    }

    /** Sends to {@code links}, or completes the message here when there are none. */
    protected void emitOrComplete(Message m, List<Link> links) {
        if (links.isEmpty()) {
            world.complete(m, this);
        } else {
            emitAll(m, links);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + id + ")";
    }
}
