// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a design loses moving to NATS JetStream (priorities, dead-letter and expiry wires, overflow
 * policies other than discard old or new, delivery delay, several consumer nodes on one stream,
 * header routing), and what a NATS design loses moving away from it (limits retention, the
 * {@code Nats-Msg-Id} duplicate window, the 30 s {@code ack_wait}). See {@link NatsLimits} for how
 * a queue's properties map onto a stream and its consumer; the rules and their sources are in
 * {@code docs/brokers.md}, "NATS JetStream".
 */
final class NatsPortability {
    private NatsPortability() {
    }

    /** Every finding of {@code flow} for {@code target}: into NATS when it is NATS, else what a NATS design loses there. */
    static void findings(Flow flow, Broker target, List<Finding> out) {
        if (target == Broker.NATS) {
            Map<String, Integer> consumers = consumersPerQueue(flow);
            for (Node n : flow.nodes()) {
                switch (n) {
                    case QueueSettings q -> intoNats(flow, q, consumers.getOrDefault(q.id(), 0), out);
                    case Topic t -> topic(t, out);
                    default -> {
                    }
                }
            }
        } else if (flow.info().broker() == Broker.NATS) {
            for (Node n : flow.nodes()) {
                switch (n) {
                    case QueueSettings q -> leavingNats(q, target, out);
                    case Source s -> source(s, target, out);
                    default -> {
                    }
                }
            }
        }
    }

    private static Map<String, Integer> consumersPerQueue(Flow flow) {
        Map<String, Node> byId = flow.nodesById();
        Map<String, Integer> count = new HashMap<>();
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.OUT && byId.get(e.from()) instanceof QueueSettings
                    && byId.get(e.to()) instanceof Consumer) {
                count.merge(e.from(), 1, Integer::sum);
            }
        }
        return count;
    }

    private static String stream(QueueSettings q) {
        return "queue '" + q.name() + "'";
    }

    private static void intoNats(Flow flow, QueueSettings q, int consumerNodes, List<Finding> out) {
        String name = stream(q);
        if (consumerNodes > 1) {
            out.add(NatsLimits.limitsRetention(q)
                    ? Finding.error(q.id(), null, name + " is read by " + consumerNodes + " consumer nodes: on a NATS"
                    + " stream with limits retention each durable consumer gets every message, which the simulator"
                    + " does not run as competing consumers", "give each reader a queue bound to one topic, or use one"
                    + " consumer node with more instances")
                    : Finding.error(q.id(), null, name + " is read by " + consumerNodes + " consumer nodes, but a NATS"
                    + " work-queue stream refuses a second consumer on the same subjects (error 10099)",
                    "use one consumer node with more instances"));
        }
        if (q.maxPriority() != null) {
            out.add(Finding.warning(q.id(), null, name + " has priorities, but JetStream has none: a stream delivers"
                    + " in sequence order", "use one stream per priority"));
        }
        if (!flow.outgoing(q.id(), Port.DEAD_LETTER).isEmpty()) {
            out.add(Finding.warning(q.id(), null, name + " has a dead-letter wire, but JetStream has no dead-letter"
                    + " queue: at max_deliver the message stays in the stream and the server publishes an advisory on "
                    + NatsLimits.MAX_DELIVERIES_ADVISORY + ".<stream>.<consumer>; the simulator shows the message"
                    + " as a listener of that advisory would republish it", "run a service that copies each advised"
                    + " message (by its stream sequence) to the dead-letter stream"));
        } else if (q.deliveryLimit() == null) {
            out.add(Finding.info(q.id(), null, name + " has no delivery limit: JetStream's max_deliver is unlimited"
                    + " unless set, so a message that keeps failing is delivered for ever", "set a delivery limit"));
        }
        if (!flow.outgoing(q.id(), Port.EXPIRED).isEmpty()) {
            out.add(Finding.warning(q.id(), null, name + " has an expiry wire, but a stream deletes what max_age"
                    + " expires: the wire carries nothing", "remove the wire"));
        }
        if (q.maxLength() != null && q.overflow() != Overflow.DROP_HEAD && q.overflow() != Overflow.REJECT_PUBLISH) {
            out.add(Finding.warning(q.id(), null, name + " overflows with " + q.overflow().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', '-') + ", but a full stream only discards its oldest message"
                    + " (discard old) or refuses the publish (discard new)", "use drop-head or reject-publish"));
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            out.add(Finding.warning(q.id(), null, name + " delays delivery, which JetStream 2.9 cannot do: a stored"
                    + " message is deliverable at once", "remove the delay, or have the consumer nak with a delay"));
        }
        if (q.queueType() == QueueType.QUORUM) {
            out.add(Finding.info(q.id(), null, name + " is a RabbitMQ quorum queue; the NATS counterpart is a stream"
                    + " replicated on 3 servers (num_replicas 3), whose rules the profile does not change", null));
        }
        if (q.singleActiveConsumer()) {
            out.add(Finding.warning(q.id(), null, name + " has a single active consumer, which JetStream 2.9 lacks:"
                    + " every instance pulls", "use one instance, or prefetch 1 for max_ack_pending 1"));
        }
    }

    private static void topic(Topic t, List<Finding> out) {
        if (t.routing() == Topic.Routing.HEADERS) {
            out.add(Finding.warning(t.id(), null, "topic '" + t.name() + "' routes by headers, but NATS routes by"
                    + " subject only", "route by topic patterns: subjects with * and >"));
        }
    }

    private static void leavingNats(QueueSettings q, Broker target, List<Finding> out) {
        String name = stream(q);
        if (NatsLimits.limitsRetention(q)) {
            out.add(Finding.warning(q.id(), null, name + " is a NATS stream with limits retention: acked messages"
                    + " stay and count toward max_msgs; on " + LeavingProfile.name(target) + " an ack removes the"
                    + " message, so a full stream behaves differently", "make it a classic queue (work-queue retention)"));
        }
        if (q.visibilityTimeout() == null) {
            out.add(Finding.info(q.id(), null, name + " relies on NATS's 30 s ack_wait: a message held longer is"
                    + " delivered again; " + ackTimeout(target), null));
        }
    }

    private static String ackTimeout(Broker target) {
        return switch (target) {
            case SQS -> "SQS's visibility timeout is 30 s too";
            case PUBSUB -> "Pub/Sub's ack deadline is 10 s unless set";
            default -> LeavingProfile.name(target) + " has no such timeout: a slow consumer keeps its message";
        };
    }

    private static void source(Source s, Broker target, List<Finding> out) {
        boolean msgIds = s.headers().containsKey(NatsLimits.MSG_ID_HEADER);
        for (ScriptedMessage m : s.script()) {
            msgIds |= m.headers().containsKey(NatsLimits.MSG_ID_HEADER);
        }
        if (msgIds) {
            out.add(Finding.warning(s.id(), null, "source '" + s.name() + "' sets " + NatsLimits.MSG_ID_HEADER
                    + " for JetStream's 2-minute duplicate window, which " + LeavingProfile.name(target)
                    + " does not read", target == Broker.SQS ? "set MessageDeduplicationId on a FIFO queue"
                    : "deduplicate with an idempotent receiver"));
        }
    }
}
