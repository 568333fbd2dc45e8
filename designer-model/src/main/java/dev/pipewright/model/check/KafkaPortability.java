// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a design loses moving to Apache Kafka (priorities, per-message TTL, requeue, dead-letter
 * exchanges, competing consumers beyond the partitions, routing keys and topic exchanges), and what
 * a Kafka design loses moving away from it (partitions, replay within retention, consumer groups).
 * The rules and their sources are in {@code docs/brokers.md}, "Apache Kafka".
 */
final class KafkaPortability {
    private KafkaPortability() {
    }

    /** Every finding of {@code flow} for {@code target}: to Kafka when it is Kafka, else what a Kafka design loses there. */
    static void findings(Flow flow, Broker target, List<Finding> out) {
        Wires wires = new Wires(flow);
        for (Node n : flow.nodes()) {
            if (target == Broker.KAFKA) {
                toKafka(n, wires, out);
            } else if (target != Broker.GENERIC || flow.info().broker() == Broker.KAFKA) {
                // A flow with no profile checked by the generic rules leaves nothing; a Kafka design does.
                leavingKafka(n, flow.info().broker() == Broker.KAFKA, wires, target, out);
            }
        }
    }

    /** The wires the rules look at, indexed once, so the checks stay linear in the flow's size. */
    private static final class Wires {
        final Map<String, Integer> consumersOf = new HashMap<>();
        final Map<String, Queue> inputOf = new HashMap<>();
        final Map<String, Integer> deadLetterWires = new HashMap<>();
        final Map<String, String> deadLetterOrigin = new HashMap<>();

        Wires(Flow flow) {
            Map<String, Node> byId = flow.nodesById();
            for (Edge e : flow.edges()) {
                Node from = byId.get(e.from());
                Node to = byId.get(e.to());
                if (from instanceof Queue q && to instanceof Consumer && e.fromPort() == Port.OUT) {
                    consumersOf.merge(q.id(), 1, Integer::sum);
                    inputOf.putIfAbsent(to.id(), q);
                }
                if (from instanceof QueueSettings q && e.fromPort() == Port.DEAD_LETTER) {
                    deadLetterWires.merge(q.id(), 1, Integer::sum);
                    if (to instanceof QueueSettings) {
                        deadLetterOrigin.putIfAbsent(to.id(), KafkaNames.of(q));
                    }
                }
            }
        }
    }

    private static String queue(QueueSettings q) {
        return "queue '" + q.name() + "'";
    }

    private static void toKafka(Node n, Wires wires, List<Finding> out) {
        switch (n) {
            case QueueSettings q -> queueToKafka(q, wires, out);
            case Topic t when t.routing() == Topic.Routing.FANOUT -> out.add(Finding.info(t.id(), null, "topic '"
                    + t.name() + "' copies to every queue bound to it; on Kafka every consumer group reads a topic"
                    + " whole, so one topic read by several consumer nodes does that", null));
            case Topic t -> out.add(Finding.warning(t.id(), null, "topic '" + t.name() + "' routes by "
                    + t.routing().name().toLowerCase(java.util.Locale.ROOT) + ", but Kafka has no exchanges, routing"
                    + " keys or bindings: a record's key only picks its partition", "publish each route to its own"
                    + " topic, or filter in the consumer"));
            case Consumer c -> consumerToKafka(c, wires, out);
            case Source s when s.priorityMix().size() > 1 || s.script().stream().anyMatch(m -> m.priority() != null
                    && m.priority() != 0) -> out.add(Finding.warning(s.id(), null, "source '" + s.name()
                    + "' publishes priorities, but Kafka records have none", "send each priority to its own topic"));
            case Source s when s.script().stream().anyMatch(m -> m.ttl() != null) -> out.add(Finding.warning(s.id(),
                    null, "source '" + s.name() + "' gives messages their own TTL, but Kafka has no per-record expiry:"
                    + " only the topic's retention.ms applies", "leave it to the topic's retention"));
            case Source s when s.script().stream().anyMatch(m -> m.delay() != null) -> out.add(Finding.warning(s.id(),
                    null, "source '" + s.name() + "' delays messages, but Kafka delivers a record as soon as it is"
                    + " written", "delay in the consumer, or leave the delay out"));
            default -> {
            }
        }
    }

