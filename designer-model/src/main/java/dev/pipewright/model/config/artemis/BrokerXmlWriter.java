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
 * per topic binding. docs/configuration.md has the mapping and its sources.
 */
final class BrokerXmlWriter {
    /** {@code max-redelivery-delay} for "no cap": Artemis caps at ten times the delay unless told. */
    static final long NO_CAP_MILLIS = dev.pipewright.model.Durations.MAX.toMillis();

    private final Flow flow;
    private final List<Finding> warnings = new ArrayList<>();
    private final Map<String, String> address = new HashMap<>();
    private final StringBuilder out = new StringBuilder(4096);

    private BrokerXmlWriter(Flow flow) {
        this.flow = flow;
    }

    static Exported write(Flow flow) {
        BrokerXmlWriter w = new BrokerXmlWriter(flow);
        w.nameAddresses();
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
            if (n instanceof QueueSettings q) {
                out.append("         <address-setting match=\"").append(Xml.attr(address.get(n.id()))).append("\">\n");
                setting(q);
                out.append("         </address-setting>\n");
            }
        }
        out.append("      </address-settings>\n");
    }

    private void setting(QueueSettings q) {
        String what = "queue '" + q.name() + "'";
        String deadLetter = null;
        for (Edge e : flow.outgoing(q.id(), Port.DEAD_LETTER)) {
            deadLetter = address.get(e.to());
        }
        if (deadLetter != null) {
            element(4, "dead-letter-address", Xml.text(deadLetter));
        }
        if (q.messageTtl() != null) {
            if (deadLetter != null) {
                // Pipewright dead-letters expired messages; Artemis sends them to the expiry address.
                element(4, "expiry-address", Xml.text(deadLetter));
            }
            element(4, "expiry-delay", Long.toString(Math.max(1, q.messageTtl().toMillis())));
        }
        if (positive(q.redeliveryDelay())) {
            element(4, "redelivery-delay", Long.toString(q.redeliveryDelay().toMillis()));
        }
        if (q.redeliveryMultiplier() != 1.0) {
            element(4, "redelivery-delay-multiplier", Double.toString(q.redeliveryMultiplier()));
        }
        if (q.maxRedeliveryDelay() != null) {
            element(4, "max-redelivery-delay", Long.toString(q.maxRedeliveryDelay().toMillis()));
        } else if (positive(q.redeliveryDelay()) && q.redeliveryMultiplier() > 1) {
            element(4, "max-redelivery-delay", Long.toString(NO_CAP_MILLIS));
        }
        element(4, "max-delivery-attempts", Integer.toString(deliveryAttempts(q)));
        if (q.maxLength() != null) {
            element(4, "max-size-messages", Integer.toString(q.maxLength()));
            element(4, "address-full-policy", q.overflow() == Overflow.DROP_HEAD ? "DROP" : "FAIL");
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
        if (q instanceof DeadLetterQueue d && d.retryAfter() != null) {
            warn(q.id(), what + " retries its messages back to their origin, which Artemis does not do by itself",
                    "move them back with a consumer, or with the management operation retryMessages");
        }
    }

    /**
     * Under the Artemis profile a queue without a limit runs with Artemis's default of 10 attempts,
     * so that is written; elsewhere no limit means redelivered for ever, Artemis's -1.
     */
    private int deliveryAttempts(QueueSettings q) {
        if (q.deliveryLimit() != null) {
            return q.deliveryLimit() == Integer.MAX_VALUE ? -1 : q.deliveryLimit();
        }
        if (flow.info().broker() == Broker.ARTEMIS) {
            return 10;
        }
        info(q.id(), "queue '" + q.name() + "' has no delivery limit: written as max-delivery-attempts -1"
                + " (redelivered for ever), as Artemis would otherwise stop after 10", null);
        return -1;
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
    }

    private void addresses() {
        out.append("      <addresses>\n");
        for (Node n : flow.nodes()) {
            String name = address.get(n.id());
            if (n instanceof QueueSettings q) {
                out.append("         <address name=\"").append(Xml.attr(name)).append("\">\n");
                out.append("            <anycast>\n");
                out.append("               <queue name=\"").append(Xml.attr(name)).append('"');
                if (q.singleActiveConsumer()) {
                    out.append(" exclusive=\"true\"");
                }
                if (q.durable()) {
                    out.append("/>\n");
                } else {
                    out.append(">\n");
                    element(6, "durable", "false");
                    out.append("               </queue>\n");
                }
                out.append("            </anycast>\n");
                out.append("         </address>\n");
            } else if (n instanceof Topic t) {
                out.append("         <address name=\"").append(Xml.attr(name)).append("\">\n");
                out.append("            <multicast/>\n");
                out.append("         </address>\n");
                if (!t.durable()) {
                    info(t.id(), "topic '" + t.name() + "' is not durable, but an Artemis address has no durability"
                            + " of its own (its queues have)", null);
                }
            }
        }
        out.append("      </addresses>\n");
    }

    /** One non-exclusive divert per binding: every binding gets a copy, as a RabbitMQ exchange gives. */
    private void diverts() {
        Map<String, Node> nodes = flow.nodesById();
        Set<String> names = new HashSet<>();
        List<String> diverts = new ArrayList<>();
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        for (Edge e : flow.edges()) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (!(from instanceof Topic t) || to == null || e.fromPort() != Port.OUT || address.get(to.id()) == null) {
                continue;
            }
            RoutingFilter.Result filter = RoutingFilter.of(t.routing(), e.key(), e.headers());
            if (!filter.exact()) {
                warn(t.id(), "the binding from topic '" + t.name() + "' to '" + to.name() + "' with "
                        + (t.routing() == Topic.Routing.HEADERS ? "headers " + e.headers() : "pattern '" + e.key() + "'")
                        + " becomes an Artemis filter that lets more messages through: filters have no word"
                        + " wildcards", "use literal keys, or Artemis address wildcards in the application");
            }
            String base = Xml.ncName(address.get(t.id()) + ".to." + address.get(to.id()));
            String name = base;
            for (int i = 2; !names.add(name); i++) {
                name = base + "-" + i;
            }
            perTopic.merge(t.id(), 1, Integer::sum);
            StringBuilder d = new StringBuilder();
            d.append("         <divert name=\"").append(name).append("\">\n");
            d.append("            <address>").append(Xml.text(address.get(t.id()))).append("</address>\n");
            d.append("            <forwarding-address>").append(Xml.text(address.get(to.id())))
                    .append("</forwarding-address>\n");
            if (filter.filter() != null) {
                d.append("            <filter string=\"").append(Xml.attr(Xml.clean(filter.filter(), '_'))).append("\"/>\n");
            }
            d.append("            <exclusive>false</exclusive>\n");
            d.append("            <routing-type>").append(to instanceof Topic ? "MULTICAST" : "ANYCAST")
                    .append("</routing-type>\n");
            d.append("         </divert>\n");
            diverts.add(d.toString());
        }
        for (Map.Entry<String, Integer> e : perTopic.entrySet()) {
            Topic t = (Topic) nodes.get(e.getKey());
            if (t.routing() != Topic.Routing.FANOUT && t.routing() != Topic.Routing.HEADERS) {
                info(t.id(), "topic '" + t.name() + "' routes by key: publishers set the message property '"
                        + ArtemisBrokerXml.ROUTING_KEY_PROPERTY + "' to the routing key, which the diverts' filters match", null);
            }
        }
        if (diverts.isEmpty()) {
            return;
        }
        out.append("      <diverts>\n");
        diverts.forEach(out::append);
        out.append("      </diverts>\n");
    }

    private void element(int depth, String name, String text) {
        out.append("   ".repeat(depth)).append('<').append(name).append('>').append(text)
                .append("</").append(name).append(">\n");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero();
    }
}
