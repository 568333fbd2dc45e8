// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.template.PayloadTemplate;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What no live backend runs yet, in the words {@code check} uses: errors for what does not run
 * live, warnings for what runs without one of its properties. A backend adds its own to these.
 */
public final class LiveChecks {
    private LiveChecks() {
    }

    /** The variants a live run's processor stage runs ({@link ProcessorStage}). */
    public static final Set<Processor.Variant> LIVE_VARIANTS = Set.copyOf(EnumSet.of(Processor.Variant.TRANSFORM,
            Processor.Variant.FILTER, Processor.Variant.CONTENT_ROUTER, Processor.Variant.SPLITTER,
            Processor.Variant.IDEMPOTENT_RECEIVER, Processor.Variant.DELAY, Processor.Variant.AGGREGATOR,
            Processor.Variant.RESEQUENCER, Processor.Variant.CLAIM_CHECK_IN, Processor.Variant.CLAIM_CHECK_OUT));

    /**
     * The most inputs one processor client holds unacknowledged: a RabbitMQ channel's prefetch
     * count is 16 bits (AMQP 0-9-1's {@code basic.qos}), and it bounds the client's memory too. The
     * same cap bounds what an aggregator or a resequencer fed by a source or a consumer holds in
     * the memory of that node's client, acknowledged already.
     */
    public static final int MAX_UNACKNOWLEDGED = 65_535;

    /** The findings every live backend shares, one sentence per node, for a backend that runs no processors, replies or duplicates. */
    public static List<Finding> common(Flow flow) {
        return common(flow, false);
    }

