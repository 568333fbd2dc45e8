// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.PubSubLimits;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a design loses moving to Google Cloud Pub/Sub, and what a Pub/Sub design loses moving away
 * from it. The rules and their sources (cloud.google.com/pubsub/docs) are in {@code docs/brokers.md}.
 */
final class PubSubPortability {
    private PubSubPortability() {
    }

    private static String subscription(QueueSettings q) {
        return "queue '" + q.name() + "'";
    }

    /**
     * What the checks need of each queue's wires, found in one pass over the edges, so that checking a
     * flow of 10,000 nodes and 50,000 edges costs one pass and not one per queue.
     *
     * @param fedByTopic      queues a topic is bound to
     * @param published       queues something other than a dead-letter wire sends to
     * @param deadLettering   queues with a dead-letter wire
     * @param expiring        queues with an expired wire
     */
    record Wires(Set<String> fedByTopic, Set<String> published, Set<String> deadLettering, Set<String> expiring) {
        static Wires of(Flow flow) {
            Map<String, Node> nodes = flow.nodesById();
            Wires w = new Wires(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            for (Edge e : flow.edges()) {
                if (nodes.get(e.from()) instanceof Topic) {
                    w.fedByTopic.add(e.to());
                }
                if (e.fromPort() != Port.DEAD_LETTER) {
                    w.published.add(e.to());
                }
                if (e.fromPort() == Port.DEAD_LETTER) {
                    w.deadLettering.add(e.from());
                }
                if (e.fromPort() == Port.EXPIRED) {
                    w.expiring.add(e.from());
                }
            }
            return w;
        }
    }

    /** A queue's findings under the Pub/Sub profile: a queue is a pull subscription. */
    static void queue(QueueSettings q, Flow flow, Wires wires, List<Finding> out) {
        String name = subscription(q);
        if (!PubSubNames.valid(q.name())) {
            out.add(Finding.warning(q.id(), null, name + " is not a name Pub/Sub accepts (3 to 255 letters, digits and"
                    + " - _ . ~ + %, starting with a letter, not with goog): the Pub/Sub export names it '"
                    + PubSubNames.of(q.name()) + "'", "rename it"));
        }
        if (q.maxPriority() != null) {
            out.add(Finding.warning(q.id(), null, name + " has priorities, but Pub/Sub has none: messages are"
                    + " delivered without regard to priority", "use one topic or subscription per priority"));
        }
        if (q.maxLength() != null) {
            out.add(Finding.warning(q.id(), null, name + " has a max length, but a Pub/Sub subscription has none: it"
                    + " keeps every message for its retention (the simulation still applies the limit)",
                    "leave the max length empty"));
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            out.add(Finding.warning(q.id(), null, name + " delays delivery, which Pub/Sub cannot do: a message is"
                    + " delivered as soon as it is published (the simulation still delays it)",
                    "leave the delivery delay empty"));
        }
        if (q.singleActiveConsumer()) {
            out.add(Finding.warning(q.id(), null, name + " has a single active consumer, which Pub/Sub does not have:"
                    + " every subscriber client pulls", "enable message ordering (fifo) and give related messages"
                    + " one ordering key"));
        }
        Duration ack = q.visibilityTimeout();
        if (ack != null && (ack.compareTo(PubSubLimits.MIN_ACK_DEADLINE) < 0
                || ack.compareTo(PubSubLimits.MAX_ACK_DEADLINE) > 0)) {
            out.add(Finding.warning(q.id(), null, name + " has an ack deadline (visibility timeout) of "
                    + Durations.format(ack) + ", but Pub/Sub accepts 10s to 600s: the export brings it into that range"
                    + " (the simulation runs it as set)", "choose an ack deadline from 10s to 600s"));
        }
        if (PubSubLimits.push(q) && q.exactlyOnce()) {
            out.add(Finding.warning(q.id(), null, name + " is a push subscription with exactly-once delivery, but"
                    + " Pub/Sub offers exactly-once only to pull subscriptions: it runs and is exported as"
                    + " at-least-once", "leave the push endpoint empty (pull) or turn exactly-once off"));
        }
        boolean deadLetterWire = wires.deadLettering().contains(q.id());
        Integer limit = q.deliveryLimit();
        if (limit != null && (limit < PubSubLimits.MIN_DELIVERY_ATTEMPTS || limit > PubSubLimits.MAX_DELIVERY_ATTEMPTS)) {
            out.add(Finding.warning(q.id(), null, name + " has delivery limit " + limit + ", but Pub/Sub's"
                    + " maxDeliveryAttempts is 5 to 100: the export brings it into that range (the simulation runs"
                    + " it as set)", "choose a delivery limit from 5 to 100"));
        }
        if (limit != null && !deadLetterWire) {
            out.add(Finding.warning(q.id(), null, name + " has a delivery limit but no dead-letter wire: Pub/Sub counts"
                    + " delivery attempts only for a dead-letter topic, so without one a failing message is"
                    + " delivered again until its retention ends", "wire its dead-letter port to a dead-letter queue"));
        }
        if (PubSubLimits.exponentialRetry(q) && (q.redeliveryDelay().compareTo(PubSubLimits.MAX_BACKOFF) > 0
                || PubSubLimits.maxBackoff(q).compareTo(PubSubLimits.MAX_BACKOFF) > 0)) {
            out.add(Finding.warning(q.id(), null, name + " has a redelivery delay or maximum over 600s, but Pub/Sub's"
                    + " retry back-off is 0s to 600s: the export brings it into that range", "delay by 600s or less"));
        }
        if (PubSubLimits.exponentialRetry(q) && q.redeliveryMultiplier() == 1) {
            out.add(Finding.info(q.id(), null, name + " has a constant redelivery delay, but Pub/Sub's retry back-off"
                    + " is exponential from the minimum up to the maximum (600s unless set)",
                    "set the max redelivery delay equal to the delay for a constant one"));
        }
        if (q.messageTtl() != null && (q.messageTtl().compareTo(PubSubLimits.MIN_RETENTION) < 0
                || q.messageTtl().compareTo(PubSubLimits.MAX_RETENTION) > 0)) {
            out.add(Finding.warning(q.id(), null, name + " keeps messages for " + Durations.format(q.messageTtl())
                    + ", but Pub/Sub's message retention is 10 minutes to 31 days", "choose a TTL from 10m to 31d"));
        }
        if (q.messageTtl() != null || wires.expiring().contains(q.id())) {
            out.add(Finding.info(q.id(), null, name + " expires messages; Pub/Sub deletes a message at the end of its"
                    + " subscription's retention, it does not dead-letter it", null));
        }
        if (q.fifo() && flow.info().broker() == Broker.SQS) {
            out.add(Finding.info(q.id(), null, name + " is ordered (fifo): on Pub/Sub that is a subscription with"
                    + " message ordering, ordered per ordering key, without SQS's deduplication window", null));
        }
        if (flow.info().broker() == Broker.SQS && ack == null) {
            out.add(Finding.info(q.id(), null, name + " relies on SQS's 30s visibility timeout; Pub/Sub's ack deadline"
                    + " is 10s unless set", "set the visibility timeout (ack deadline)"));
        }
        if (flow.info().broker() == Broker.SQS && q.messageTtl() == null) {
            out.add(Finding.info(q.id(), null, name + " relies on SQS's 4-day retention; Pub/Sub keeps messages 7 days"
                    + " unless set", "set a message TTL"));
        }
        // A queue fed only by dead-letter wires is a dead-letter topic's subscription, as Pub/Sub has it.
        if (!wires.fedByTopic().contains(q.id()) && wires.published().contains(q.id())) {
            out.add(Finding.info(q.id(), null, name + " is fed without a topic, but Pub/Sub publishes only to topics:"
                    + " the Pub/Sub export gives it a topic of its own, named after it", null));
        }
    }

