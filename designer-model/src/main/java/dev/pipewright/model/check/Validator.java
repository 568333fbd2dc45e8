// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.Wiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds what stops a flow from running as designed: wires that cannot exist, consumers with no
 * queue, several dead-letter targets, reply queues that are not queues, routes that match nothing
 * and cycles a message could go round forever. Mostly errors; a few warnings (a binding that can
 * match nothing) that do not block a run.
 */
public final class Validator {
    private Validator() {
    }

    /** The findings for {@code flow}, in flow order. */
    public static List<Finding> validate(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        List<Finding> out = new ArrayList<>();
        Map<String, Node> nodes = flow.nodesById();
        List<Edge> valid = new ArrayList<>();
        for (Edge e : flow.edges()) {
            checkEdge(e, nodes, out).ifPresent(valid::add);
        }
        Wires wires = new Wires(valid);
        for (Node n : flow.nodes()) {
            List<Edge> in = wires.in(n.id());
            List<Edge> outgoing = wires.out(n.id());
            switch (n) {
                case Consumer c -> checkConsumer(c, in, nodes, out);
                case Source s -> checkReplyQueue(s, nodes, out);
                case Processor p when p.variant() == Processor.Variant.CONTENT_ROUTER -> checkRoutes(p, outgoing, out);
                case Topic t -> checkBindings(t, outgoing, out);
                case DeadLetterQueue d -> checkRetryOrigin(d, in, nodes, out);
                // No default: a new kind must say here whether it has checks of its own.
                case Processor p -> {
                }
                case Queue q -> {
                }
                case MessageStore m -> {
                }
                case Endpoint e -> {
                }
            }
            checkSingleTarget(n, wires.out(n.id(), Port.DEAD_LETTER), Port.DEAD_LETTER, "dead-letter target", out);
            checkSingleTarget(n, wires.out(n.id(), Port.EXPIRED), Port.EXPIRED, "expiry target", out);
            checkSingleTarget(n, wires.out(n.id(), Port.ERROR), Port.ERROR, "error target", out);
            checkSingleTarget(n, wires.out(n.id(), Port.FAILOVER), Port.FAILOVER, "failover target", out);
        }
        out.addAll(Cycles.unlimitedCycles(flow, valid));
        return out;
    }

    /** The edge if both ends exist and may be wired, else a finding and empty. */
    private static Optional<Edge> checkEdge(Edge e, Map<String, Node> nodes, List<Finding> out) {
        Node from = nodes.get(e.from());
        Node to = nodes.get(e.to());
        if (from == null || to == null) {
            String missing = from == null ? e.from() : e.to();
            out.add(Finding.error(null, e.id(), "the wire " + (from == null ? "comes from" : "goes to") + " node '"
                    + missing + "', which is not in this flow", "remove the wire or add the node"));
            return Optional.empty();
        }
        Optional<String> refusal = Wiring.refusal(from, e.fromPort(), to);
        if (refusal.isPresent()) {
            out.add(Finding.error(from.id(), e.id(), "the wire from " + describe(from) + " to " + describe(to)
                    + " cannot be: " + refusal.get(), "remove the wire and connect a node that fits"));
            return Optional.empty();
        }
        return Optional.of(e);
    }

    private static void checkConsumer(Consumer c, List<Edge> in, Map<String, Node> nodes, List<Finding> out) {
        List<Edge> fromQueues = in.stream().filter(e -> nodes.get(e.from()).kind().isQueueLike()).toList();
        if (fromQueues.isEmpty()) {
            out.add(Finding.error(c.id(), null, describe(c) + " has no queue wired into it, so it never receives a message",
                    "wire the 'out' port of a queue to it"));
        } else if (fromQueues.size() > 1) {
            List<String> names = fromQueues.stream().map(e -> "'" + nodes.get(e.from()).name() + "'").toList();
            out.add(Finding.error(c.id(), fromQueues.get(1).id(), describe(c) + " is wired from " + fromQueues.size()
                    + " queues (" + listed(names) + "); a consumer reads one queue",
                    "keep one wire and add another consumer for the other queue"));
        }
    }

