// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds small flows for tests: nodes at their defaults with a few properties changed, and wires. */
final class FlowBuilder {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    FlowBuilder node(NodeKind kind, String id, Object... properties) {
        Node n = Node.create(kind, id, id, null);
        for (int i = 0; i < properties.length; i += 2) {
            n = n.with((String) properties[i], properties[i + 1]);
        }
        nodes.add(n);
        return this;
    }

    FlowBuilder source(String id, Object... properties) {
        return node(NodeKind.SOURCE, id, properties);
    }

    FlowBuilder queue(String id, Object... properties) {
        return node(NodeKind.QUEUE, id, properties);
    }

    FlowBuilder dlq(String id, Object... properties) {
        return node(NodeKind.DEAD_LETTER_QUEUE, id, properties);
    }

    FlowBuilder topic(String id, Object... properties) {
        return node(NodeKind.TOPIC, id, properties);
    }

    FlowBuilder consumer(String id, Object... properties) {
        return node(NodeKind.CONSUMER, id, properties);
    }

    FlowBuilder processor(String id, Object... properties) {
        return node(NodeKind.PROCESSOR, id, properties);
    }

    FlowBuilder store(String id, Object... properties) {
        return node(NodeKind.MESSAGE_STORE, id, properties);
    }

    FlowBuilder endpoint(String id, Object... properties) {
        return node(NodeKind.ENDPOINT, id, properties);
    }

    FlowBuilder wire(String from, String to) {
        return wire(from, Port.OUT, to, null);
    }

    FlowBuilder wire(String from, Port port, String to) {
        return wire(from, port, to, null);
    }

    FlowBuilder wire(String from, String to, String key) {
        return wire(from, Port.OUT, to, key);
    }

    FlowBuilder wire(String from, Port port, String to, String key) {
        edges.add(new Edge(from + ":" + to, from, port, to, key, Map.of()));
        return this;
    }

    FlowBuilder wireHeaders(String from, String to, Map<String, String> headers) {
        edges.add(new Edge(from + ":" + to, from, Port.OUT, to, null, headers));
        return this;
    }

    FlowBuilder wire(String from, String to, String key, Map<String, String> headers) {
        edges.add(new Edge(from + ":" + to, from, Port.OUT, to, key, headers));
        return this;
    }

    Flow build() {
        return new Flow(new FlowInfo("test", ""), nodes, edges);
    }
}
