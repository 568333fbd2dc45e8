// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small builder of flows for check tests: nodes by id, wires by ids. */
final class Flows {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    static Flows flow() {
        return new Flows();
    }

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    Flows source(String id, double rate, String... routingKeys) {
        return node(Source.of(id, null, null).with("rate", rate).with("routingKeys", List.of(routingKeys)));
    }

    Flows queue(String id) {
        return node(Queue.of(id, null, null));
    }

    Flows dlq(String id) {
        return node(DeadLetterQueue.of(id, null, null));
    }

    Flows topic(String id, Topic.Routing routing) {
        return node(Topic.of(id, null, null).with("routing", routing));
    }

    Flows consumer(String id, int instances, Duration meanTime) {
        return node(Consumer.of(id, null, null).with("instances", instances)
                .with("processingTime", Distribution.exponential(meanTime)));
    }

    Flows processor(String id, Processor.Variant variant) {
        return node(Processor.of(id, null, null).with("variant", variant));
    }

    Flows node(Node n) {
        nodes.add(n);
        return this;
    }

    /** Changes one property of a node already added. */
    Flows set(String id, String property, Object value) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id().equals(id)) {
                nodes.set(i, nodes.get(i).with(property, value));
            }
        }
        return this;
    }

    Flows wire(String from, String to) {
        return wire(from, Port.OUT, to, null);
    }

    Flows wire(String from, Port port, String to) {
        return wire(from, port, to, null);
    }

    Flows wire(String from, Port port, String to, String key) {
        edges.add(new Edge("e" + (edges.size() + 1), from, port, to, key, Map.of()));
        return this;
    }

    Flow build() {
        return new Flow(new FlowInfo("test", ""), nodes, edges);
    }
}
