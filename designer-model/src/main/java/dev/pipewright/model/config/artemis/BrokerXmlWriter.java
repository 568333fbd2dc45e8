// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import dev.pipewright.model.Broker;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.RetryTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a flow as a {@code broker.xml}: an anycast address with one queue per queue and
 * dead-letter queue, an address setting per queue, a multicast address per topic, and a divert
 * per topic binding, and a parking address and queue per retrying dead-letter queue.
 * docs/configuration.md has the mapping and its sources.
 */
final class BrokerXmlWriter {
    /** {@code max-redelivery-delay} for "no cap": Artemis caps at ten times the delay unless told. */
    static final long NO_CAP_MILLIS = dev.pipewright.model.Durations.MAX.toMillis();

    private final Flow flow;
    private final List<Finding> warnings = new ArrayList<>();
    private final Map<String, String> address = new HashMap<>();
    private final StringBuilder out = new StringBuilder(4096);
    private final Map<String, Node> nodes;
    /** Queue id to the node it dead-letters to. */
    private final Map<String, String> deadLetterOf = new HashMap<>();
    /** Queue id to the node its expired messages go to (its expiry address), where it has an 'expired' wire. */
    private final Map<String, String> expiredOf = new HashMap<>();
    /** Queue id to the edges that feed it. */
    private final Map<String, List<Edge>> incoming = new HashMap<>();
    /** Queue id to the body of its address setting. */
    private final Map<String, String> body = new HashMap<>();
    /** Queue id to the topic it is a multicast queue of. */
    private final Map<String, String> multicastOf = new HashMap<>();
    /** Topic id to its multicast queues' shared address setting. */
    private final Map<String, String> topicBody = new HashMap<>();
    /** Retrying dead-letter queue id to its parking address (and queue), written after it. */
    private final Map<String, String> parkedOf = new HashMap<>();

