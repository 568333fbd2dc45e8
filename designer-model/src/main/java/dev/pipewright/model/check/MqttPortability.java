// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.util.List;
import java.util.Map;

/**
 * What a design loses moving to MQTT, and what an MQTT design loses moving away from it. MQTT has
 * no per-queue dead-letter queue, no priorities, no nack or requeue, and no queue TTL; an MQTT
 * design says its QoS, retained messages and expiry in {@link MqttHeaders}, which other brokers do
 * not read. The rules and their sources (the MQTT 3.1.1 and 5.0 specifications, Mosquitto's
 * documentation) are in {@code docs/brokers.md}.
 */
final class MqttPortability {
    private MqttPortability() {
    }

    /** The findings of {@code flow} under the MQTT profile. */
    static void intoMqtt(Flow flow, List<Finding> out) {
        for (Node n : flow.nodes()) {
            switch (n) {
                case DeadLetterQueue d -> out.add(Finding.warning(d.id(), null, "dead-letter queue '" + d.name()
                        + "' has no counterpart on MQTT: a broker keeps no dead letters", "drop it, or have the"
                        + " consumer publish what it cannot process to an error topic"));
                case QueueSettings q -> queue(flow, q, out);
                case Consumer c -> consumer(c, out);
                case Source s -> source(flow, s, out);
                case Topic t -> topic(flow, t, out);
                default -> {
                }
            }
        }
    }

    private static void queue(Flow flow, QueueSettings q, List<Finding> out) {
        String name = "queue '" + q.name() + "'";
        if (q.maxPriority() != null) {
            out.add(Finding.warning(q.id(), null, name + " has priorities, but MQTT messages have none: they are"
                    + " delivered in the order they were published", "use one topic per priority"));
        }
        if (q.deliveryLimit() != null) {
            out.add(Finding.warning(q.id(), null, name + " has a delivery limit, but MQTT has none: a message is"
                    + " sent again only after a disconnect, for ever", "leave the delivery limit empty"));
        }
        if (!flow.outgoing(q.id(), Port.DEAD_LETTER).isEmpty() || !flow.outgoing(q.id(), Port.EXPIRED).isEmpty()) {
            out.add(Finding.warning(q.id(), null, name + " has a dead-letter or expiry wire, but MQTT has no"
                    + " dead-letter queue: expired messages are deleted and nothing is dead-lettered",
                    "remove the wire"));
        }
        if (q.messageTtl() != null) {
            out.add(Finding.warning(q.id(), null, name + " has a message TTL, but an MQTT session has none: only a"
                    + " message's own expiry applies (the simulation ignores the queue's TTL under MQTT)",
                    "give the source the header " + MqttHeaders.EXPIRY + " (seconds, MQTT 5)"));
        }
        if ((q.deliveryDelay() != null && !q.deliveryDelay().isZero())
                || (q.redeliveryDelay() != null && !q.redeliveryDelay().isZero())) {
            out.add(Finding.warning(q.id(), null, name + " delays deliveries, which MQTT cannot do", "remove the delay"));
        }
        if (q.maxLength() != null) {
            out.add(Finding.info(q.id(), null, name + " has a max length; Mosquitto's is max_queued_messages per"
                    + " client (1000 by default), beyond which it drops new QoS 1 and 2 messages", null));
        }
        if (!q.durable()) {
            out.add(Finding.info(q.id(), null, name + " is not durable, so under MQTT its client starts clean: while"
                    + " it is disconnected nothing is kept for it", "make it durable for a persistent session"));
        }
    }

    private static void consumer(Consumer c, List<Finding> out) {
        boolean fails = c.failureRate() > 0 || c.failFirstAttempts() != null || c.failWhen() != null;
        if (fails && c.onFailure() != Consumer.FailureAction.REJECT) {
            out.add(Finding.warning(c.id(), null, "consumer '" + c.name() + "' " + (c.onFailure()
                    == Consumer.FailureAction.REQUEUE ? "requeues" : "dead-letters") + " what fails, but MQTT has no"
                    + " nack: the client acknowledges a message it could not process, and it is gone",
                    "publish failures to an error topic from the consumer"));
        }
    }

