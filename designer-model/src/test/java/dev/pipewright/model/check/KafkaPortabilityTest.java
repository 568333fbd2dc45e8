// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPortabilityTest {
    private static List<String> messages(Broker design, Broker target, List<Edge> edges, Node... nodes) {
        Flow flow = new Flow(new FlowInfo("p", "", design), List.of(nodes), edges);
        return Portability.findings(flow, target).stream().map(Finding::message).toList();
    }

    private static Edge wire(String id, String from, Port port, String to) {
        return new Edge(id, from, port, to, null, Map.of());
    }

    private static Queue queue(String name) {
        return Queue.of("q", name, Position.ORIGIN);
    }

    @Test
    void aPlainTopicWithAKafkaNameIsPortableToKafka() {
        Consumer c = Consumer.of("c", "worker", Position.ORIGIN);
        assertThat(messages(Broker.GENERIC, Broker.KAFKA, List.of(wire("e", "q", Port.OUT, "c")), queue("orders"), c))
                .isEmpty();
    }

    @Test
    void whatABrokerQueueDesignLosesOnKafkaIsNamed() {
        Queue q = (Queue) queue("orders queue").with("maxPriority", 5).with("maxLength", 10)
                .with("redeliveryDelay", Duration.ofSeconds(1)).with("deliveryDelay", Duration.ofSeconds(5))
                .with("messageTtl", Duration.ofHours(1));
        Topic topic = new Topic("t", "events", Position.ORIGIN, Topic.Routing.TOPIC, true);
        Consumer competing = (Consumer) Consumer.of("c", "worker", Position.ORIGIN).with("instances", 4)
                .with("failureRate", 0.1);
        Consumer deadLetters = (Consumer) Consumer.of("d", "auditor", Position.ORIGIN).with("failureRate", 0.1)
                .with("onFailure", Consumer.FailureAction.DEAD_LETTER);
        List<String> found = messages(Broker.RABBITMQ, Broker.KAFKA,
                List.of(wire("e1", "q", Port.OUT, "c"), wire("e2", "q", Port.OUT, "d")), q, topic, competing, deadLetters);
        assertThat(found)
                .anySatisfy(m -> assertThat(m).contains("not a name Kafka accepts", "'orders-queue'"))
                .anySatisfy(m -> assertThat(m).contains("priorities, but Kafka has none"))
                .anySatisfy(m -> assertThat(m).contains("keeps every record for its retention time"))
                .anySatisfy(m -> assertThat(m).contains("delays delivery, which Kafka cannot"))
                .anySatisfy(m -> assertThat(m).contains("Kafka has no redelivery"))
                .anySatisfy(m -> assertThat(m).contains("becomes the topic's retention.ms"))
                .anySatisfy(m -> assertThat(m).contains("no exchanges, routing keys or bindings"))
                .anySatisfy(m -> assertThat(m).contains("runs 4 instances", "1 partition", "3 would idle"))
                .anySatisfy(m -> assertThat(m).contains("no requeue: the record is retried in place"))
                .anySatisfy(m -> assertThat(m).contains("no dead-letter queue of its own", "skipped"));
    }

    @Test
    void aDeadLetterTopicIsExpectedAsTheOriginPlusDlt() {
        DeadLetterQueue dlq = DeadLetterQueue.of("dlq", "orders-dead", Position.ORIGIN);
        List<String> found = messages(Broker.KAFKA, Broker.KAFKA, List.of(wire("e", "q", Port.DEAD_LETTER, "dlq")),
                queue("orders"), dlq);
        assertThat(found).anySatisfy(m -> assertThat(m).contains("'orders.DLT'"));
        DeadLetterQueue named = DeadLetterQueue.of("dlq", "orders.DLT", Position.ORIGIN);
        assertThat(messages(Broker.KAFKA, Broker.KAFKA, List.of(wire("e", "q", Port.DEAD_LETTER, "dlq")),
                queue("orders"), named)).isEmpty();
    }

    @Test
    void whatAKafkaDesignLosesElsewhereIsNamed() {
        Queue q = (Queue) queue("orders").with("partitions", 6);
        Consumer billing = (Consumer) Consumer.of("b", "billing", Position.ORIGIN).with("ackMode", Consumer.AckMode.AUTO);
        Consumer audit = Consumer.of("a", "audit", Position.ORIGIN);
        List<Edge> edges = List.of(wire("e1", "q", Port.OUT, "b"), wire("e2", "q", Port.OUT, "a"));
        for (Broker target : List.of(Broker.RABBITMQ, Broker.ARTEMIS, Broker.SQS)) {
            assertThat(messages(Broker.KAFKA, target, edges, q, billing, audit))
                    .anySatisfy(m -> assertThat(m).contains("6 partitions", target.label()))
                    .anySatisfy(m -> assertThat(m).contains("read by 2 consumer groups"))
                    .anySatisfy(m -> assertThat(m).contains("cannot go back and read again"))
                    .anySatisfy(m -> assertThat(m).contains("ack mode auto, Kafka's auto commit", "loses the message"));
        }
        // A design made for another broker is not told about Kafka's logs.
        assertThat(messages(Broker.RABBITMQ, Broker.ARTEMIS, edges, queue("orders"), billing, audit))
                .noneSatisfy(m -> assertThat(m).contains("Kafka"));
    }

    @Test
    void topicNamesFollowKafkasRule() {
        assertThat(KafkaNames.valid("orders.v1_EU-2")).isTrue();
        assertThat(KafkaNames.valid("a".repeat(249))).isTrue();
        assertThat(KafkaNames.valid("a".repeat(250))).isFalse();
        assertThat(KafkaNames.valid(".")).isFalse();
        assertThat(KafkaNames.valid("..")).isFalse();
        assertThat(KafkaNames.valid("...")).isTrue();
        assertThat(KafkaNames.valid("orders/eu")).isFalse();
        assertThat(KafkaNames.of("orders/eu é", "q")).isEqualTo("orders-eu--");
        assertThat(KafkaNames.of("x".repeat(300), "q")).hasSize(249);
        assertThat(KafkaNames.of("..", "q")).isEqualTo("q");
        assertThat(KafkaNames.of("..", "..")).isEqualTo("--");
    }

    @Test
    void namesAreValidExactlyWhenKafkasOwnTopicValidationSaysSo() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        String alphabet = "ab.Z_-9/ é:";
        List<String> names = new java.util.ArrayList<>(List.of("", ".", "..", "...", "a".repeat(249), "a".repeat(250)));
        for (int i = 0; i < 2_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int k = random.nextInt(1, 6); k > 0; k--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        for (String name : names) {
            boolean kafka;
            try {
                org.apache.kafka.common.internals.Topic.validate(name);
                kafka = true;
            } catch (org.apache.kafka.common.errors.InvalidTopicException e) {
                kafka = false;
            }
            assertThat(KafkaNames.valid(name)).as("'%s'", name).isEqualTo(kafka);
            org.apache.kafka.common.internals.Topic.validate(KafkaNames.of(name, "q"));
        }
    }
}