    private BrokerXmlWriter(Flow flow) {
        this.flow = flow;
        this.nodes = flow.nodesById();
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.DEAD_LETTER) {
                deadLetterOf.put(e.from(), e.to());
            } else if (e.fromPort() == Port.EXPIRED) {
                expiredOf.put(e.from(), e.to());
            }
            incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
    }

    static Exported write(Flow flow) {
        BrokerXmlWriter w = new BrokerXmlWriter(flow);
        w.nameAddresses();
        w.placeQueues();
        w.retryTopology();
        w.document();
        return new Exported(w.out.toString(), w.warnings);
    }

    private void warn(String nodeId, String message, String fix) {
        warnings.add(new Finding(Severity.WARNING, nodeId, null, message, fix));
    }

    private void info(String nodeId, String message, String fix) {
        warnings.add(new Finding(Severity.INFO, nodeId, null, message, fix));
    }

    /**
     * Every queue and topic gets an address named as the node; a name Artemis would read as a
     * wildcard ({@code #}, {@code *}), a fully qualified queue name ({@code ::}), with characters
     * XML cannot hold, or taken already, is changed, with a warning.
     */
    private void nameAddresses() {
        Set<String> used = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (!(n instanceof QueueSettings) && !(n instanceof Topic)) {
                info(n.id(), n.kind().displayName().toLowerCase() + " '" + n.name() + "' is application code, not"
                        + " broker configuration; the broker.xml leaves it out", null);
                continue;
            }
            String clean = n.name().replace("::", "__").replace('#', '_').replace('*', '_');
            clean = Xml.clean(clean, '_');
            String name = clean;
            for (int i = 2; !used.add(name); i++) {
                name = clean + "-" + i;
            }
            if (!name.equals(n.name())) {
                warn(n.id(), "'" + n.name() + "' is exported as address '" + name + "': Artemis reads # and * as"
                        + " wildcards and :: as a queue name, XML cannot hold control characters, and addresses"
                        + " must be unique", "rename the node so its name is unique and plain");
            }
            address.put(n.id(), name);
        }
    }

    /**
     * A queue fed by one topic only becomes a multicast queue of that topic's address, the way
     * Artemis models a subscription. Address settings apply to addresses, so the queues of one
     * topic that share their settings (the largest such group) share the topic's address setting;
     * the others keep an anycast address of their own, fed by a divert.
     */
    private void placeQueues() {
        Map<String, List<QueueSettings>> candidates = new LinkedHashMap<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                body.put(q.id(), settingBody(q));
                List<Edge> in = incoming.getOrDefault(q.id(), List.of());
                if (in.size() == 1 && in.getFirst().fromPort() == Port.OUT && nodes.get(in.getFirst().from()) instanceof Topic) {
                    candidates.computeIfAbsent(in.getFirst().from(), k -> new ArrayList<>()).add(q);
                }
            }
        }
        for (Map.Entry<String, List<QueueSettings>> e : candidates.entrySet()) {
            // The largest group with one body wins (the first on a tie); the others get diverts.
            Map<String, Integer> groups = new LinkedHashMap<>();
            e.getValue().forEach(q -> groups.merge(body.get(q.id()), 1, Integer::sum));
            String shared = null;
            for (Map.Entry<String, Integer> g : groups.entrySet()) {
                if (shared == null || g.getValue() > groups.get(shared)) {
                    shared = g.getKey();
                }
            }
            for (QueueSettings q : e.getValue()) {
                if (body.get(q.id()).equals(shared)) {
                    multicastOf.put(q.id(), e.getKey());
                }
            }
            topicBody.put(e.getKey(), shared);
            if (groups.size() > 1) {
                Topic t = (Topic) nodes.get(e.getKey());
                info(t.id(), "some queues of topic '" + t.name() + "' have settings of their own, and Artemis keeps"
                        + " settings per address: those get their own anycast address, fed by a divert", null);
            }
        }
    }

    /**
     * A retrying dead-letter queue gets a parking address and queue ({@link RetryTopology}); the
     * delay needs nothing on the server, as a scheduled delivery (JMS delivery delay) carries it.
     * A note says what Artemis does alone; a warning names each retry that is not written.
     */
    private void retryTopology() {
        Set<String> used = new HashSet<>(address.values());
        Set<String> planned = new HashSet<>();
        for (RetryTopology.Retry r : RetryTopology.of(flow)) {
            DeadLetterQueue d = r.dlq();
            planned.add(d.id());
            String dlq = address.get(d.id());
            String parked = RetryTopology.parkedName(dlq);
            if (!used.add(parked)) {
                retryNotWritten(d, "its parking address would be '" + parked + "', the name of another address",
                        "rename one of them");
                continue;
            }
            parkedOf.put(d.id(), parked);
            long ms = Math.max(1, d.retryAfter().toMillis());
            info(d.id(), "queue '" + d.name() + "' retries its messages after " + ms + " ms: written with parking address"
                    + " and queue '" + parked + "'. Artemis alone leaves dead letters in '" + dlq + "' (its management"
                    + " operation retryMessages sends them back at once, with no delay and no count): Pipewright's live"
                    + " run sends each back to '" + address.get(r.originId()) + "' as a scheduled delivery after the"
                    + " delay, counting in property pwRetry, and moves it to '" + parked + "' after the last", null);
        }
        for (Node n : flow.nodes()) {
            if (n instanceof DeadLetterQueue d && d.retryAfter() != null && !planned.contains(d.id())) {
                boolean several = RetryTopology.origins(flow, d).size() > 1;
                retryNotWritten(d, several ? "it retries to several queues"
                        : RetryTopology.read(flow, d) ? "consumers read it, and they would take the messages the retry is for"
                        : "no queue dead-letters to it", several ? "give each queue a dead-letter queue of its own"
                        : RetryTopology.read(flow, d) ? null : "wire a queue's dead-letter port to it");
            }
        }
    }

    private void retryNotWritten(DeadLetterQueue d, String why, String fix) {
        warn(d.id(), "queue '" + d.name() + "' retries its messages back to their origin, which Artemis does not do by"
                + " itself, and its retry topology is not written: " + why, fix == null
                ? "move them back with a consumer, or with the management operation retryMessages" : fix);
    }

    private void document() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<!-- ").append(Xml.comment(flow.info().name())).append(": exported by Pipewright. -->\n");
        out.append("<configuration xmlns=\"urn:activemq\"\n")
                .append("               xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("               xsi:schemaLocation=\"urn:activemq /schema/artemis-configuration.xsd\">\n");
        out.append("   <core xmlns=\"urn:activemq:core\">\n");
        out.append("      <!-- The port and protocols 'artemis create' gives; data directories are the server's defaults. -->\n");
        out.append("      <acceptors>\n");
        out.append("         <acceptor name=\"artemis\">tcp://0.0.0.0:61616</acceptor>\n");
        out.append("      </acceptors>\n");
        addressSettings();
        addresses();
        diverts();
        out.append("   </core>\n");
        out.append("</configuration>\n");
    }

    private void addressSettings() {
        out.append("      <address-settings>\n");
        out.append("         <!-- Only the addresses below exist: nothing is created on the fly. -->\n");
        out.append("         <address-setting match=\"#\">\n");
        element(4, "auto-create-queues", "false");
        element(4, "auto-create-addresses", "false");
        out.append("         </address-setting>\n");
        for (Node n : flow.nodes()) {
            String b = n instanceof QueueSettings && !multicastOf.containsKey(n.id()) ? body.get(n.id()) : topicBody.get(n.id());
            if (b != null && !b.isEmpty()) {
                out.append("         <address-setting match=\"").append(Xml.attr(address.get(n.id()))).append("\">\n");
                out.append(b);
                out.append("         </address-setting>\n");
            }
        }
        out.append("      </address-settings>\n");
    }

    /** The body of the queue's address setting; what Artemis cannot hold is warned about, once per queue. */
    private String settingBody(QueueSettings q) {
        StringBuilder sb = new StringBuilder();
        String what = "queue '" + q.name() + "'";
        String deadLetter = deadLetterOf.containsKey(q.id()) ? address.get(deadLetterOf.get(q.id())) : null;
        if (deadLetter != null) {
            element(sb, 4, "dead-letter-address", Xml.text(deadLetter));
        }
        if (expiredOf.containsKey(q.id())) {
            element(sb, 4, "expiry-address", Xml.text(address.get(expiredOf.get(q.id()))));
        } else if (q.messageTtl() != null && deadLetter != null) {
            // Without an 'expired' wire Pipewright dead-letters expired messages; Artemis sends them
            // to the expiry address, so that is the dead-letter address too.
            element(sb, 4, "expiry-address", Xml.text(deadLetter));
        }
        if (q.messageTtl() != null) {
            element(sb, 4, "expiry-delay", Long.toString(Math.max(1, q.messageTtl().toMillis())));
        }
        if (positive(q.redeliveryDelay())) {
            element(sb, 4, "redelivery-delay", Long.toString(q.redeliveryDelay().toMillis()));
        }
        if (q.redeliveryMultiplier() != 1.0) {
            element(sb, 4, "redelivery-delay-multiplier", Double.toString(q.redeliveryMultiplier()));
        }
        if (q.maxRedeliveryDelay() != null) {
            element(sb, 4, "max-redelivery-delay", Long.toString(q.maxRedeliveryDelay().toMillis()));
        } else if (positive(q.redeliveryDelay()) && q.redeliveryMultiplier() > 1) {
            element(sb, 4, "max-redelivery-delay", Long.toString(NO_CAP_MILLIS));
        }
        Integer attempts = deliveryAttempts(q);
        if (attempts != null) {
            element(sb, 4, "max-delivery-attempts", Integer.toString(attempts));
        }
        if (q.maxLength() != null) {
            element(sb, 4, "max-size-messages", Integer.toString(q.maxLength()));
            element(sb, 4, "address-full-policy", fullPolicy(q.overflow()));
            overflowWarnings(q, what);
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            warn(q.id(), what + " delays delivery, which Artemis has no address setting for: a producer schedules"
                    + " each message (_AMQ_SCHED_DELIVERY, or JMS setDeliveryDelay)", "set the delivery delay in the producer");
        }
        if (q.maxPriority() != null && q.maxPriority() > 9) {
            warn(q.id(), what + " has max priority " + q.maxPriority() + ", but Artemis priorities are 0 to 9 on"
                    + " every queue: higher ones count as 9", "use priorities 0 to 9");
        }
        if (q.queueType() != QueueType.CLASSIC) {
            info(q.id(), what + " is a RabbitMQ " + q.queueType().name().toLowerCase() + " queue; Artemis has no queue"
                    + " types and the export writes a plain queue", null);
        }
        return sb.toString();
    }

    /**
     * Under the Artemis profile a queue without a limit runs with Artemis's default of 10 attempts,
     * so nothing is written (the server's default applies); elsewhere no limit means redelivered
     * for ever, Artemis's -1.
     */
    private Integer deliveryAttempts(QueueSettings q) {
        if (q.deliveryLimit() != null) {
            return q.deliveryLimit() == Integer.MAX_VALUE ? -1 : q.deliveryLimit();
        }
        if (flow.info().broker() == Broker.ARTEMIS) {
            return null;
        }
        info(q.id(), "queue '" + q.name() + "' has no delivery limit: written as max-delivery-attempts -1"
                + " (redelivered for ever), as Artemis would otherwise stop after 10", null);
        return -1;
    }

    /** Artemis's {@code address-full-policy} for {@code overflow}; drop-head and reject-publish-dlx are warned about. */
    static String fullPolicy(Overflow overflow) {
        return switch (overflow) {
            case PAGE -> "PAGE";
            case BLOCK -> "BLOCK";
            case DROP_HEAD, DROP_NEW -> "DROP";
            case REJECT_PUBLISH, REJECT_PUBLISH_DLX -> "FAIL";
        };
    }

    private void overflowWarnings(QueueSettings q, String what) {
        if (q.overflow() == Overflow.DROP_HEAD) {
            warn(q.id(), what + " drops its oldest message when full, which Artemis cannot do: the export uses"
                    + " address-full-policy DROP, which drops the new message", "use reject-publish (Artemis FAIL)");
        } else if (q.overflow() == Overflow.REJECT_PUBLISH_DLX) {
            warn(q.id(), what + " dead-letters what it refuses when full, which Artemis cannot do: the export uses"
                    + " address-full-policy FAIL, which only refuses the message", "use reject-publish (Artemis FAIL)");
        }
        if (q.maxLength() == 0) {
            warn(q.id(), what + " has max length 0, which Artemis does not treat as a limit", "use a length of 1 or more");
        }
        info(q.id(), what + ": Artemis's max-size-messages counts every message of the address not yet acknowledged,"
                + " delivered or not", null);
        if (q.overflow() == Overflow.BLOCK) {
            info(q.id(), what + " blocks its producers when full: a core or JMS producer blocks at the limit only with a"
                    + " producer window smaller than a message (producerWindowSize=1 on the connection URL); with the"
                    + " default 64 KiB window its credits let it send past max-size-messages", null);
        }
    }

    private void addresses() {
        Map<String, List<QueueSettings>> subscriptions = new HashMap<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q && multicastOf.containsKey(q.id())) {
                subscriptions.computeIfAbsent(multicastOf.get(q.id()), k -> new ArrayList<>()).add(q);
            }
        }
        out.append("      <addresses>\n");
        for (Node n : flow.nodes()) {
            String name = address.get(n.id());
            if (n instanceof QueueSettings q && !multicastOf.containsKey(q.id())) {
                out.append("         <address name=\"").append(Xml.attr(name)).append("\">\n");
                out.append("            <anycast>\n");
                queue(q, null);
                out.append("            </anycast>\n");
                out.append("         </address>\n");
                String parked = parkedOf.get(q.id());
                if (parked != null) {
                    out.append("         <!-- The parking queue of '").append(Xml.comment(name)).append("': what it does not")
                            .append(" send back any more. -->\n");
                    out.append("         <address name=\"").append(Xml.attr(parked)).append("\">\n");
                    out.append("            <anycast>\n");
                    out.append("               <queue name=\"").append(Xml.attr(parked)).append("\"/>\n");
                    out.append("            </anycast>\n");
                    out.append("         </address>\n");
                }
            } else if (n instanceof Topic t) {
                out.append("         <address name=\"").append(Xml.attr(name)).append("\">\n");
                List<QueueSettings> subs = subscriptions.getOrDefault(t.id(), List.of());
                if (subs.isEmpty()) {
                    out.append("            <multicast/>\n");
                } else {
                    out.append("            <multicast>\n");
                    for (QueueSettings q : subs) {
                        Edge binding = incoming.get(q.id()).getFirst();
                        queue(q, filter(t, binding, (Node) q));
                    }
                    out.append("            </multicast>\n");
                }
                out.append("         </address>\n");
                if (t.routing() == Topic.Routing.DIRECT || t.routing() == Topic.Routing.TOPIC) {
                    info(t.id(), "topic '" + t.name() + "' routes by key: publishers set the message property '"
                            + ArtemisBrokerXml.ROUTING_KEY_PROPERTY + "' to the routing key, which the filters match", null);
                }
                if (!t.durable()) {
                    info(t.id(), "topic '" + t.name() + "' is not durable, but an Artemis address has no durability"
                            + " of its own (its queues have)", null);
                }
            }
        }
        out.append("      </addresses>\n");
    }

    private void queue(QueueSettings q, String filter) {
        out.append("               <queue name=\"").append(Xml.attr(address.get(q.id()))).append('"');
        if (q.singleActiveConsumer()) {
            out.append(" exclusive=\"true\"");
        }
        if (q.durable() && filter == null) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        if (filter != null) {
            out.append("                  <filter string=\"").append(Xml.attr(filter)).append("\"/>\n");
        }
        if (!q.durable()) {
            element(6, "durable", "false");
        }
        out.append("               </queue>\n");
    }

    /** The filter of a binding, warning when it lets more through than the binding would. */
    private String filter(Topic t, Edge e, Node to) {
        RoutingFilter.Result filter = RoutingFilter.of(t.routing(), e.key(), e.headers());
        if (!filter.exact()) {
            warn(t.id(), "the binding from topic '" + t.name() + "' to '" + to.name() + "' with "
                    + (t.routing() == Topic.Routing.HEADERS ? "headers " + e.headers() : "pattern '" + e.key() + "'")
                    + " becomes an Artemis filter that lets more messages through: filters have no word"
                    + " wildcards", "use literal keys, or Artemis address wildcards in the application");
        }
        return filter.filter() == null ? null : Xml.clean(filter.filter(), '_');
    }

    /** One non-exclusive divert per binding: every binding gets a copy, as a RabbitMQ exchange gives. */
    private void diverts() {
        Set<String> names = new HashSet<>();
        List<String> diverts = new ArrayList<>();
        for (Edge e : flow.edges()) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (!(from instanceof Topic t) || to == null || e.fromPort() != Port.OUT || address.get(to.id()) == null) {
                continue;
            }
            if (t.id().equals(multicastOf.get(to.id()))) {
                continue; // a multicast queue of the topic's own address
            }
            String filter = filter(t, e, to);
            String base = Xml.ncName(address.get(t.id()) + ".to." + address.get(to.id()));
            String name = base;
            for (int i = 2; !names.add(name); i++) {
                name = base + "-" + i;
            }
            StringBuilder d = new StringBuilder();
            d.append("         <divert name=\"").append(name).append("\">\n");
            d.append("            <address>").append(Xml.text(address.get(t.id()))).append("</address>\n");
            d.append("            <forwarding-address>").append(Xml.text(address.get(to.id())))
                    .append("</forwarding-address>\n");
            if (filter != null) {
                d.append("            <filter string=\"").append(Xml.attr(filter)).append("\"/>\n");
            }
            d.append("            <exclusive>false</exclusive>\n");
            d.append("            <routing-type>").append(to instanceof Topic ? "MULTICAST" : "ANYCAST")
                    .append("</routing-type>\n");
            d.append("         </divert>\n");
            diverts.add(d.toString());
        }
        if (diverts.isEmpty()) {
            return;
        }
        out.append("      <diverts>\n");
        diverts.forEach(out::append);
        out.append("      </diverts>\n");
    }

    private void element(int depth, String name, String text) {
        element(out, depth, name, text);
    }

    private static void element(StringBuilder sb, int depth, String name, String text) {
        sb.append("   ".repeat(depth)).append('<').append(name).append('>').append(text)
                .append("</").append(name).append(">\n");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero();
    }
}
