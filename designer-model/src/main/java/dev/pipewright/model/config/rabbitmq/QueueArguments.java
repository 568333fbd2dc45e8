// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.describe;
import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.warning;
import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.wellFormed;
import static dev.pipewright.model.config.rabbitmq.DefinitionsWriter.word;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One queue's definition: its {@code x-} arguments, as far as its queue type takes them (what
 * RabbitMQ 3.10 refuses for the type is left out, so the import is accepted), and a finding for
 * each setting RabbitMQ cannot hold or that is left out.
 */
final class QueueArguments {
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final String vhost;
    private final Broker profile;
    /** The queues and exchanges that are written (or that the broker has), by node id: dead-letter targets. */
    private final Map<String, QueueSettings> queues;
    private final Map<String, Topic> exchanges;
    private final List<Finding> findings;

    QueueArguments(String vhost, Broker profile, Map<String, QueueSettings> queues, Map<String, Topic> exchanges,
                   List<Finding> findings) {
        this.vhost = vhost;
        this.profile = profile;
        this.queues = queues;
        this.exchanges = exchanges;
        this.findings = findings;
    }

    /** The queue's entry in {@code queues}; {@code deadLetter} is its dead-letter edge, or null. */
    ObjectNode queue(QueueSettings q, Edge deadLetter) {
        ObjectNode o = json.objectNode();
        o.put("name", q.name());
        o.put("vhost", vhost);
        boolean replicated = q.queueType() != QueueType.CLASSIC;
        if (replicated && !q.durable()) {
            findings.add(warning(q.id(), null, describe(q) + " is not durable, but a " + word(q.queueType())
                    + " queue always is: it is written durable", "make it durable, or a classic queue"));
        }
        o.put("durable", q.durable() || replicated);
        o.put("auto_delete", false);
        ObjectNode args = o.putObject("arguments");
        args.put("x-queue-type", word(q.queueType()));
        if (q.queueType() == QueueType.STREAM) {
            streamLeftOut(q, deadLetter);
        } else {
            lengthAndTtl(q, args);
            priorityAndLimit(q, args);
            if (q.singleActiveConsumer()) {
                args.put("x-single-active-consumer", true);
            }
            deadLetter(q, deadLetter, args);
        }
        notHeld(q);
        return o;
    }

