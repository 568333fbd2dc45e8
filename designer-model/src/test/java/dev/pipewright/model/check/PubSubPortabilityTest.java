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
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PubSubPortabilityTest {
    private static List<String> messages(Broker from, Broker target, List<Node> nodes, List<Edge> edges) {
        Flow flow = new Flow(new FlowInfo("p", "", from), nodes, edges);
        return Portability.findings(flow, target).stream().map(Finding::message).toList();
    }

    private static List<String> messages(Broker target, Node... nodes) {
        return messages(Broker.GENERIC, target, List.of(nodes), List.of());
    }

    private static Queue queue(String name) {
        return Queue.of("q", name, Position.ORIGIN);
    }

    private static Topic fanout() {
        return new Topic("t", "orders", Position.ORIGIN, Topic.Routing.FANOUT, true);
    }

    private static final List<Edge> BOUND = List.of(Edge.of("e1", "t", Port.OUT, "q"));

    @Test
    void aSubscriptionOfAFanoutTopicIsPortableToPubSub() {
        assertThat(messages(Broker.GENERIC, Broker.PUBSUB, List.of(fanout(), queue("orders-billing")), BOUND)).isEmpty();
    }

    @Test
    void exactlyOnceDeliveryIsNamedAsLostOnEveryOtherProfileAndNotOnPubSub() {
        Queue once = (Queue) queue("payments").with("exactlyOnce", true);
        for (Broker target : Broker.values()) {
            List<String> found = messages(Broker.PUBSUB, target, List.of(fanout(), once), BOUND);
            if (target == Broker.PUBSUB) {
                assertThat(found).noneSatisfy(m -> assertThat(m).contains("exactly-once"));
            } else {
                assertThat(found).as(target.word()).anySatisfy(m -> assertThat(m).contains("queue 'payments' has Pub/Sub's"
                        + " exactly-once delivery, which " + (target == Broker.GENERIC ? "the generic profile" : target.label())
                        + " does not have"));
            }
        }
    }

    @Test
    void aPushSubscriptionIsNamedAsPullingOnEveryOtherProfile() {
        Queue push = (Queue) queue("hooks").with("pushEndpoint", "https://hooks.example.com/in");
        assertThat(messages(Broker.PUBSUB, Broker.SQS, List.of(fanout(), push), BOUND))
                .anySatisfy(m -> assertThat(m).contains("queue 'hooks' is a Pub/Sub push subscription; Amazon SQS"
                        + " does not push to an HTTPS endpoint"));
        assertThat(messages(Broker.PUBSUB, Broker.PUBSUB, List.of(fanout(), push), BOUND))
                .noneSatisfy(m -> assertThat(m).contains("push"));
    }

    @Test
    void whatABrokerDesignLosesOnPubSubIsNamed() {
        Queue q = (Queue) queue("orders").with("maxPriority", 5).with("maxLength", 10)
                .with("deliveryDelay", Duration.ofSeconds(5)).with("singleActiveConsumer", true)
                .with("visibilityTimeout", Duration.ofSeconds(5)).with("deliveryLimit", 3)
                .with("messageTtl", Duration.ofMinutes(5));
        Topic direct = new Topic("t", "events", Position.ORIGIN, Topic.Routing.DIRECT, true);
        Consumer rejects = (Consumer) Consumer.of("c", "worker", Position.ORIGIN).with("failureRate", 0.1)
                .with("onFailure", Consumer.FailureAction.DEAD_LETTER);
        assertThat(messages(Broker.GENERIC, Broker.PUBSUB, List.of(q, direct, rejects), BOUND))
                .anySatisfy(m -> assertThat(m).contains("Pub/Sub has none: messages are delivered without regard"))
                .anySatisfy(m -> assertThat(m).contains("a Pub/Sub subscription has none"))
                .anySatisfy(m -> assertThat(m).contains("delays delivery, which Pub/Sub cannot do"))
                .anySatisfy(m -> assertThat(m).contains("single active consumer"))
                .anySatisfy(m -> assertThat(m).contains("Pub/Sub accepts 10s to 600s"))
                .anySatisfy(m -> assertThat(m).contains("maxDeliveryAttempts is 5 to 100"))
                .anySatisfy(m -> assertThat(m).contains("no dead-letter wire"))
                .anySatisfy(m -> assertThat(m).contains("10 minutes to 31 days"))
                .anySatisfy(m -> assertThat(m).contains("Pub/Sub has no routing keys"))
                .anySatisfy(m -> assertThat(m).contains("Pub/Sub has no reject"));
    }

    @Test
    void theRangesEndsArePortable() {
        Queue q = (Queue) queue("orders").with("visibilityTimeout", Duration.ofSeconds(600)).with("deliveryLimit", 100)
                .with("messageTtl", Duration.ofDays(31));
        DeadLetterQueue dlq = DeadLetterQueue.of("d", "orders-dead", Position.ORIGIN);
        List<Edge> edges = List.of(BOUND.getFirst(), Edge.of("e2", "q", Port.DEAD_LETTER, "d"));
        assertThat(messages(Broker.PUBSUB, Broker.PUBSUB, List.of(fanout(), q, dlq), edges))
                .noneSatisfy(m -> assertThat(m).contains("accepts"))
                .noneSatisfy(m -> assertThat(m).contains("5 to 100"))
                .noneSatisfy(m -> assertThat(m).contains("31 days"));
        Queue under = (Queue) q.with("visibilityTimeout", Duration.ofSeconds(9)).with("deliveryLimit", 4)
                .with("messageTtl", Duration.ofMinutes(9));
        assertThat(messages(Broker.PUBSUB, Broker.PUBSUB, List.of(fanout(), under, dlq), edges))
                .anySatisfy(m -> assertThat(m).contains("accepts 10s to 600s"))
                .anySatisfy(m -> assertThat(m).contains("5 to 100"))
                .anySatisfy(m -> assertThat(m).contains("10 minutes to 31 days"));
    }

    @Test
    void namesAreCheckedAgainstPubSubRulesAndMadeSafe() {
        assertThat(PubSubNames.valid("orders.v1_b~x+y%z-1")).isTrue();
        assertThat(PubSubNames.valid("ab")).isFalse();
        assertThat(PubSubNames.valid("1orders")).isFalse();
        assertThat(PubSubNames.valid("google-orders")).isFalse();
        assertThat(PubSubNames.valid("o".repeat(256))).isFalse();
        assertThat(PubSubNames.of("order events; rm -rf ~")).isEqualTo("order-events--rm--rf-~");
        assertThat(PubSubNames.of("1st")).isEqualTo("p-1st");
        assertThat(PubSubNames.of("googled")).isEqualTo("p-googled");
        assertThat(PubSubNames.of("é")).isEqualTo("p--");
        assertThat(PubSubNames.of("$(x)'\"`")).matches("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
        assertThat(PubSubNames.of("x".repeat(300))).hasSize(255);
    }

    /** A design typical of each profile: what it relies on that the others do otherwise. */
    private static List<Node> typical(Broker profile) {
        return switch (profile) {
            case GENERIC -> List.of(queue("orders").with("maxPriority", 20).with("redeliveryDelay", Duration.ofSeconds(1)));
            case RABBITMQ -> List.of(queue("orders").with("queueType", QueueType.QUORUM).with("deliveryLimit", 5));
            case ARTEMIS -> List.of(queue("orders").with("maxLength", 10).with("overflow", Overflow.PAGE));
            case SQS -> List.of(queue("orders").with("visibilityTimeout", Duration.ofSeconds(60)).with("fifo", true));
            case PUBSUB -> List.of(queue("orders").with("redeliveryDelay", Duration.ofSeconds(10))
                    .with("redeliveryMultiplier", 2.0));
            case MQTT -> List.of(Source.of("sensor", "sensor", Position.ORIGIN).with("headers",
                    Map.of("mqtt-qos", "0", "mqtt-retain", "true")));
            case KAFKA -> List.of(queue("orders").with("partitions", 6));
            case NATS -> List.of(queue("orders").with("queueType", QueueType.STREAM).with("deliveryLimit", 3));
        };
    }

    @Test
    void everyPairOfProfilesSaysWhatADesignLosesWhenItMoves() {
        for (Broker from : Broker.values()) {
            for (Broker to : Broker.values()) {
                if (from != to) {
                    assertThat(messages(from, to, typical(from), List.of())).as("%s design checked for %s", from, to)
                            .isNotEmpty();
                }
            }
        }
    }

    @Test
    void aPubSubDesignsDefaultsAreNamedWhenItLeaves() {
        List<Node> plain = List.of(queue("orders"));
        assertThat(messages(Broker.PUBSUB, Broker.SQS, plain, List.of()))
                .anySatisfy(m -> assertThat(m).contains("10s ack deadline; SQS's visibility timeout is 30s"))
                .anySatisfy(m -> assertThat(m).contains("7-day retention; SQS keeps messages 4 days"));
        assertThat(messages(Broker.PUBSUB, Broker.RABBITMQ, plain, List.of()))
                .anySatisfy(m -> assertThat(m).contains("RabbitMQ has none: a consumer holds a message"));
        assertThat(messages(Broker.SQS, Broker.PUBSUB, plain, List.of()))
                .anySatisfy(m -> assertThat(m).contains("SQS's 30s visibility timeout; Pub/Sub's ack deadline is 10s"));
        assertThat(messages(Broker.ARTEMIS, Broker.PUBSUB, plain, List.of()))
                .anySatisfy(m -> assertThat(m).contains("relies on Artemis's 10 delivery attempts"));
    }

    @Test
    void aHeadersTopicIsPortableAsSubscriptionFilters() {
        Topic headers = new Topic("t", "orders", Position.ORIGIN, Topic.Routing.HEADERS, true);
        List<Edge> edges = List.of(new Edge("e1", "t", Port.OUT, "q", null, Map.of("region", "eu")));
        assertThat(messages(Broker.GENERIC, Broker.PUBSUB, List.of(headers, queue("orders-eu")), edges)).isEmpty();
    }
}
