// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsPortabilityTest {

    private static Flow flow(Broker broker, List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo("f", "").withBroker(broker), nodes, edges);
    }

    private static List<Finding> toNats(List<Node> nodes, List<Edge> edges) {
        return Portability.findings(flow(Broker.RABBITMQ, nodes, edges), Broker.NATS);
    }

    @Test
    void twoConsumerNodesOnOneStreamAreAnErrorForEitherRetention() {
        Node q = Queue.of("q", "orders", Position.ORIGIN);
        List<Node> nodes = List.of(q, Consumer.of("a", "a", Position.ORIGIN), Consumer.of("b", "b", Position.ORIGIN));
        List<Edge> edges = List.of(Edge.of("e1", "q", Port.OUT, "a"), Edge.of("e2", "q", Port.OUT, "b"));
        assertThat(toNats(nodes, edges)).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("work-queue stream refuses a second consumer"));
        List<Node> limits = List.of(q.with("queueType", QueueType.STREAM), nodes.get(1), nodes.get(2));
        assertThat(toNats(limits, edges)).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("each durable consumer gets every message"));
        // One consumer node with many instances is fine.
        assertThat(toNats(nodes.subList(0, 2), edges.subList(0, 1))).noneMatch(f -> f.severity() == Severity.ERROR);
    }

    @Test
    void whatJetStreamCannotDoIsNamed() {
        Node q = Queue.of("q", "orders", Position.ORIGIN).with("maxPriority", 5).with("maxLength", 10)
                .with("overflow", Overflow.PAGE);
        DeadLetterQueue dlq = DeadLetterQueue.of("d", "dead", Position.ORIGIN);
        List<String> messages = toNats(List.of(q, dlq), List.of(Edge.of("e", "q", Port.DEAD_LETTER, "d")))
                .stream().map(Finding::message).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("JetStream has none"))
                .anySatisfy(m -> assertThat(m).contains(NatsLimits.MAX_DELIVERIES_ADVISORY))
                .anySatisfy(m -> assertThat(m).contains("discard old"));
    }

    @Test
    void aVisibilityTimeoutIsKeptAsAckWaitAndAFifoQueueLosesItsGroups() {
        Node q = Queue.of("q", "orders", Position.ORIGIN).with("visibilityTimeout", java.time.Duration.ofSeconds(45))
                .with("fifo", true);
        List<String> messages = Portability.findings(flow(Broker.SQS, List.of(q), List.of()), Broker.NATS)
                .stream().map(Finding::message).toList();
        // ack_wait is JetStream's visibility timeout: nothing is lost there, unlike on RabbitMQ.
        assertThat(messages).noneMatch(m -> m.contains("visibility timeout"))
                .anySatisfy(m -> assertThat(m).contains("no message groups").contains("2 minutes"));
        assertThat(Portability.findings(flow(Broker.SQS, List.of(q), List.of()), Broker.RABBITMQ))
                .anySatisfy(f -> assertThat(f.message()).contains("has a visibility timeout"));
    }

    @Test
    void aNatsDesignLeavingSaysWhatItReliedOn() {
        Node q = Queue.of("q", "orders", Position.ORIGIN).with("queueType", QueueType.STREAM);
        Node s = Source.of("s", "s", Position.ORIGIN).with("headers", Map.of(NatsLimits.MSG_ID_HEADER, "x"));
        List<String> toPubSub = Portability.findings(flow(Broker.NATS, List.of(q, s), List.of()), Broker.PUBSUB)
                .stream().map(Finding::message).toList();
        assertThat(toPubSub).anySatisfy(m -> assertThat(m).contains("limits retention"))
                .anySatisfy(m -> assertThat(m).contains("ack deadline is 10 s"))
                .anySatisfy(m -> assertThat(m).contains("Nats-Msg-Id"));
    }

    @Test
    void subjectFiltersMatchOneTokenOrTheRest() {
        assertThat(NatsLimits.subjectMatches("orders.*", "orders.eu")).isTrue();
        assertThat(NatsLimits.subjectMatches("orders.*", "orders.eu.paris")).isFalse();
        assertThat(NatsLimits.subjectMatches("orders.*", "orders")).isFalse();
        assertThat(NatsLimits.subjectMatches("orders.>", "orders.eu.paris")).isTrue();
        assertThat(NatsLimits.subjectMatches("orders.>", "orders")).isFalse();
        assertThat(NatsLimits.subjectMatches(">", "a")).isTrue();
        assertThat(NatsLimits.subjectMatches("*.b", "a.b")).isTrue();
        assertThat(NatsLimits.subjectMatches("a.>.c", "a.b.c")).isFalse(); // > only as the last token
        assertThat(NatsLimits.subjectMatches("a.*", "a.")).isFalse();
        // Linear however long: 100,000 tokens.
        String many = "t.".repeat(100_000) + "t";
        assertThat(NatsLimits.subjectMatches("*.".repeat(100_000) + "*", many)).isTrue();
    }
}
