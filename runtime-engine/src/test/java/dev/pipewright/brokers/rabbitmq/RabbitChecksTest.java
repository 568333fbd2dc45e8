// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a live run on RabbitMQ refuses beyond the checks every backend shares. */
class RabbitChecksTest {
    private static List<String> errors(Flow flow) {
        return LiveRun.check(flow).stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message).toList();
    }

    /** src -> in -> worker -> {@code next}. */
    private static Flow workerWiredTo(dev.pipewright.model.Node next) {
        return new Flow(new FlowInfo("Onwards", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), Consumer.of("worker", "worker", Position.ORIGIN), next),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, next.id())));
    }

    @Test
    void aConsumerWiredOnToOneQueueTopicProcessorOrEndpointRuns() {
        assertThat(errors(workerWiredTo(Processor.of("tidy", "tidy", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Queue.of("next", "next", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Topic.of("events", "events", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Endpoint.of("crm", "crm", Position.ORIGIN)))).isEmpty();
    }

    @Test
    void aConsumerWiredOnToAMessageStoreRuns() {
        Flow f = workerWiredTo(dev.pipewright.model.MessageStore.of("outbox", "outbox", Position.ORIGIN));
        List<dev.pipewright.model.Node> nodes = new java.util.ArrayList<>(f.nodes());
        nodes.add(Endpoint.of("crm", "crm", Position.ORIGIN));
        List<Edge> edges = new java.util.ArrayList<>(f.edges());
        edges.add(Edge.of("e4", "outbox", Port.OUT, "crm"));
        assertThat(errors(new Flow(f.info(), nodes, edges))).isEmpty();
    }

    @Test
    void aConsumerWiredOnToTwoNodesRuns() {
        Flow two = workerWiredTo(Queue.of("next", "next", Position.ORIGIN));
        List<dev.pipewright.model.Node> nodes = new java.util.ArrayList<>(two.nodes());
        nodes.add(Topic.of("other", "other", Position.ORIGIN));
        List<Edge> edges = new java.util.ArrayList<>(two.edges());
        edges.add(Edge.of("e4", "worker", Port.OUT, "other"));
        assertThat(errors(new Flow(two.info(), nodes, edges))).isEmpty();
    }

    @Test
    void aResequencerFedStraightByAConsumerRuns() {
        Flow f = workerWiredTo(Processor.of("order", "order", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER));
        assertThat(errors(f)).isEmpty();
    }
}