    /** The findings of a node other than a queue under the Pub/Sub profile. */
    static void node(Node n, List<Finding> out) {
        switch (n) {
            case Topic t when t.routing() == Topic.Routing.DIRECT || t.routing() == Topic.Routing.TOPIC -> out.add(
                    Finding.warning(t.id(), null, "topic '" + t.name() + "' routes by routing key, but Pub/Sub has no"
                    + " routing keys: every subscription gets every message unless a filter on attributes says"
                    + " otherwise (the simulation still routes by key)", "make it a headers topic (bindings become"
                    + " subscription filters) or a fanout topic"));
            case Consumer c when c.onFailure() == Consumer.FailureAction.DEAD_LETTER && fails(c) -> out.add(
                    Finding.warning(c.id(), null, "consumer '" + c.name() + "' dead-letters what fails, but Pub/Sub has"
                    + " no reject: a nacked message is delivered again until maxDeliveryAttempts forwards it to the"
                    + " dead-letter topic", "set a delivery limit on its queue and wire a dead-letter queue"));
            case Consumer c when c.onFailure() == Consumer.FailureAction.REJECT && fails(c) -> out.add(
                    Finding.warning(c.id(), null, "consumer '" + c.name() + "' drops what fails, but a Pub/Sub"
                    + " subscriber can only ack (the message is gone) or nack (it comes back)",
                    "ack failures on purpose, or let them come back (requeue)"));
            case Source s when s.priorityMix().size() > 1 || s.script().stream().anyMatch(m -> m.priority() != null
                    && m.priority() != 0) -> out.add(Finding.warning(s.id(), null, "source '" + s.name()
                    + "' publishes priorities, but Pub/Sub messages have none", "send each priority to its own topic"));
            case Source s when s.script().stream().anyMatch(m -> m.ttl() != null) -> out.add(Finding.warning(
                    s.id(), null, "source '" + s.name() + "' gives messages their own TTL, but Pub/Sub has no"
                    + " per-message expiry: only the subscription's retention applies (the simulation still applies"
                    + " the message's)", "leave it to the subscription's retention"));
            default -> {
            }
        }
    }