    /**
     * The findings every live backend shares, one sentence per node; {@code full} for a backend
     * whose clients run the {@link ProcessorStage}, request/reply and a source's duplicateRate
     * (RabbitMQ and Artemis do): then only what the stage cannot run is refused.
     */
    public static List<Finding> common(Flow flow, boolean full) {
        List<Finding> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            switch (n) {
                case Processor p when full -> out.addAll(processor(flow, p));
                case Processor p -> out.add(error(p, "processors do not run live on this broker yet (they do on RabbitMQ and Artemis); run it in the simulator"));
                case Endpoint e when full -> out.addAll(endpoint(flow, e));
                case Endpoint e -> out.add(error(e, "endpoints do not run live on this broker yet (they do on RabbitMQ and"
                        + " Artemis); run it in the simulator"));
                case MessageStore m when full -> out.addAll(store(flow, m));
                case Consumer c when full -> out.addAll(consumer(flow, c));
                case MessageStore m -> out.add(error(m, "message stores do not run live on this broker yet (they do on"
                        + " RabbitMQ and Artemis); run it in the simulator"));
                case Source s when s.replyQueue() != null && !full ->
                        out.add(error(s, "request/reply does not run live yet; run it in the simulator"));
                case Consumer c when c.replies() && !full ->
                        out.add(error(c, "request/reply does not run live yet; run it in the simulator"));
                case Source s when s.duplicateRate() > 0 && !full -> out.add(new Finding(Severity.WARNING, s.id(), null,
                        "source '" + s.name() + "': duplicateRate is not applied in a live run", null));
                default -> { }
            }
            if (n instanceof Source s && s.payloadTemplate() != null && !s.payloadTemplate().isBlank()) {
                try {
                    new PayloadTemplate(s.payloadTemplate());
                } catch (IllegalArgumentException e) {
                    out.add(error(s, "property 'payloadTemplate': " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * What a live run refuses of processor {@code p}: a variant the stage does not run, an input it
     * is not fed by (a processor takes from a queue, from a source or a consumer, which runs it in
     * its own client, or from another processor that does), an output that is not a queue, topic,
     * processor, endpoint or message store (the processor's client plays those), a loop of
     * processors; for an aggregator or a resequencer, which holds its inputs unacknowledged on their
     * queue (or, fed by a source or a consumer, in that client's memory), another processor as its
     * input, more than one queue, a queue beside a source or consumer, and more to hold than a client may keep.
     */
    static List<Finding> processor(Flow flow, Processor p) {
        List<Finding> out = new ArrayList<>();
        if (!LIVE_VARIANTS.contains(p.variant())) {
            out.add(error(p, "a processor of variant " + p.variant() + " does not run live yet (only "
                    + LIVE_VARIANTS.stream().map(Enum::name).sorted().toList() + " do); run it in the simulator"));
        }
        for (Edge e : flow.edges()) {
            if (!e.to().equals(p.id())) {
                continue;
            }
            Node from = flow.node(e.from()).orElse(null);
            // A consumer runs a processor it is wired to in its own client, as a source does.
            if (from != null && !(from instanceof QueueSettings) && !(from instanceof Processor) && !(from instanceof Source)
                    && !(from instanceof Consumer)) {
                out.add(error(p, "a processor fed by " + aKind(from) + " does not run live yet ('" + from.name()
                        + "'); put a queue in front of the processor, or run it in the simulator"));
            }
        }
        for (Edge e : flow.edges()) {
            Node to = e.from().equals(p.id()) ? flow.node(e.to()).orElse(null) : null;
            if (to != null && !(to instanceof QueueSettings) && !(to instanceof Topic) && !(to instanceof Processor)
                    && !LiveEndpoints.plays(to)) {
                out.add(error(p, "a processor wired to " + aKind(to) + " ('" + to.name() + "') does not run live yet;"
                        + " wire it to a queue, a topic, a processor, an endpoint or a message store, or run it in the"
                        + " simulator"));
            }
        }
        if (ProcessorStage.holds(p)) {
            out.addAll(holder(flow, p));
        }
        if (inLoop(flow, p)) {
            out.add(error(p, "processors wired in a loop do not run live (each runs the next in its own client);"
                    + " put a queue in the loop, or run it in the simulator"));
        }
        return out;
    }

    /**
     * What a live run refuses of endpoint {@code e}: an input other than a source (which plays the
     * endpoint in its own client), a consumer (whose client passes it what it finished), a processor
     * (whose client plays it), a message store or another endpoint's failover port.
     */
    static List<Finding> endpoint(Flow flow, Endpoint e) {
        List<Finding> out = new ArrayList<>();
        for (Edge in : flow.edges()) {
            Node from = in.to().equals(e.id()) ? flow.node(in.from()).orElse(null) : null;
            if (from != null && !(from instanceof Source) && !(from instanceof Consumer) && !(from instanceof Processor)
                    && !LiveEndpoints.plays(from)) {
                out.add(error(e, "an endpoint fed by " + aKind(from) + " ('" + from.name() + "') does not run live yet"
                        + " (only one fed by a source, a consumer, a processor or a message store does); put a consumer"
                        + " in front of it, or run it in the simulator"));
            }
        }
        return out;
    }

    /**
     * What a live run refuses of consumer {@code c}: an output wire to anything but a queue, a
     * topic, a processor, an endpoint or a message store (its client passes a copy of what it
     * finished along each).
     */
    static List<Finding> consumer(Flow flow, Consumer c) {
        List<Finding> out = new ArrayList<>();
        for (Edge e : flow.outgoing(c.id(), dev.pipewright.model.Port.OUT)) {
            Node to = flow.node(e.to()).orElse(null);
            if (to != null && !(to instanceof QueueSettings) && !(to instanceof Topic) && !(to instanceof Processor)
                    && !LiveEndpoints.plays(to)) {
                out.add(error(c, "a consumer wired to " + aKind(to) + " ('" + to.name() + "') does not run live yet;"
                        + " wire it to a queue, a topic, a processor, an endpoint or a message store, or run it in the"
                        + " simulator"));
            }
        }
        return out;
    }

    /**
     * What a live run refuses of message store {@code m}, which the client of what feeds it plays
     * ({@link LiveStores}): an input other than a source, a processor or a consumer, and an output
     * other than one wire to an endpoint.
     */
    static List<Finding> store(Flow flow, MessageStore m) {
        List<Finding> out = new ArrayList<>();
        for (Edge in : flow.edges()) {
            Node from = in.to().equals(m.id()) ? flow.node(in.from()).orElse(null) : null;
            if (from != null && !(from instanceof Source) && !(from instanceof Processor) && !(from instanceof Consumer)) {
                out.add(error(m, "a message store fed by " + aKind(from) + " ('" + from.name() + "') does not run live"
                        + " yet (only one fed by a source, a processor or a consumer does); put a consumer in front of it,"
                        + " or run it in the simulator"));
            }
        }
        List<Edge> outs = flow.outgoing(m.id(), dev.pipewright.model.Port.OUT);
        if (outs.size() != 1 || !(flow.node(outs.getFirst().to()).orElse(null) instanceof Endpoint)) {
            out.add(error(m, "a message store runs live only with one output wire, to an endpoint; wire it so, or run it"
                    + " in the simulator"));
        }
        return out;
    }

    /** What a live run refuses of an aggregator or a resequencer {@code p}, beyond what it refuses of every processor. */
    private static List<Finding> holder(Flow flow, Processor p) {
        List<Finding> out = new ArrayList<>();
        String what = p.variant() == Processor.Variant.AGGREGATOR ? "an aggregator" : "a resequencer";
        long queues = 0;
        Node inClient = null;
        for (Edge e : flow.edges()) {
            Node from = e.to().equals(p.id()) ? flow.node(e.from()).orElse(null) : null;
            if (from instanceof Processor before) {
                out.add(error(p, what + " wired straight from processor '" + before.name() + "' does not run live: it holds"
                        + " its inputs unacknowledged on their queue; put a queue between them, or run it in the simulator"));
            } else if (from instanceof QueueSettings) {
                queues++;
            } else if (from instanceof Source || from instanceof Consumer) {
                inClient = from; // held in the memory of that node's client (ProcessorStage.fromSource, fromConsumer)
            }
        }
        if (queues > 1) {
            out.add(error(p, what + " fed by " + queues + " queues does not run live (its held inputs are settled on one"
                    + " channel or session); feed it from one queue, or run it in the simulator"));
        }
        if (queues > 0 && inClient != null) {
            out.add(error(p, what + " fed by a queue and by " + aKind(inClient) + " ('" + inClient.name() + "') does not"
                    + " run live (it holds the one's inputs unacknowledged on the queue, the other's in memory); feed it"
                    + " from one kind of node, or run it in the simulator"));
        }
        String property = p.variant() == Processor.Variant.AGGREGATOR
                ? "batchSize " + p.batchSize() + " (a live run lets " + ProcessorStage.OPEN_GROUPS + " groups fill at once)"
                : "window " + p.window();
        if (queues == 0 && inClient != null) {
            // Held in the feeding client's memory, acknowledged already: the cap is on that memory, not on a prefetch.
            long held = ProcessorStage.heldLimit(p);
            if (held > MAX_UNACKNOWLEDGED) {
                out.add(error(p, what + " with " + property + " would hold " + held + " messages in the memory of the"
                        + " client of " + aKind(inClient) + " ('" + inClient.name() + "'), and a live run holds at most "
                        + MAX_UNACKNOWLEDGED + " there (a cap on that client's memory); make it smaller, or run it in the"
                        + " simulator"));
            }
            return out;
        }
        long unacked = (long) Math.max(1, p.concurrency()) + ProcessorStage.heldLimit(p);
        if (unacked > MAX_UNACKNOWLEDGED) {
            out.add(error(p, what + " with " + property + " would hold " + unacked + " messages unacknowledged, and a live"
                    + " run holds at most " + MAX_UNACKNOWLEDGED + " (a RabbitMQ channel's prefetch limit); make it smaller,"
                    + " or run it in the simulator"));
        }
        return out;
    }

    /** Whether processor {@code p} reaches itself through processors alone, or through more than {@link ProcessorStage#MAX_CHAIN}. */
    private static boolean inLoop(Flow flow, Processor p) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(p.id()));
        Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String at = todo.poll();
            for (Edge e : flow.edges()) {
                if (e.from().equals(at) && flow.node(e.to()).orElse(null) instanceof Processor next) {
                    if (next.id().equals(p.id()) || seen.size() >= ProcessorStage.MAX_CHAIN) {
                        return true;
                    }
                    if (seen.add(next.id())) {
                        todo.add(next.id());
                    }
                }
            }
        }
        return false;
    }

    /** "a queue", "an endpoint": node {@code n}'s kind with its article, for a sentence. */
    private static String aKind(Node n) {
        String kind = n.kind().displayName().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /** An error naming the node by kind and name: "queue 'orders': WHAT". */
    public static Finding error(Node n, String what) {
        return new Finding(Severity.ERROR, n.id(), null, n.kind().displayName().toLowerCase(Locale.ROOT) + " '"
                + n.name() + "': " + what, null);
    }
}
