// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

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

/** Flows the tests of live backends run. */
public final class LiveFlows {
    private LiveFlows() {
    }

    /**
     * Source "src" publishing {@code limit} messages at {@code rate} with confirms into queue
     * "orders", taken by consumer "workers" with {@code instances} instances, each holding a
     * message {@code holdMs}.
     */
    public static Flow pointToPoint(double rate, long limit, int instances, int prefetch, long holdMs) {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", rate)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", limit).with("confirms", true);
        Node queue = Queue.of("orders", "orders", Position.ORIGIN);
        Node consumer = Consumer.of("workers", "workers", Position.ORIGIN).with("instances", instances)
                .with("prefetch", prefetch).with("processingTime", Distribution.constant(Duration.ofMillis(holdMs)));
        return new Flow(new FlowInfo("Live", ""), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers")));
    }

    /** src -> queue "in" -> consumer "worker" -> {@code next}: a consumer passing what it finished on. */
    public static Flow workerWiredTo(Node next) {
        return new Flow(new FlowInfo("Onwards", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), Consumer.of("worker", "worker", Position.ORIGIN), next),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, next.id())));
    }

    /** {@code flow} with node {@code node} and edge {@code edge} added. */
    public static Flow plus(Flow flow, Node node, Edge edge) {
        List<Node> nodes = new ArrayList<>(flow.nodes());
        nodes.add(node);
        List<Edge> edges = new ArrayList<>(flow.edges());
        edges.add(edge);
        return new Flow(flow.info(), nodes, edges);
    }
}