    /**
     * Under the generic profile a visibility timeout (ack deadline) and the fifo flag change nothing:
     * the profile requeues a failed message at once and has no message groups or ordering keys.
     */
    static void onGeneric(QueueSettings q, List<Finding> out) {
        if (q.visibilityTimeout() != null || q.fifo()) {
            out.add(Finding.info(q.id(), null, subscription(q) + " has a visibility timeout (ack deadline) or is"
                    + " fifo, but these change the rules only under the sqs and pubsub profiles",
                    "set the flow's broker to sqs or pubsub"));
        }
    }

    /**
     * Exactly-once delivery is a Pub/Sub subscription's setting: elsewhere a message whose consumer
     * acks (deletes) it after the ack deadline or visibility timeout may be processed twice.
     */
    static void exactlyOnceElsewhere(QueueSettings q, Broker target, List<Finding> out) {
        if (PubSubLimits.push(q) && target != Broker.PUBSUB) {
            out.add(Finding.info(q.id(), null, subscription(q) + " is a Pub/Sub push subscription; "
                    + LeavingProfile.name(target) + " does not push to an HTTPS endpoint: its consumer pulls, with"
                    + " no push back-off after failures", "leave the push endpoint empty"));
        }
        if (q.exactlyOnce() && target != Broker.PUBSUB) {
            out.add(Finding.info(q.id(), null, subscription(q) + " has Pub/Sub's exactly-once delivery, which "
                    + LeavingProfile.name(target) + " does not have: a message acked late, or whose consumer"
                    + " crashes, may be processed twice", "make its consumer idempotent (a dedupe processor before it)"));
        }
    }

    /**
     * What a Pub/Sub design's sources lose on SQS, and an SQS design's on Pub/Sub: each groups ordered
     * messages by its own header ({@code orderingKey}, {@code MessageGroupId}), so a message with only
     * the other's is in one group for all on SQS, and not ordered on Pub/Sub.
     */
    static void orderingHeaders(Node n, Broker from, Broker target, List<Finding> out) {
        if (!(n instanceof Source s)) {
            return;
        }
        if (from == Broker.PUBSUB && target == Broker.SQS && carries(s, PubSubLimits.ORDERING_KEY_HEADER)
                && !carries(s, SQS_GROUP_HEADER)) {
            out.add(Finding.info(s.id(), null, "source '" + s.name() + "' gives messages an ordering key (header"
                    + " orderingKey), but SQS groups FIFO messages by MessageGroupId: on SQS they are all one group",
                    "give them a MessageGroupId header too"));
        }
        if (from == Broker.SQS && target == Broker.PUBSUB && carries(s, SQS_GROUP_HEADER)
                && !carries(s, PubSubLimits.ORDERING_KEY_HEADER)) {
            out.add(Finding.info(s.id(), null, "source '" + s.name() + "' gives messages a MessageGroupId, but Pub/Sub"
                    + " orders by ordering key (header orderingKey, else the routing key): on Pub/Sub a message with"
                    + " neither is not ordered", "give them an orderingKey header too"));
        }
    }

    private static final String SQS_GROUP_HEADER = "MessageGroupId";

    private static boolean carries(Source s, String header) {
        return s.headers().containsKey(header) || s.script().stream().anyMatch(m -> m.headers().containsKey(header));
    }

    private static boolean fails(Consumer c) {
        return c.failureRate() > 0 || c.failFirstAttempts() != null || c.failWhen() != null;
    }

    /**
     * What a design made for the Pub/Sub profile loses on {@code target}: the defaults it relied on.
     * What its properties mean elsewhere (a visibility timeout, ordering) the other targets' checks say.
     */
    static void leavingPubSub(QueueSettings q, Broker target, List<Finding> out) {
        if (target == Broker.PUBSUB) {
            return;
        }
        String name = subscription(q);
        String other = LeavingProfile.name(target);
        if (q.visibilityTimeout() == null) {
            out.add(Finding.info(q.id(), null, name + " relies on Pub/Sub's 10s ack deadline; "
                    + (target == Broker.SQS ? "SQS's visibility timeout is 30s unless set"
                    : other + " has none: a consumer holds a message as long as it takes"),
                    target == Broker.SQS ? "set the visibility timeout" : null));
        }
        if (q.messageTtl() == null) {
            out.add(Finding.info(q.id(), null, name + " relies on Pub/Sub's 7-day retention; "
                    + (target == Broker.SQS ? "SQS keeps messages 4 days unless set"
                    : other + " keeps messages until they are consumed"), "set a message TTL"));
        }
        // RabbitMQ's and SQS's own checks say they have no redelivery delay at all.
        if (PubSubLimits.exponentialRetry(q) && q.maxRedeliveryDelay() == null
                && (target == Broker.ARTEMIS || target == Broker.GENERIC)) {
            out.add(Finding.info(q.id(), null, name + " relies on Pub/Sub's 600s maximum back-off; "
                    + (target == Broker.ARTEMIS ? "Artemis caps its redelivery delay at max-redelivery-delay, ten"
                    + " times the delay unless set" : "the generic profile's redelivery delay grows without a cap"),
                    "set a max redelivery delay"));
        }
    }
}
