// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Broker;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A flow with a node of every kind, every property set to something other than its default. */
final class EveryKindFlow {
    private EveryKindFlow() {
    }

    static Flow create() {
        Source source = new Source("orders-in", "Order intake", new Position(40, 110), 42.5, Source.Arrival.BURSTS, 5,
                1000L, "{\"id\": ${seq}}", 300_000, Map.of("tenant", "acme"), Map.of(0, 0.8, 9, 0.2),
                List.of("order.eu", "order.us"), 0.01, "replies", Duration.ofSeconds(2), true,
                List.of(new ScriptedMessage(Duration.ofSeconds(1), "m1", "order.eu", 5, Map.of("tenant", "acme"),
                        Duration.ofSeconds(2), Duration.ofMillis(500)), ScriptedMessage.at(Duration.ofMillis(1500), "m2")));
        Queue queue = new Queue("orders", "Orders", new Position(260, 110), 500, Overflow.REJECT_PUBLISH_DLX,
                Duration.ofSeconds(30), 10, Duration.ofMillis(100), 3, Duration.ofSeconds(1), 2.0,
                Duration.ofMinutes(1), true, false, QueueType.QUORUM, Duration.ofSeconds(45), true, 12, true, "https://orders.example.com/push");
        Topic topic = new Topic("events", "Order events", new Position(260, 220), Topic.Routing.TOPIC, false);
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("eu", "$[?(@.region == 'eu')]");
        routes.put("us", "$[?(@.region == 'us')]");
        Processor router = new Processor("router", "Region router", new Position(480, 110),
                Processor.Variant.CONTENT_ROUTER, "$.region", routes, 4,
                Distribution.uniform(Duration.ofMillis(5), Duration.ofMillis(15)), 0.05, 20, Duration.ofSeconds(10),
                500, Duration.ofSeconds(2));
        Consumer consumer = new Consumer("billing", "Billing", new Position(700, 110), 3, 50,
                Distribution.normal(Duration.ofMillis(20), Duration.ofMillis(5)), 0.1,
                Consumer.FailureAction.DEAD_LETTER, Consumer.AckMode.AUTO,
                List.of(new Consumer.Crash(Duration.ofSeconds(10), 1, Duration.ofSeconds(5))), true, 2, "header:kind=poison");
        DeadLetterQueue dlq = new DeadLetterQueue("orders-dlq", "Orders DLQ", new Position(480, 220), 100,
                Overflow.REJECT_PUBLISH, Duration.ofHours(1), 5, Duration.ofMillis(10), 2, Duration.ofMillis(500), 1.5,
                Duration.ofSeconds(30), true, false, Duration.ofSeconds(5), 3, QueueType.QUORUM, Duration.ofMinutes(2), true);
        MessageStore store = new MessageStore("store", "Outbox", new Position(700, 220), Duration.ofSeconds(2), 5, true,
                Distribution.exponential(Duration.ofMillis(3)));
        Endpoint endpoint = new Endpoint("erp", "ERP system", new Position(920, 220), 2,
                Distribution.constant(Duration.ofMillis(40)),
                List.of(new Endpoint.DownWindow(Duration.ofSeconds(30), Duration.ofMinutes(1))));
        List<Edge> edges = List.of(
                Edge.of("e1", "orders-in", Port.OUT, "orders"),
                Edge.of("e2", "orders", Port.OUT, "router"),
                new Edge("e3", "router", Port.OUT, "events", "eu", Map.of()),
                new Edge("e4", "events", Port.OUT, "orders-dlq", "order.#", Map.of("x-match", "all", "region", "eu")),
                Edge.of("e5", "orders", Port.DEAD_LETTER, "orders-dlq"),
                Edge.of("e6", "orders-dlq", Port.OUT, "billing"),
                Edge.of("e7", "billing", Port.OUT, "store"),
                Edge.of("e8", "store", Port.OUT, "erp"));
        return new Flow(new FlowInfo("Every kind", "Round-trip fixture: every node kind, every property set.",
                Broker.ARTEMIS),
                List.of(source, queue, topic, router, consumer, dlq, store, endpoint), edges);
    }
}
