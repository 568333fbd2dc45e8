// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a design behaves differently on a broker, or cannot be had there, each with the fix. A
 * flow's own profile adds these to its checks; {@code check --target} asks for another broker's.
 * The rules and their sources are in {@code docs/brokers.md}.
 */
public final class Portability {
    private Portability() {
    }

    /** The findings for running {@code flow} on {@code target}; none for the generic profile. */
    public static List<Finding> findings(Flow flow, Broker target) {
        List<Finding> out = new ArrayList<>();
        PubSubPortability.Wires pubSubWires = target == Broker.PUBSUB ? PubSubPortability.Wires.of(flow) : null;
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                switch (target) {
                    case GENERIC -> generic(q, out);
                    case RABBITMQ -> rabbitMq(q, !flow.outgoing(q.id(), Port.EXPIRED).isEmpty(), out);
                    case ARTEMIS -> artemis(q, out);
                    case SQS -> {
                        SqsPortability.queue(q, !flow.outgoing(q.id(), Port.EXPIRED).isEmpty(), out);
                        SqsPortability.fifoThroughput(q, flow, out);
                    }
                    case PUBSUB -> PubSubPortability.queue(q, flow, pubSubWires, out);
                    case MQTT, NATS -> {
                        // MqttPortability and NatsPortability look at the whole flow below.
                    }
                }
                // Pub/Sub has an ack deadline and ordering keys, so an SQS design's losses there are its own checks'.
                if (target != Broker.SQS && target != Broker.PUBSUB) {
                    SqsPortability.leavingSqs(q, target, out);
                }
                if (flow.info().broker() == Broker.PUBSUB) {
                    PubSubPortability.leavingPubSub(q, target, out);
                }
                LeavingProfile.queue(q, flow.info().broker(), target, out);
                PubSubPortability.exactlyOnceElsewhere(q, target, out);
                if (target == Broker.GENERIC) {
                    PubSubPortability.onGeneric(q, out);
                }
            } else if (target == Broker.SQS) {
                SqsPortability.node(n, out);
                SqsPortability.receiveBatch(n, flow.info().broker(), out);
            } else if (target == Broker.PUBSUB) {
                PubSubPortability.node(n, out);
            }
            PubSubPortability.orderingHeaders(n, flow.info().broker(), target, out);
        }
        mqtt(flow, target, out);
        KafkaPortability.findings(flow, target, out);
        NatsPortability.findings(flow, target, out);
        return List.copyOf(out);
    }

    private static void mqtt(Flow flow, Broker target, List<Finding> out) {
        if (target == Broker.MQTT) {
            MqttPortability.intoMqtt(flow, out);
        } else {
            MqttPortability.leavingMqtt(flow, target, out);
        }
    }

    private static String queue(QueueSettings q) {
        return "queue '" + q.name() + "'";
    }

    private static void generic(QueueSettings q, List<Finding> out) {
        if (q.queueType() != QueueType.CLASSIC) {
            out.add(Finding.info(q.id(), null, queue(q) + " is a " + word(q.queueType())
                    + " queue, but a queue type changes the rules only under the rabbitmq profile",
                    "set the flow's broker to rabbitmq"));
        }
    }

    private static void rabbitMq(QueueSettings q, boolean expiredWire, List<Finding> out) {
        String name = queue(q);
        if (expiredWire) {
            out.add(Finding.warning(q.id(), null, name + " sends expired messages along its 'expired' wire, but"
                    + " RabbitMQ has no expiry address: it dead-letters them (reason expired) to the dead-letter"
                    + " exchange, and the 'expired' wire carries nothing", "wire the 'dead-letter' port instead"));
        }
        if (q.queueType() == QueueType.STREAM) {
            out.add(Finding.error(q.id(), null, name + " is a stream queue: a stream is a log that consumers read"
                    + " at an offset, and Pipewright does not simulate streams", "make it a classic or quorum queue"));
            return;
        }
        boolean quorum = q.queueType() == QueueType.QUORUM;
        if (q.deliveryLimit() != null) {
            if (quorum) {
                out.add(Finding.info(q.id(), null, name + " has delivery limit " + q.deliveryLimit()
                        + ": on RabbitMQ 3.x a quorum queue's x-delivery-limit " + q.deliveryLimit() + " allows "
                        + (q.deliveryLimit() + 1) + " deliveries before it dead-letters (Artemis allows "
                        + q.deliveryLimit() + ")", null));
            } else {
                out.add(Finding.warning(q.id(), null, name + " has a delivery limit, but a classic queue has none on"
                        + " RabbitMQ: a message that keeps failing is redelivered for ever",
                        "make it a quorum queue, or dead-letter failures from the consumer"));
            }
        }
        if (quorum && q.maxPriority() != null) {
            out.add(Finding.warning(q.id(), null, name + " has priorities, but quorum queues have none on RabbitMQ 3.x:"
                    + " messages are delivered in arrival order", "make it a classic queue, or use one queue per priority"));
        }
        if (quorum && q.maxLength() != null && q.overflow() == Overflow.REJECT_PUBLISH_DLX) {
            out.add(Finding.warning(q.id(), null, name + " overflows with reject-publish-dlx, which quorum queues do not"
                    + " support: RabbitMQ 3.10 declares it but drops the oldest message instead (confirms every"
                    + " publish, dead-letters nothing)", "use reject-publish or drop-head, or a classic queue"));
        }
        if (q.maxLength() != null && q.overflow().artemisOnly()) {
            out.add(Finding.warning(q.id(), null, name + " " + artemisOnly(q.overflow()) + " when full, which RabbitMQ"
                    + " cannot do: it has no " + word(q.overflow()) + " (Artemis's address-full-policy), and the"
                    + " RabbitMQ export leaves the limit out", rabbitFix(q.overflow())));
        }
        if (q.redeliveryDelay() != null && !q.redeliveryDelay().isZero()) {
            out.add(Finding.warning(q.id(), null, name + " has a redelivery delay, which RabbitMQ does not have: a"
                    + " requeued message is delivered again at once",
                    "retry through a dead-letter queue with a TTL that dead-letters back to this queue"));
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            out.add(Finding.info(q.id(), null, name + " delays delivery, which RabbitMQ does only with the"
                    + " rabbitmq_delayed_message_exchange plugin", "enable the plugin on the broker"));
        }
    }

    private static void artemis(QueueSettings q, List<Finding> out) {
        String name = queue(q);
        if (q.queueType() != QueueType.CLASSIC) {
            out.add(Finding.info(q.id(), null, name + " is a " + word(q.queueType()) + " queue, a RabbitMQ type that"
                    + " Artemis does not have; it runs as an Artemis queue", null));
        }
        if (q.deliveryLimit() == null) {
            out.add(Finding.info(q.id(), null, name + " has no delivery limit, and Artemis then dead-letters a message"
                    + " after 10 delivery attempts (max-delivery-attempts)", "set a delivery limit to choose another"));
        }
        if (q.maxPriority() != null && q.maxPriority() > 9) {
            out.add(Finding.warning(q.id(), null, name + " has max priority " + q.maxPriority() + ", but Artemis"
                    + " priorities are 0 to 9: higher ones count as 9", "use priorities 0 to 9"));
        }
        if (q.maxLength() != null && q.overflow() == Overflow.DROP_HEAD) {
            out.add(Finding.warning(q.id(), null, name + " drops its oldest message when full, which Artemis cannot do:"
                    + " a full address pages, blocks, fails or drops the new message",
                    "use drop-new (Artemis DROP), reject-publish (FAIL), block or page"));
        }
        if (q.maxLength() != null && q.overflow() == Overflow.REJECT_PUBLISH_DLX) {
            out.add(Finding.warning(q.id(), null, name + " dead-letters what it refuses when full, which Artemis cannot"
                    + " do: FAIL only refuses the message", "use reject-publish (Artemis FAIL)"));
        }
    }

    private static String word(QueueType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String word(Overflow overflow) {
        return overflow.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String artemisOnly(Overflow overflow) {
        return switch (overflow) {
            case PAGE -> "keeps every message beyond its limit (page)";
            case BLOCK -> "holds its sources back (block)";
            default -> "discards new messages without telling the publisher (drop-new)";
        };
    }

    private static String rabbitFix(Overflow overflow) {
        return switch (overflow) {
            case PAGE -> "leave the max length empty (a RabbitMQ queue keeps everything, paging to disk itself)";
            case BLOCK -> "use reject-publish and have publishers with confirms retry what is nacked";
            default -> "use reject-publish: a publisher without confirms does not see what it discards";
        };
    }
}
