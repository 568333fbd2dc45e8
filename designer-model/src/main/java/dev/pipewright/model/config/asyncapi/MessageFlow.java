// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which messages reach which node: a source's messages travel along every wire, through queues,
 * topics, consumers and the processors that pass them on unchanged; a processor that makes new
 * payloads (transform, splitter, aggregator, claim check) sends its own message instead; a
 * request's reply arrives on the source's reply queue. A channel's messages, and so every
 * operation's, come from here. Each (node, message) pair is visited once, and there are at most
 * {@link #MAX_PAIRS}, so the work stays linear in the wires times that bound.
 */
final class MessageFlow {
    /** Node-message pairs followed; beyond it the channels' message lists are left incomplete. */
    static final int MAX_PAIRS = 200_000;

    /** Where a message comes from. */
    enum Origin {
        /** Published by a source. */
        SOURCE,
        /** The reply to a source's request, sent by a consumer. */
        REPLY,
        /** Made by a processor that changes the payload. */
        PROCESSED
    }

    /**
     * One kind of message in the flow.
     *
     * @param origin what makes it
     * @param nodeId the source or processor it belongs to
     */
    record Message(Origin origin, String nodeId) {
    }

    private record Visit(Node node, Message message) {
    }

    private final Map<String, Node> nodes;
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private final Map<String, Set<Message>> arriving = new HashMap<>();
    private final ArrayDeque<Visit> work = new ArrayDeque<>();
    private int pairs;
    private boolean truncated;

    private MessageFlow(Flow flow) {
        nodes = flow.nodesById();
        for (Edge e : flow.edges()) {
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Source s) {
                Message m = new Message(Origin.SOURCE, s.id());
                for (Edge e : outgoing.getOrDefault(s.id(), List.of())) {
                    arrive(e.to(), m);
                }
                if (s.replyQueue() != null && nodes.get(s.replyQueue()) instanceof QueueSettings) {
                    arrive(s.replyQueue(), new Message(Origin.REPLY, s.id()));
                }
            }
        }
        while (!work.isEmpty() && !truncated) {
            Visit v = work.poll();
            pass(v.node(), v.message());
        }
    }

    /** Follows every message of {@code flow} to every node it reaches. */
    static MessageFlow of(Flow flow) {
        return new MessageFlow(flow);
    }

    /** True for the processors whose output is a new payload rather than the message they took. */
    static boolean makesNewPayload(Processor p) {
        return switch (p.variant()) {
            case TRANSFORM, SPLITTER, AGGREGATOR, CLAIM_CHECK_IN, CLAIM_CHECK_OUT -> true;
            default -> false;
        };
    }

    /** The messages that reach node {@code id}, in the order they were found. */
    Set<Message> arriving(String id) {
        return arriving.getOrDefault(id, Set.of());
    }

    /** The messages node {@code id} sends by {@code port}. */
    Set<Message> sent(String id, Port port) {
        if (nodes.get(id) instanceof Source) {
            return Set.of(new Message(Origin.SOURCE, id));
        }
        if (port == Port.OUT && nodes.get(id) instanceof Processor p && makesNewPayload(p)) {
            return arriving(id).isEmpty() ? Set.of() : Set.of(new Message(Origin.PROCESSED, id));
        }
        return arriving(id);
    }

    /** True when the flow had more than {@link #MAX_PAIRS} node-message pairs and some were not followed. */
    boolean truncated() {
        return truncated;
    }

    private void pass(Node node, Message m) {
        for (Edge e : outgoing.getOrDefault(node.id(), List.of())) {
            boolean changes = e.fromPort() == Port.OUT && node instanceof Processor p && makesNewPayload(p);
            arrive(e.to(), changes ? new Message(Origin.PROCESSED, node.id()) : m);
        }
    }

    private void arrive(String nodeId, Message m) {
        Node target = nodes.get(nodeId);
        if (target == null || truncated) {
            return; // a dangling wire: the validator reports it
        }
        if (arriving.computeIfAbsent(nodeId, k -> new LinkedHashSet<>()).add(m)) {
            if (++pairs > MAX_PAIRS) {
                truncated = true;
                return;
            }
            work.add(new Visit(target, m));
        }
    }
}