    private static void checkReplyQueue(Source s, Map<String, Node> nodes, List<Finding> out) {
        if (s.replyQueue() == null) {
            return;
        }
        Node reply = nodes.get(s.replyQueue());
        if (reply == null || !reply.kind().isQueueLike()) {
            out.add(Finding.error(s.id(), null, describe(s) + " waits for replies on '" + s.replyQueue() + "', which is "
                    + (reply == null ? "not in this flow" : "a " + reply.kind().displayName().toLowerCase() + ", not a queue"),
                    "set its reply queue to the id of a queue in this flow, or clear it"));
        }
    }

    private static void checkRoutes(Processor p, List<Edge> outgoing, List<Finding> out) {
        String routes = listed(List.copyOf(p.routes().keySet()));
        for (Edge e : outgoing) {
            if (e.fromPort() != Port.OUT) {
                continue;
            }
            if (e.key() == null) {
                out.add(Finding.warning(p.id(), e.id(), "a wire from content router '" + p.name()
                        + "' has no route name, so no message takes it",
                        "name it after a route (" + routes + ") or 'default'"));
            } else if (!e.key().equals("default") && !p.routes().containsKey(e.key())) {
                out.add(Finding.error(p.id(), e.id(), "a wire from content router '" + p.name() + "' is for route '"
                        + e.key() + "', which the router does not have",
                        "use one of its routes (" + routes + ") or 'default'"));
            }
        }
    }

    private static void checkBindings(Topic t, List<Edge> outgoing, List<Finding> out) {
        for (Edge e : outgoing) {
            boolean keyed = t.routing() == Topic.Routing.DIRECT || t.routing() == Topic.Routing.TOPIC;
            if (keyed && e.key() == null) {
                out.add(Finding.warning(t.id(), e.id(), "a binding of " + t.routing().name().toLowerCase()
                        + " topic '" + t.name() + "' has no key, so it only takes messages with an empty routing key",
                        t.routing() == Topic.Routing.TOPIC ? "give the binding a key, e.g. 'orders.*' or '#' for all"
                                : "give the binding the routing key it should take"));
            }
            if (t.routing() == Topic.Routing.HEADERS && e.headers().keySet().stream().allMatch(k -> k.startsWith("x-"))) {
                out.add(Finding.warning(t.id(), e.id(), "a binding of headers topic '" + t.name()
                        + "' has no header to match", "add the headers the binding should match"));
            }
        }
    }

    private static void checkRetryOrigin(DeadLetterQueue d, List<Edge> in, Map<String, Node> nodes, List<Finding> out) {
        if (d.retryAfter() == null) {
            return;
        }
        boolean fed = in.stream().anyMatch(e -> e.fromPort() == Port.DEAD_LETTER || e.fromPort() == Port.EXPIRED
                || nodes.get(e.from()) instanceof Topic);
        if (!fed) {
            out.add(Finding.warning(d.id(), null, "dead-letter queue '" + d.name() + "' retries messages to the queue"
                    + " they came from, but no queue dead-letters into it", "wire a queue's 'dead-letter' port to it,"
                    + " or clear its retry"));
        }
    }

    private static void checkSingleTarget(Node n, List<Edge> edges, Port port, String what, List<Finding> out) {
        if (edges.size() > 1) {
            out.add(Finding.error(n.id(), edges.get(1).id(), describe(n) + " has " + edges.size() + " wires from its '"
                    + port.word() + "' port; it can have one " + what, "remove all but one of them"));
        }
    }

    /** Names joined by commas, the first ten only when there are more, so a message stays a few lines. */
    static String listed(List<String> names) {
        if (names.size() <= 10) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
    }

    /** "queue 'Orders'": the kind and the name a person sees on the canvas. */
    static String describe(Node n) {
        return n.kind().displayName().toLowerCase() + " '" + n.name() + "'";
    }
}
