// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

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
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a live run on NATS takes and what it refuses, one sentence naming the node and what to do. */
class NatsLiveChecksTest {
    /** src (keys) -> topic "events" (routing) -> queue "q" (binding key) -> consumer "w". */
    private static Flow topicFlow(Topic.Routing routing, String bindingKey, List<String> keys) {
        Edge binding = Edge.of("t", "events", Port.OUT, "q");
        return new Flow(new FlowInfo("checks", "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", 10.0).with("routingKeys", keys),
                Topic.of("events", "events", Position.ORIGIN).with("routing", routing),
                Queue.of("q", "q", Position.ORIGIN), Consumer.of("w", "w", Position.ORIGIN)),
                List.of(Edge.of("e0", "src", Port.OUT, "events"), bindingKey == null ? binding : binding.withKey(bindingKey),
                        Edge.of("e1", "q", Port.OUT, "w")));
    }

    private static List<String> errors(Flow flow) {
        return NatsLiveRun.check(flow).stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message).toList();
    }

    @Test
    void fanoutDirectAndSubjectFilterTopicsRunLive() {
        assertThat(errors(topicFlow(Topic.Routing.FANOUT, null, List.of()))).isEmpty();
        assertThat(errors(topicFlow(Topic.Routing.DIRECT, "orders.eu", List.of("orders.eu")))).isEmpty();
        assertThat(errors(topicFlow(Topic.Routing.TOPIC, "orders.*.>", List.of("orders.eu.1")))).isEmpty();
    }

    @Test
    void aHeadersTopicIsRefusedNamingItAndWhatToDo() {
        assertThat(errors(topicFlow(Topic.Routing.HEADERS, null, List.of())))
                .containsExactly("topic 'events': NATS routes by subject, not by headers; give it topic routing with"
                        + " subject filters, or run it in the simulator");
    }

    @Test
    void bindingKeysThatAreNoSubjectFilterAreRefused() {
        for (String key : List.of("a..b", "a b", ">.a", "a*", "a.>x")) {
            assertThat(errors(topicFlow(Topic.Routing.TOPIC, key, List.of("a.b")))).as(key).singleElement()
                    .asString().startsWith("topic 'events': binding key '" + key + "' to queue 'q' is not a NATS subject filter");
        }
        assertThat(errors(topicFlow(Topic.Routing.DIRECT, "a.*", List.of("a.b")))).singleElement().asString()
                .contains("a direct binding takes no wildcards");
    }

    @Test
    void routingKeysThatAreNoSubjectToPublishOnAreRefused() {
        for (String key : List.of("a.*", "a.>", "a..b", "a\tb")) {
            assertThat(errors(topicFlow(Topic.Routing.TOPIC, "a.*", List.of(key)))).as(key).singleElement().asString()
                    .startsWith("source 'src': routing key '").contains("is not a NATS subject to publish on");
        }
    }

    @Test
    void aTopicBoundToTheSameQueueTwiceOrToAConsumerIsRefused() {
        Flow twice = topicFlow(Topic.Routing.TOPIC, "a.*", List.of("a.b"));
        List<Edge> edges = new ArrayList<>(twice.edges());
        edges.add(Edge.of("t2", "events", Port.OUT, "q").withKey("b.*"));
        assertThat(errors(new Flow(twice.info(), twice.nodes(), edges))).singleElement().asString()
                .contains("is bound to queue 'q' twice");
        Flow toConsumer = new Flow(twice.info(), twice.nodes(), List.of(Edge.of("e0", "src", Port.OUT, "events"),
                Edge.of("t", "events", Port.OUT, "w")));
        assertThat(errors(toConsumer)).anyMatch(m -> m.startsWith("topic 'events': on NATS a live topic's bindings are queues"));
    }

    @Test
    void aDeadLetterWireRunsLiveAndADeadLetterRetryIsRefused() {
        List<Node> nodes = List.of(Source.of("src", "src", Position.ORIGIN).with("rate", 10.0),
                Queue.of("q", "q", Position.ORIGIN).with("deliveryLimit", 3), Consumer.of("w", "w", Position.ORIGIN),
                DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN));
        List<Edge> edges = List.of(Edge.of("e0", "src", Port.OUT, "q"), Edge.of("e1", "q", Port.OUT, "w"),
                Edge.of("e2", "q", Port.DEAD_LETTER, "dlq"));
        assertThat(errors(new Flow(new FlowInfo("dl", "", Broker.NATS), nodes, edges))).isEmpty();
        List<Node> retrying = new ArrayList<>(nodes);
        retrying.set(3, DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN).with("retryAfter", Duration.ofSeconds(5)));
        assertThat(errors(new Flow(new FlowInfo("dl", "", Broker.NATS), retrying, edges))).singleElement().asString()
                .startsWith("dead-letter queue 'dlq': a retry back to the origin does not run live on NATS yet");
    }
}