    private void lengthAndTtl(QueueSettings q, ObjectNode args) {
        if (q.maxLength() != null && q.overflow().artemisOnly()) {
            String policy = q.overflow().name().toLowerCase(Locale.ROOT).replace('_', '-');
            findings.add(warning(q.id(), null, describe(q) + " overflows with " + policy + ", an Artemis address-full"
                    + " policy RabbitMQ does not have: the export leaves x-max-length and x-overflow out, so the queue"
                    + " has no limit", q.overflow() == Overflow.PAGE ? "leave the max length empty"
                    : "use reject-publish (without confirms a publisher does not see what it refuses)"));
        } else if (q.maxLength() != null) {
            args.put("x-max-length", q.maxLength());
            if (q.overflow() != Overflow.DROP_HEAD) {
                args.put("x-overflow", q.overflow().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            if (q.overflow() == Overflow.REJECT_PUBLISH_DLX && q.queueType() == QueueType.QUORUM) {
                findings.add(warning(q.id(), null, describe(q) + " overflows with reject-publish-dlx, which quorum queues"
                        + " do not support: RabbitMQ 3.10 takes the argument and drops the oldest message instead",
                        "use reject-publish, or a classic queue"));
            }
        }
        if (q.messageTtl() != null) {
            Duration ttl = q.messageTtl();
            long ms = ttl.toMillis();
            if (!ttl.equals(Duration.ofMillis(ms))) {
                // x-message-ttl is whole milliseconds; rounding up keeps a short TTL from becoming 0 (expire at once).
                ms++;
                findings.add(warning(q.id(), null, describe(q) + " has a message TTL of " + ttl.toNanos() + " ns, but RabbitMQ"
                        + " counts whole milliseconds: it is written as " + ms + " ms", "use a TTL in whole milliseconds"));
            }
            args.put("x-message-ttl", ms);
        }
    }

    private void priorityAndLimit(QueueSettings q, ObjectNode args) {
        boolean quorum = q.queueType() == QueueType.QUORUM;
        if (q.maxPriority() != null) {
            if (quorum) {
                findings.add(warning(q.id(), null, describe(q) + " has priorities, but a quorum queue has none on RabbitMQ 3.x"
                        + " (it refuses x-max-priority): it is left out", "make it a classic queue, or use one queue per"
                        + " priority"));
            } else {
                args.put("x-max-priority", q.maxPriority());
            }
        }
        if (q.deliveryLimit() != null) {
            if (quorum) {
                args.put("x-delivery-limit", q.deliveryLimit());
                if (profile != Broker.RABBITMQ) {
                    findings.add(new Finding(Severity.INFO, q.id(), null, describe(q) + " has delivery limit "
                            + q.deliveryLimit() + ", written as x-delivery-limit " + q.deliveryLimit()
                            + ", which on RabbitMQ 3.x allows " + (q.deliveryLimit() + 1L) + " deliveries, not "
                            + q.deliveryLimit(), "set the flow's broker to rabbitmq to simulate as RabbitMQ counts"));
                }
            } else {
                findings.add(warning(q.id(), null, describe(q) + " has a delivery limit, but a classic queue has none on"
                        + " RabbitMQ (it refuses x-delivery-limit): it is left out, and a message that keeps failing is"
                        + " redelivered for ever", "make it a quorum queue"));
            }
        }
    }

    private void deadLetter(QueueSettings q, Edge edge, ObjectNode args) {
        if (edge == null) {
            return;
        }
        if (queues.containsKey(edge.to())) {
            // Through the default exchange, which routes by queue name.
            args.put("x-dead-letter-exchange", "");
            args.put("x-dead-letter-routing-key", queues.get(edge.to()).name());
        } else if (exchanges.containsKey(edge.to())) {
            args.put("x-dead-letter-exchange", exchanges.get(edge.to()).name());
            if (edge.key() != null) {
                if (wellFormed(edge.key())) {
                    args.put("x-dead-letter-routing-key", edge.key());
                } else {
                    findings.add(warning(q.id(), edge.id(), describe(q) + "'s dead-letter key holds a lone surrogate, which"
                            + " UTF-8 cannot encode: it is left out, so dead letters keep their routing key",
                            "change the key"));
                }
            }
        }
        // A target left out has its own finding; the queue is written without a dead-letter exchange.
    }

    /** A stream takes none of the settings a queue has (RabbitMQ 3.10 refuses each as an invalid arg). */
    private void streamLeftOut(QueueSettings q, Edge deadLetter) {
        List<String> refused = new ArrayList<>();
        if (q.maxLength() != null) {
            refused.add("x-max-length");
        }
        if (q.maxLength() != null && q.overflow() != Overflow.DROP_HEAD) {
            refused.add("x-overflow");
        }
        if (q.messageTtl() != null) {
            refused.add("x-message-ttl");
        }
        if (q.maxPriority() != null) {
            refused.add("x-max-priority");
        }
        if (q.deliveryLimit() != null) {
            refused.add("x-delivery-limit");
        }
        if (q.singleActiveConsumer()) {
            refused.add("x-single-active-consumer");
        }
        if (deadLetter != null) {
            refused.add("x-dead-letter-exchange");
        }
        if (!refused.isEmpty()) {
            findings.add(warning(q.id(), null, describe(q) + " is a stream, and RabbitMQ refuses to declare a stream with "
                    + String.join(", ", refused) + ": they are left out", "make it a classic or quorum queue, or limit"
                    + " the stream by age or size (x-max-age, x-max-length-bytes) on the broker"));
        }
    }

    /** The settings no RabbitMQ queue argument holds. */
    private void notHeld(QueueSettings q) {
        if (positive(q.deliveryDelay())) {
            findings.add(warning(q.id(), null, describe(q) + " delays delivery, which a RabbitMQ queue cannot: messages are"
                    + " delivered at once", "enable the rabbitmq_delayed_message_exchange plugin and publish through an"
                    + " x-delayed-message exchange, or publish to a queue with that TTL that dead-letters to this one"));
        }
        if (positive(q.redeliveryDelay()) || q.redeliveryMultiplier() != 1.0 || positive(q.maxRedeliveryDelay())) {
            findings.add(warning(q.id(), null, describe(q) + " delays redeliveries, which RabbitMQ cannot: a requeued message"
                    + " is delivered again at once", "reject failures to a dead-letter queue with a message TTL that"
                    + " dead-letters back to this queue"));
        }
        // A retry with delay is RetryQueues' (the wait and parking queues), not an argument of the queue.
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }
}
