// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The flows the benchmarks run. */
final class BenchFlows {
    private BenchFlows() {
    }

    /**
     * {@code pipelines} copies of source -> queue -> 4 competing consumers. Each source is Poisson
     * at {@code rate} msg/s; each consumer instance takes exp(0.5 ms) per message, so the four
     * together serve 8,000 msg/s per pipeline.
     */
    static Flow competingConsumers(int pipelines, double rate) {
        return competingConsumers(pipelines, rate, Duration.ofNanos(500_000));
    }

    /**
     * As {@link #competingConsumers(int, double)}, but each queue holds every message back for
     * {@code deliveryDelay} first: each delayed message is one pending event, so the event list
     * holds about {@code pipelines * rate * deliveryDelay} events.
     */
    static Flow delayedCompetingConsumers(int pipelines, double rate, Duration deliveryDelay) {
        Flow flow = competingConsumers(pipelines, rate, Duration.ofNanos(500_000));
        return new Flow(flow.info(), flow.nodes().stream()
                .map(n -> n instanceof Queue q ? q.with("deliveryDelay", deliveryDelay) : n).toList(), flow.edges());
    }

    static Flow competingConsumers(int pipelines, double rate, Duration meanService) {
        return competingConsumers(pipelines, rate, meanService, 4);
    }

    /**
     * Many messages in flight: {@code pipelines} copies of source -> queue -> a consumer of 1,200
     * instances taking exp(1 s) each, the source at 1,000 msg/s, so about 1,000 instances per
     * pipeline are busy at any time and each busy one is a completion pending at a random time:
     * 100 pipelines hold about 100,000 pending events (issue 15, item 2).
     */
    static Flow manyInFlight(int pipelines) {
        return competingConsumers(pipelines, 1000, Duration.ofSeconds(1), 1200);
    }

    /**
     * As {@link #manyInFlight(int)} but overloaded: 1,300 msg/s into 1,200 msg/s of capacity, each
     * queue capped at 1,000 messages (the overflow is dropped), so every instance is busy and each
     * completion takes the next message from the queue at once.
     */
    static Flow manyInFlightSaturated(int pipelines) {
        Flow flow = competingConsumers(pipelines, 1300, Duration.ofSeconds(1), 1200);
        return new Flow(flow.info(), flow.nodes().stream()
                .map(n -> n instanceof Queue q ? q.with("maxLength", 1000) : n).toList(), flow.edges());
    }

    static Flow competingConsumers(int pipelines, double rate, Duration meanService, int instances) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < pipelines; i++) {
            String src = "src-" + i;
            String queue = "queue-" + i;
            String workers = "workers-" + i;
            nodes.add(Source.of(src, src, Position.ORIGIN).with("rate", rate));
            nodes.add(Queue.of(queue, queue, Position.ORIGIN));
            nodes.add(Consumer.of(workers, workers, Position.ORIGIN)
                    .with("instances", instances)
                    .with("processingTime", Distribution.exponential(meanService)));
            edges.add(Edge.of("in-" + i, src, Port.OUT, queue));
            edges.add(Edge.of("out-" + i, queue, Port.OUT, workers));
        }
        return new Flow(new FlowInfo("competing consumers x" + pipelines, ""), nodes, edges);
    }

    /** The payload template most sample flows use: a sequence number and a whole-number draw. */
    static final String SAMPLE_TEMPLATE = "{\"orderId\": \"${seq}\", \"amount\": ${random(5,500)}}";

    /** {@code flow} with every source's payload made from {@link #SAMPLE_TEMPLATE}. */
    static Flow templated(Flow flow) {
        return new Flow(flow.info(), flow.nodes().stream()
                .map(n -> n instanceof Source s ? s.with("payloadTemplate", SAMPLE_TEMPLATE) : n).toList(), flow.edges());
    }

    /** A source that publishes {@code messages} at once into a queue nobody consumes: a backlog. */
    static Flow backlog(long messages) {
        Node source = Source.of("src", "src", Position.ORIGIN)
                .with("rate", 1_000_000.0)
                .with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", messages);
        Node queue = Queue.of("backlog", "backlog", Position.ORIGIN);
        return new Flow(new FlowInfo("backlog", ""), List.of(source, queue),
                List.of(Edge.of("in", "src", Port.OUT, "backlog")));
    }
}