    private static void queueToKafka(QueueSettings q, Wires wires, List<Finding> out) {
        String name = queue(q);
        if (!KafkaNames.valid(q.name())) {
            out.add(Finding.warning(q.id(), null, name + " is not a name Kafka accepts for a topic (1 to 249 letters,"
                    + " digits, '.', '_' and '-'): the Kafka export names it '" + KafkaNames.of(q) + "'", "rename it"));
        }
        if (q.maxPriority() != null) {
            out.add(Finding.warning(q.id(), null, name + " has priorities, but Kafka has none: records are read in"
                    + " offset order", "use one topic per priority and read the urgent one first"));
        }
        if (q.maxLength() != null || q.overflow() != Overflow.DROP_HEAD) {
            out.add(Finding.warning(q.id(), null, name + " has a max length or overflow policy, but a Kafka topic"
                    + " keeps every record for its retention time (retention.bytes limits bytes per partition, never"
                    + " refuses a write); the Kafka profile ignores the limit", "leave the max length empty"));
        }
        if (q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
            out.add(Finding.warning(q.id(), null, name + " delays delivery, which Kafka cannot: a record can be read"
                    + " as soon as it is written", "leave the delivery delay empty"));
        }
        if (q.redeliveryDelay() != null && !q.redeliveryDelay().isZero()) {
            out.add(Finding.warning(q.id(), null, name + " has a redelivery delay, but Kafka has no redelivery: a"
                    + " failed record is retried in place at once (a back-off is the consumer's own, as Spring"
                    + " Kafka's DefaultErrorHandler)", "leave the redelivery delay empty"));
        }
        if (q.singleActiveConsumer()) {
            out.add(Finding.info(q.id(), null, name + " has a single active consumer; on Kafka one partition, read"
                    + " by one member of each group, keeps that order", "set partitions to 1"));
        }
        if (q.messageTtl() != null) {
            out.add(Finding.info(q.id(), null, name + "'s message TTL becomes the topic's retention.ms: records are"
                    + " deleted after it whether they were read or not, never dead-lettered", null));
        }
        if (q instanceof DeadLetterQueue d) {
            if (d.retryAfter() != null) {
                out.add(Finding.warning(q.id(), null, name + " sends messages back to their queue after a delay,"
                        + " which Kafka does not do", "use retry topics (Spring Kafka's @RetryableTopic) or retry in"
                        + " the consumer"));
            }
            String origin = wires.deadLetterOrigin.get(q.id());
            if (origin != null && !q.name().equals(origin + KafkaNames.DEAD_LETTER_SUFFIX)) {
                out.add(Finding.info(q.id(), null, name + " is a dead-letter topic; Spring Kafka and Kafka Connect"
                        + " users look for it as '" + origin + KafkaNames.DEAD_LETTER_SUFFIX + "'",
                        "name it " + origin + KafkaNames.DEAD_LETTER_SUFFIX));
            }
        }
    }

    private static void consumerToKafka(Consumer c, Wires wires, List<Finding> out) {
        Queue input = wires.inputOf.get(c.id());
        if (input != null && c.instances() > input.partitionsOrDefault()) {
            out.add(Finding.warning(c.id(), null, "consumer '" + c.name() + "' runs " + c.instances() + " instances on"
                    + " the " + input.partitionsOrDefault() + " partition" + (input.partitionsOrDefault() == 1 ? "" : "s")
                    + " of " + queue(input) + ": in a Kafka consumer group each partition has"
                    + " one member, so " + (c.instances() - input.partitionsOrDefault()) + " would idle",
                    "set the queue's partitions to " + c.instances() + " or more"));
        }
        boolean fails = c.failureRate() > 0 || c.failFirstAttempts() != null || c.failWhen() != null;
        if (fails && c.onFailure() == Consumer.FailureAction.REQUEUE) {
            out.add(Finding.info(c.id(), null, "consumer '" + c.name() + "' requeues what fails, but Kafka has no"
                    + " requeue: the record is retried in place and its partition waits behind it", input != null
                    && input.deliveryLimit() == null ? "set a delivery limit and wire a dead-letter topic" : null));
        }
        if (fails && c.onFailure() == Consumer.FailureAction.DEAD_LETTER && input != null
                && !wires.deadLetterWires.containsKey(input.id())) {
            out.add(Finding.warning(c.id(), null, "consumer '" + c.name() + "' dead-letters what fails, but Kafka has"
                    + " no dead-letter queue of its own and " + queue(input) + " has no dead-letter wire: the record is"
                    + " skipped", "wire a dead-letter topic " + KafkaNames.of(input) + KafkaNames.DEAD_LETTER_SUFFIX));
        }
    }

    private static void leavingKafka(Node n, boolean kafkaDesign, Wires wires, Broker target, List<Finding> out) {
        if (n instanceof Queue q && q.partitions() != null && q.partitions() > 1) {
            out.add(Finding.info(q.id(), null, queue(q) + " has " + q.partitions() + " partitions, which "
                    + target.label() + " does not have: keys no longer keep order, and competing consumers share one"
                    + " queue", "use one queue per key range, or a single active consumer where order matters"));
        }
        if (kafkaDesign && n instanceof Consumer c && c.ackMode() == Consumer.AckMode.AUTO) {
            out.add(Finding.warning(c.id(), null, "consumer '" + c.name() + "' has ack mode auto, Kafka's auto commit;"
                    + " on " + target.label() + " it acknowledges each message on delivery, so a failure or a crash"
                    + " loses the message", "set its ack mode to manual"));
        }
        if (!kafkaDesign || !(n instanceof Queue q)) {
            return;
        }
        Integer groups = wires.consumersOf.get(q.id());
        if (groups != null && groups > 1) {
            out.add(Finding.warning(q.id(), null, queue(q) + " is read by " + groups + " consumer groups, each"
                    + " reading every record; on " + target.label() + " consumers of one queue compete for its"
                    + " messages", "publish through a fanout topic to one queue per consumer"));
        }
        out.add(Finding.info(q.id(), null, queue(q) + " is a Kafka log that keeps records after they are read;"
                + " on " + target.label() + " a consumed message is gone, so a group cannot go back and read again",
                null));
    }
}
