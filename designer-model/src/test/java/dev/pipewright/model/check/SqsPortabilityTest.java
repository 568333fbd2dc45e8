// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsPortabilityTest {
    private static List<String> messages(Broker target, Node... nodes) {
        Flow flow = new Flow(new FlowInfo("p", "", Broker.GENERIC), List.of(nodes), List.of());
        return Portability.findings(flow, target).stream().map(Finding::message).toList();
    }

    private static Queue queue(String name) {
        return Queue.of("q", name, Position.ORIGIN);
    }

    @Test
    void aPrefetchOverTenIsAnErrorUnderSqsAndAWarningMovingThere() {
        Node greedy = Consumer.of("c", "worker", Position.ORIGIN).with("prefetch", 11);
        Node ten = Consumer.of("t", "batcher", Position.ORIGIN).with("prefetch", 10);
        List<Node> nodes = List.of(queue("jobs"), greedy, ten);
        List<Edge> edges = List.of(Edge.of("e1", "q", Port.OUT, "c"), Edge.of("e2", "q", Port.OUT, "t"));
        List<Finding> own = FlowChecks.all(new Flow(new FlowInfo("p", "", Broker.SQS), nodes, edges));
        assertThat(own).filteredOn(f -> f.message().contains("prefetch")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.nodeId()).isEqualTo("c");
            assertThat(f.message()).contains("consumer 'worker' has prefetch 11, but an SQS consumer receives at most 10");
        });
        List<Finding> moving = Portability.findings(new Flow(new FlowInfo("p", "", Broker.RABBITMQ), nodes, edges), Broker.SQS);
        assertThat(moving).filteredOn(f -> f.message().contains("prefetch")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(Portability.findings(new Flow(new FlowInfo("p", "", Broker.SQS), nodes, edges), Broker.RABBITMQ))
                .noneSatisfy(f -> assertThat(f.message()).contains("prefetch"));
    }

    @Test
    void aPlainQueueWithAnSqsNameIsPortableToSqs() {
        assertThat(messages(Broker.SQS, queue("orders"))).isEmpty();
    }

    @Test
    void whatRabbitMqDesignsLoseOnSqsIsNamed() {
        Queue q = (Queue) queue("orders").with("maxPriority", 5).with("maxLength", 10)
                .with("redeliveryDelay", Duration.ofSeconds(1)).with("deliveryDelay", Duration.ofMinutes(20))
                .with("messageTtl", Duration.ofDays(20));
        Topic topic = new Topic("t", "events", Position.ORIGIN, Topic.Routing.TOPIC, true);
        Consumer requeues = (Consumer) Consumer.of("c", "worker", Position.ORIGIN).with("failureRate", 0.1);
        assertThat(messages(Broker.SQS, q, topic, requeues))
                .anySatisfy(m -> assertThat(m).contains("SQS has none: messages are delivered without regard to priority"))
                .anySatisfy(m -> assertThat(m).contains("an SQS queue has none"))
                .anySatisfy(m -> assertThat(m).contains("redelivery delay"))
                .anySatisfy(m -> assertThat(m).contains("longer than SQS's 15 minutes"))
                .anySatisfy(m -> assertThat(m).contains("1 minute to 14 days"))
                .anySatisfy(m -> assertThat(m).contains("no exchanges or topics"))
                .anySatisfy(m -> assertThat(m).contains("SQS has no requeue"));
    }

    @Test
    void queueNamesAreCheckedAgainstSqsRules() {
        assertThat(SqsNames.valid("orders-1_b", false)).isTrue();
        assertThat(SqsNames.valid("orders.fifo", true)).isTrue();
        assertThat(SqsNames.valid("orders", true)).isFalse();
        assertThat(SqsNames.valid("order.events", false)).isFalse();
        assertThat(SqsNames.valid("a".repeat(81), false)).isFalse();
        assertThat(SqsNames.of(queue("order.events"))).isEqualTo("order-events");
        assertThat(SqsNames.of((Queue) queue("orders").with("fifo", true))).isEqualTo("orders.fifo");
        assertThat(SqsNames.of(queue("x".repeat(100)))).hasSize(80);
        assertThat(messages(Broker.SQS, queue("order events"))).singleElement()
                .satisfies(m -> assertThat(m).contains("the SQS export names it 'order-events'"));
    }

    @Test
    void aVisibilityTimeoutAndFifoAreNamedWhenADesignLeavesSqs() {
        Queue q = (Queue) queue("orders").with("visibilityTimeout", Duration.ofMinutes(2)).with("fifo", true);
        assertThat(messages(Broker.RABBITMQ, q))
                .anySatisfy(m -> assertThat(m).contains("visibility timeout, which RabbitMQ does not have"))
                .anySatisfy(m -> assertThat(m).contains("no message groups"));
        assertThat(messages(Broker.ARTEMIS, q)).anySatisfy(m -> assertThat(m).contains("which Artemis does not have"));
        // The generic profile has neither; it says so once.
        assertThat(messages(Broker.GENERIC, q)).singleElement()
                .satisfies(m -> assertThat(m).contains("change the rules only under the sqs and pubsub profiles"));
    }

    @Test
    void theVisibilityTimeoutIsZeroToTwelveHours() {
        assertThat(queue("q").with("visibilityTimeout", Duration.ZERO)).isNotNull();
        assertThat(queue("q").with("visibilityTimeout", Duration.ofHours(12))).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue("q").with("visibilityTimeout", Duration.ofHours(13)))
                .hasMessageContaining("between 0s and 12h");
    }

    /** Sources at {@code rates} wired to one FIFO queue "orders.fifo". */
    private static List<String> fifoAt(double... rates) {
        List<Node> nodes = new java.util.ArrayList<>(List.of(queue("orders.fifo").with("fifo", true)));
        List<Edge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            nodes.add(Source.of("s" + i, "s" + i, Position.ORIGIN).with("rate", rates[i]));
            edges.add(Edge.of("e" + i, "s" + i, Port.OUT, "q"));
        }
        Flow flow = new Flow(new FlowInfo("p", "", Broker.SQS), nodes, edges);
        return Portability.findings(flow, Broker.SQS).stream().map(Finding::message).toList();
    }

    @Test
    void aFifoQueueSentMoreThanThreeHundredMessagesASecondIsWarnedOfThrottling() {
        assertThat(fifoAt(200, 100)).noneMatch(m -> m.contains("API calls"));
        assertThat(fifoAt(200, 150)).singleElement().asString()
                .contains("queue 'orders.fifo' is an SQS FIFO queue, and 350 messages a second are sent to it in 350 calls")
                .contains("300 API calls a second").contains("holds the sources back");
    }

    /** A source at {@code rate} in bursts of {@code burst} messages of {@code bytes} bytes, wired to FIFO queue "orders.fifo". */
    private static List<String> fifoInBursts(double rate, int burst, int bytes) {
        Flow flow = new Flow(new FlowInfo("p", "", Broker.SQS), List.of(queue("orders.fifo").with("fifo", true),
                Source.of("s", "s", Position.ORIGIN).with("rate", rate).with("arrival", Source.Arrival.BURSTS)
                        .with("burstSize", burst).with("payloadSize", bytes)),
                List.of(Edge.of("e", "s", Port.OUT, "q")));
        return Portability.findings(flow, Broker.SQS).stream().map(Finding::message).toList();
    }

    @Test
    void aSourcesBurstsCountAsBatchCallsAgainstTheFifoQuota() {
        // 2,900 a second in bursts of 10: 290 SendMessageBatch calls a second, under the quota.
        assertThat(fifoInBursts(2_900, 10, 100)).noneMatch(m -> m.contains("API calls"));
        // In bursts of 5: 580 calls a second.
        assertThat(fifoInBursts(2_900, 5, 100)).singleElement().asString()
                .contains("2900 messages a second are sent to it in 580 calls");
        // Bursts of 10 of 100,000 bytes go 2 to a batch (231,424 bytes of bodies): 5 calls a burst, 1,450 a second.
        assertThat(fifoInBursts(2_900, 10, 100_000)).singleElement().asString().contains("in 1450 calls");
    }
}