    private static void source(Flow flow, Source s, List<Finding> out) {
        String name = "source '" + s.name() + "'";
        boolean toTopic = flow.outgoing(s.id(), Port.OUT).stream()
                .anyMatch(e -> e.key() == null && flow.node(e.to()).orElse(null) instanceof Topic);
        boolean named = !s.routingKeys().isEmpty() || s.script().stream().allMatch(m -> m.key() != null) && s.scripted();
        if (toTopic && !named) {
            out.add(Finding.warning(s.id(), null, name + " publishes to a topic without a topic name, so no"
                    + " subscription matches its messages", "give it routing keys: the topic names it publishes to"));
        }
        boolean priorities = s.priorityMix().size() > 1
                || s.script().stream().anyMatch(m -> m.priority() != null && m.priority() != 0);
        if (priorities) {
            out.add(Finding.warning(s.id(), null, name + " publishes priorities, but MQTT messages have none",
                    "publish each priority to its own topic"));
        }
        headers(s.id(), name, s.headers(), out);
        for (ScriptedMessage m : s.script()) {
            headers(s.id(), name, m.headers(), out);
        }
        for (String key : s.routingKeys()) {
            if (key.isEmpty() || key.indexOf('+') >= 0 || key.indexOf('#') >= 0) {
                out.add(Finding.warning(s.id(), null, name + " publishes to '" + key + "', which is not an MQTT topic"
                        + " name (not empty, no + or #)", "name the topic without wildcards"));
                return;
            }
        }
    }

    private static void headers(String id, String name, Map<String, String> headers, List<Finding> out) {
        String qos = headers.get(MqttHeaders.QOS);
        if (qos != null && !MqttHeaders.validQos(qos)) {
            out.add(Finding.warning(id, null, name + " says " + MqttHeaders.QOS + " '" + qos + "', but a QoS is 0, 1"
                    + " or 2: it publishes at QoS " + MqttHeaders.DEFAULT_QOS, "write 0, 1 or 2"));
        }
        String expiry = headers.get(MqttHeaders.EXPIRY);
        if (expiry != null && MqttHeaders.expirySeconds(headers) < 0) {
            out.add(Finding.warning(id, null, name + " says " + MqttHeaders.EXPIRY + " '" + expiry + "', which is not"
                    + " a number of seconds from 1 to 4294967295: its messages do not expire", "write whole seconds"));
        }
    }

    private static void topic(Flow flow, Topic t, List<Finding> out) {
        if (t.routing() != Topic.Routing.TOPIC) {
            out.add(Finding.info(t.id(), null, "topic '" + t.name() + "' routes by " + t.routing().name().toLowerCase(
                    java.util.Locale.ROOT) + ", but under MQTT every wire from it is a topic filter", null));
        }
        for (Edge e : flow.outgoing(t.id(), Port.OUT)) {
            String problem = MqttTopicFilter.problem(e.key());
            if (problem != null) {
                out.add(Finding.warning(t.id(), e.id(), "the subscription '" + (e.key() == null ? "" : e.key())
                        + "' from topic '" + t.name() + "' is not one MQTT accepts: " + problem,
                        "write a filter such as sensors/+/temperature, or # for every topic"));
            }
            String qos = e.headers().get(MqttHeaders.QOS);
            if (qos != null && !MqttHeaders.validQos(qos)) {
                out.add(Finding.warning(t.id(), e.id(), "the subscription '" + e.key() + "' says " + MqttHeaders.QOS
                        + " '" + qos + "', but a QoS is 0, 1 or 2: it subscribes at QoS " + MqttHeaders.DEFAULT_QOS,
                        "write 0, 1 or 2"));
            }
        }
    }

    /** What an MQTT design loses on {@code target}, another broker. */
    static void leavingMqtt(Flow flow, Broker target, List<Finding> out) {
        // A flow with no profile checked by the generic rules is not leaving anything; an MQTT design is.
        if (target == Broker.GENERIC && flow.info().broker() != Broker.MQTT) {
            return;
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Source s) {
                boolean retain = MqttHeaders.retain(s.headers()) || s.script().stream().anyMatch(m -> MqttHeaders.retain(m.headers()));
                if (retain) {
                    out.add(Finding.warning(s.id(), null, "source '" + s.name() + "' publishes retained messages, which "
                            + target.label() + " does not have: a subscriber that comes later gets nothing published"
                            + " before it", "keep the last value in a queue of length 1 (RabbitMQ: x-max-length 1)"));
                }
                if (s.headers().containsKey(MqttHeaders.QOS) || s.headers().containsKey(MqttHeaders.EXPIRY)) {
                    out.add(Finding.info(s.id(), null, "source '" + s.name() + "' states an MQTT QoS or expiry in its"
                            + " headers, which " + target.label() + " reads as plain headers: a delivery is"
                            + " acknowledged as its consumer's ack mode says, and an expiry needs a message TTL", null));
                }
            } else if (n instanceof Topic t) {
                for (Edge e : flow.outgoing(t.id(), Port.OUT)) {
                    String key = e.key();
                    if (key != null && (key.startsWith(MqttTopicFilter.SHARE) || key.indexOf('/') >= 0
                            || key.indexOf('+') >= 0)) {
                        out.add(Finding.warning(t.id(), e.id(), "the binding '" + key + "' from topic '" + t.name()
                                + "' is an MQTT filter; " + target.label() + " matches dotted words with * and #,"
                                + " and has no $share subscriptions", "write the pattern with . and *, and let"
                                + " consumers share one queue instead of $share"));
                    }
                }
            }
        }
    }
}
