// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What live runs refuse of processors, in the sentences {@code check} shows. */
class LiveChecksTest {
    private static Node processor(String id, Processor.Variant variant) {
        return Processor.of(id, id, Position.ORIGIN).with("variant", variant);
    }

    /** src -> in -> {@code p} -> out, plus {@code extra} nodes and edges. */
    private static Flow fedByAQueue(Node p, List<Node> extraNodes, List<Edge> extraEdges) {
        List<Node> nodes = new ArrayList<>(List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), p, Queue.of("out", "out", Position.ORIGIN)));
        nodes.addAll(extraNodes);
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e1", "src", Port.OUT, "in"),
                Edge.of("e2", "in", Port.OUT, p.id()), Edge.of("e3", p.id(), Port.OUT, "out")));
        edges.addAll(extraEdges);
        return new Flow(new FlowInfo("Checks", ""), nodes, edges);
    }

    private static List<String> errors(Flow flow, boolean runsProcessors) {
        return LiveChecks.common(flow, runsProcessors).stream().filter(f -> f.severity() == Severity.ERROR)
                .map(Finding::message).toList();
    }

    @Test
    void everyVariantFedByAQueueRuns() {
        assertThat(LiveChecks.LIVE_VARIANTS).containsExactlyInAnyOrder(Processor.Variant.values());
        for (Processor.Variant v : Processor.Variant.values()) {
            assertThat(errors(fedByAQueue(processor("p", v), List.of(), List.of()), true)).as(v.name()).isEmpty();
        }
    }

    @Test
    void aProcessorFedStraightByASourceRunsAndAHolderMustNotMixItWithAQueue() {
        Flow byFilter = fedByAQueue(processor("p", Processor.Variant.FILTER), List.of(Source.of("direct", "direct",
                Position.ORIGIN)), List.of(Edge.of("e4", "direct", Port.OUT, "p")));
        assertThat(errors(byFilter, true)).isEmpty();
        Flow byAggregator = fedByAQueue(processor("p", Processor.Variant.AGGREGATOR), List.of(Source.of("direct", "direct",
                Position.ORIGIN)), List.of(Edge.of("e4", "direct", Port.OUT, "p")));
        assertThat(errors(byAggregator, true)).containsExactly("processor 'p': an aggregator fed by a queue and by a"
                + " source ('direct') does not run live (it holds the one's inputs unacknowledged on the queue, the other's in"
                + " memory); feed it from one kind of node, or run it in the simulator");
        Flow bySourceAlone = new Flow(new FlowInfo("Batches", ""), List.of(Source.of("direct", "direct", Position.ORIGIN),
                processor("p", Processor.Variant.AGGREGATOR), Queue.of("out", "out", Position.ORIGIN)),
                List.of(Edge.of("e1", "direct", Port.OUT, "p"), Edge.of("e2", "p", Port.OUT, "out")));
        assertThat(errors(bySourceAlone, true)).isEmpty();
        assertThat(ProcessorStage.holdsInClient(bySourceAlone, (Processor) bySourceAlone.node("p").orElseThrow())).isTrue();
        assertThat(ProcessorStage.holdsInClient(byFilter, (Processor) byFilter.node("p").orElseThrow())).isFalse();
    }

    @Test
    void aProcessorFedByATopicIsRefused() {
        Flow byTopic = fedByAQueue(processor("p", Processor.Variant.FILTER), List.of(Topic.of("t", "events",
                Position.ORIGIN)), List.of(Edge.of("e4", "t", Port.OUT, "p")));
        assertThat(errors(byTopic, true)).containsExactly("processor 'p': a processor fed by a topic does not run live"
                + " yet ('events'); put a queue in front of the processor, or run it in the simulator");
    }

    @Test
    void anAggregatorOrResequencerMustBeFedByOneQueueAlone() {
        Flow afterProcessor = fedByAQueue(processor("t", Processor.Variant.TRANSFORM), List.of(processor("agg",
                Processor.Variant.AGGREGATOR), Queue.of("after", "after", Position.ORIGIN)),
                List.of(Edge.of("e4", "t", Port.OUT, "agg"), Edge.of("e5", "agg", Port.OUT, "after")));
        assertThat(errors(afterProcessor, true)).containsExactly("processor 'agg': an aggregator wired straight from"
                + " processor 't' does not run live: it holds its inputs unacknowledged on their queue; put a queue between"
                + " them, or run it in the simulator");
        Flow twoQueues = fedByAQueue(processor("r", Processor.Variant.RESEQUENCER), List.of(Queue.of("in2", "in2",
                Position.ORIGIN)), List.of(Edge.of("e4", "src", Port.OUT, "in2"), Edge.of("e5", "in2", Port.OUT, "r")));
        assertThat(errors(twoQueues, true)).containsExactly("processor 'r': a resequencer fed by 2 queues does not run"
                + " live (its held inputs are settled on one channel or session); feed it from one queue, or run it in the"
                + " simulator");
    }

    @Test
    void anAggregatorHoldingMoreThanAPrefetchAllowsIsRefusedWithTheLimit() {
        Node big = processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 10_000);
        assertThat(errors(fedByAQueue(big, List.of(), List.of()), true)).containsExactly("processor 'agg': an aggregator"
                + " with batchSize 10000 (a live run lets 8 groups fill at once) would hold 80001 messages unacknowledged,"
                + " and a live run holds at most 65535 (a RabbitMQ channel's prefetch limit); make it smaller, or run it in"
                + " the simulator");
        Node fits = processor("agg", Processor.Variant.AGGREGATOR).with("batchSize", 8_000);
        assertThat(errors(fedByAQueue(fits, List.of(), List.of()), true)).isEmpty();
    }

    @Test
    void processorsWiredInALoopAreRefused() {
        Flow loop = fedByAQueue(processor("p", Processor.Variant.TRANSFORM), List.of(processor("q",
                Processor.Variant.FILTER)), List.of(Edge.of("e4", "p", Port.OUT, "q"), Edge.of("e5", "q", Port.OUT, "p")));
        assertThat(errors(loop, true)).anyMatch(m -> m.startsWith("processor 'p': processors wired in a loop do not run live"))
                .anyMatch(m -> m.startsWith("processor 'q': processors wired in a loop do not run live"));
    }

    @Test
    void aBrokerThatRunsNoProcessorsRefusesEveryOne() {
        assertThat(errors(fedByAQueue(processor("p", Processor.Variant.TRANSFORM), List.of(), List.of()), false))
                .containsExactly("processor 'p': processors do not run live on this broker yet (they do on RabbitMQ and"
                        + " Artemis); run it in the simulator");
    }

    @Test
    void anEndpointFedByASourceOrAConsumerRunsAndOneFedByAProcessorIsRefused() {
        Flow bySource = new Flow(new FlowInfo("Endpoints", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Endpoint.of("crm", "crm", Position.ORIGIN), Endpoint.of("backup", "backup", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "crm"), Edge.of("f", "crm", Port.FAILOVER, "backup")));
        assertThat(errors(bySource, true)).isEmpty();
        assertThat(errors(bySource, false)).containsExactly(
                "endpoint 'crm': endpoints do not run live on this broker yet (they do on RabbitMQ and Artemis); run it in"
                        + " the simulator",
                "endpoint 'backup': endpoints do not run live on this broker yet (they do on RabbitMQ and Artemis); run it in"
                        + " the simulator");
        Flow byConsumer = new Flow(new FlowInfo("Endpoints", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), Consumer.of("worker", "worker", Position.ORIGIN),
                Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, "crm")));
        assertThat(errors(byConsumer, true)).isEmpty();
        // A consumer passes a copy along each of its wires, as the simulator's does.
        Flow twoWires = new Flow(byConsumer.info(), byConsumer.nodes(), java.util.stream.Stream.concat(
                byConsumer.edges().stream(), java.util.stream.Stream.of(Edge.of("e4", "worker", Port.OUT, "in"))).toList());
        assertThat(errors(twoWires, true)).isEmpty();
        Flow byProcessor = new Flow(new FlowInfo("Endpoints", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), processor("p", Processor.Variant.TRANSFORM),
                Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "p"),
                        Edge.of("e3", "p", Port.OUT, "crm")));
        assertThat(errors(byProcessor, true)).isEmpty();
        Flow byQueue = new Flow(new FlowInfo("Endpoints", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "crm")));
        assertThat(errors(byQueue, true)).containsExactly("endpoint 'crm': an endpoint fed by a queue ('in') does not run"
                + " live yet (only one fed by a source, a consumer, a processor or a message store does); put a consumer"
                + " in front of it, or run it in the simulator");
    }

    /** src -> store -> crm, plus {@code extra} nodes and edges. */
    private static Flow throughAStore(List<Node> extraNodes, List<Edge> extraEdges) {
        List<Node> nodes = new ArrayList<>(List.of(Source.of("src", "src", Position.ORIGIN),
                MessageStore.of("store", "outbox", Position.ORIGIN), Endpoint.of("crm", "crm", Position.ORIGIN)));
        nodes.addAll(extraNodes);
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e1", "src", Port.OUT, "store"),
                Edge.of("e2", "store", Port.OUT, "crm")));
        edges.addAll(extraEdges);
        return new Flow(new FlowInfo("Checks", ""), nodes, edges);
    }

    @Test
    void aStoreFedByASourceForwardingToAnEndpointRunsOnTheFullBackendsOnly() {
        assertThat(errors(throughAStore(List.of(), List.of()), true)).isEmpty();
        assertThat(errors(throughAStore(List.of(), List.of()), false)).contains("message store 'outbox': message"
                + " stores do not run live on this broker yet (they do on RabbitMQ and Artemis); run it in the simulator");
    }

    @Test
    void aStoreFedByAQueueOrWiredOnToAQueueIsRefused() {
        Flow fedByQueue = throughAStore(List.of(Queue.of("in", "in", Position.ORIGIN)),
                List.of(Edge.of("e3", "in", Port.OUT, "store")));
        assertThat(errors(fedByQueue, true)).containsExactly("message store 'outbox': a message store fed by a queue"
                + " ('in') does not run live yet (only one fed by a source, a processor or a consumer does); put a"
                + " consumer in front of it, or run it in the simulator");
        Flow toQueueToo = throughAStore(List.of(Queue.of("out", "out", Position.ORIGIN)),
                List.of(Edge.of("e3", "store", Port.OUT, "out")));
        assertThat(errors(toQueueToo, true)).containsExactly("message store 'outbox': a message store runs live only with"
                + " one output wire, to an endpoint; wire it so, or run it in the simulator");
    }

    @Test
    void aProcessorWiredToAnEndpointOrAStoreRuns() {
        Flow toEndpoint = fedByAQueue(processor("p", Processor.Variant.TRANSFORM),
                List.of(Endpoint.of("crm", "crm", Position.ORIGIN)), List.of(Edge.of("e4", "p", Port.OUT, "crm")));
        assertThat(errors(toEndpoint, true)).isEmpty();
        Flow toStore = fedByAQueue(processor("p", Processor.Variant.TRANSFORM),
                List.of(MessageStore.of("store", "outbox", Position.ORIGIN), Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e4", "p", Port.OUT, "store"), Edge.of("e5", "store", Port.OUT, "crm")));
        assertThat(errors(toStore, true)).isEmpty();
        // Not on a backend without the processor stage: there the processor itself is refused.
        assertThat(errors(toStore, false)).isNotEmpty();
    }

    @Test
    void aProcessorWiredToAConsumerIsRefused() {
        Flow flow = fedByAQueue(processor("p", Processor.Variant.TRANSFORM),
                List.of(Consumer.of("worker", "worker", Position.ORIGIN)), List.of(Edge.of("e4", "p", Port.OUT, "worker")));
        assertThat(errors(flow, true)).contains("processor 'p': a processor wired to a consumer ('worker') does not run"
                + " live yet; wire it to a queue, a topic, a processor, an endpoint or a message store, or run it in the"
                + " simulator");
    }

    @Test
    void aStoreFedByAnEndpointIsRefusedInASentenceThatReads() {
        Flow flow = throughAStore(List.of(Endpoint.of("front", "front", Position.ORIGIN)),
                List.of(Edge.of("e3", "src", Port.OUT, "front"), Edge.of("e4", "front", Port.OUT, "store")));
        assertThat(errors(flow, true)).contains("message store 'outbox': a message store fed by an endpoint ('front') does"
                + " not run live yet (only one fed by a source, a processor or a consumer does); put a consumer in front"
                + " of it, or run it in the simulator");
    }
}
