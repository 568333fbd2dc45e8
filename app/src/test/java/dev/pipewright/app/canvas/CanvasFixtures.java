// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.layout.LayeredLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flows for the canvas tests, screenshots and benchmark. */
final class CanvasFixtures {
    private CanvasFixtures() {
    }

    static Node node(NodeKind kind, String id, String name, double x, double y) {
        return Node.create(kind, id, name, new Position(x, y));
    }

    /** A source and a queue side by side, not wired. */
    static Flow sourceAndQueue() {
        return new Flow(new FlowInfo("t", ""), List.of(
                node(NodeKind.SOURCE, "source-1", "Orders in", 100, 100),
                node(NodeKind.QUEUE, "queue-1", "orders", 400, 100)), List.of());
    }

    /** Source -> queue -> consumer, wired. */
    static Flow pipeline() {
        return new Flow(new FlowInfo("t", ""), List.of(
                node(NodeKind.SOURCE, "source-1", "Orders in", 100, 100),
                node(NodeKind.QUEUE, "queue-1", "orders", 400, 100),
                node(NodeKind.CONSUMER, "consumer-1", "Workers", 700, 100)), List.of(
                Edge.of("edge-1", "source-1", Port.OUT, "queue-1"),
                Edge.of("edge-2", "queue-1", Port.OUT, "consumer-1")));
    }

    /** An order-processing flow with a topic, bindings, a router, failover and a dead-letter queue. */
    static Flow realistic() {
        Map<String, Node> n = new LinkedHashMap<>();
        Source web = (Source) node(NodeKind.SOURCE, "web-orders", "Web orders", 0, 0);
        web = (Source) web.with("rate", 80.0).with("routingKeys", List.of("order.created"));
        n.put(web.id(), web);
        Topic orders = (Topic) node(NodeKind.TOPIC, "orders", "orders", 0, 0).with("routing", Topic.Routing.TOPIC);
        n.put(orders.id(), orders);
        Queue billing = (Queue) node(NodeKind.QUEUE, "billing", "billing", 0, 0)
                .with("maxLength", 1000).with("deliveryLimit", 3);
        n.put(billing.id(), billing);
        Queue shipping = (Queue) node(NodeKind.QUEUE, "shipping", "shipping", 0, 0)
                .with("messageTtl", Duration.ofSeconds(30));
        n.put(shipping.id(), shipping);
        Consumer workers = (Consumer) node(NodeKind.CONSUMER, "billing-workers", "Billing workers", 0, 0)
                .with("instances", 3).with("processingTime", Distribution.exponential(Duration.ofMillis(30)))
                .with("failureRate", 0.05);
        n.put(workers.id(), workers);
        Processor router = (Processor) node(NodeKind.PROCESSOR, "region-router", "Route by region", 0, 0)
                .with("variant", Processor.Variant.CONTENT_ROUTER)
                .with("routes", Map.of("eu", "$.region == 'eu'", "us", "$.region == 'us'"));
        n.put(router.id(), router);
        Endpoint eu = (Endpoint) node(NodeKind.ENDPOINT, "eu-warehouse", "EU warehouse", 0, 0)
                .with("concurrency", 4);
        n.put(eu.id(), eu);
        n.put("us-warehouse", node(NodeKind.ENDPOINT, "us-warehouse", "US warehouse", 0, 0));
        n.put("backup-warehouse", node(NodeKind.ENDPOINT, "backup-warehouse", "Backup warehouse", 0, 0));
        DeadLetterQueue dlq = (DeadLetterQueue) node(NodeKind.DEAD_LETTER_QUEUE, "billing-dlq", "billing.dlq", 0, 0)
                .with("retryAfter", Duration.ofSeconds(10)).with("maxRetries", 2);
        n.put(dlq.id(), dlq);
        n.put("ops", node(NodeKind.CONSUMER, "ops", "Ops inspector", 0, 0));
        List<Edge> e = new ArrayList<>();
        e.add(Edge.of("e1", "web-orders", Port.OUT, "orders"));
        e.add(Edge.of("e2", "orders", Port.OUT, "billing").withKey("order.created"));
        e.add(Edge.of("e3", "orders", Port.OUT, "shipping").withKey("order.*"));
        e.add(Edge.of("e4", "billing", Port.OUT, "billing-workers"));
        e.add(Edge.of("e5", "shipping", Port.OUT, "region-router"));
        e.add(Edge.of("e6", "region-router", Port.OUT, "eu-warehouse").withKey("eu"));
        e.add(Edge.of("e7", "region-router", Port.OUT, "us-warehouse").withKey("us"));
        e.add(Edge.of("e8", "eu-warehouse", Port.FAILOVER, "backup-warehouse"));
        e.add(Edge.of("e9", "billing", Port.DEAD_LETTER, "billing-dlq"));
        e.add(Edge.of("e10", "billing-dlq", Port.OUT, "ops"));
        e.add(Edge.of("e11", "region-router", Port.ERROR, "billing-dlq"));
        Flow flow = new Flow(new FlowInfo("Order processing", ""), new ArrayList<>(n.values()), e);
        Map<String, Position> at = LayeredLayout.layout(flow);
        return flow.mapNodes(at.keySet(), node -> node.withPosition(at.get(node.id())));
    }

    /** A generated flow of {@code nodes} nodes and about {@code wires} wires, laid out in a grid. */
    static Flow large(int nodes, int wires) {
        NodeKind[] kinds = {NodeKind.SOURCE, NodeKind.QUEUE, NodeKind.CONSUMER, NodeKind.TOPIC, NodeKind.QUEUE};
        List<Node> list = new ArrayList<>();
        int columns = 25;
        for (int i = 0; i < nodes; i++) {
            NodeKind k = kinds[i % kinds.length];
            list.add(node(k, "n" + i, k.displayName() + " " + i, (i % columns) * 220.0, (i / columns) * 110.0));
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; edges.size() < wires && i < nodes * 4; i++) {
            int from = i % nodes;
            int to = (from + 1 + (i / nodes) * columns) % nodes;
            Node a = list.get(from);
            Node b = list.get(to);
            if (a.kind().outputs().isEmpty() || b.kind().inputs().isEmpty() || from == to) {
                continue;
            }
            edges.add(Edge.of("w" + edges.size(), a.id(), a.kind().outputs().get(0), b.id()));
        }
        return new Flow(new FlowInfo("Large", ""), list, edges);
    }
}
