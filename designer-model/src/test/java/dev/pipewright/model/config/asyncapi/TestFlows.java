// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flows for the AsyncAPI tests: every kind with request/reply, hostile names, and a large flow. */
final class TestFlows {
    /** Names a stranger's file may hold: YAML syntax, quotes, control and format characters, unicode. */
    static final List<String> HOSTILE_NAMES = List.of(
            "key: value", "- x", "? question", "# comment", "&anchor", "*alias", "!tag", "|literal", ">folded",
            "yes", "no", "null", "~", "true", "1.0", "0x1F", "1e3", "'single' \"double\" `back`",
            " leading and trailing ", "tab\there", "line\nbreak", "cr\rreturn", "bell\u0007 esc\u001b[31m red",
            "nul\u0000char", "bidi \u202eoverride", "zero\u200bwidth", "ünïcødé 日本語 🚀", "lone \ud800 surrogate",
            "--- document", "... end", "%YAML 1.2", "@at", "{flow: map}", "[flow, seq]", "a,b", "back\\slash",
            "x".repeat(1000));

    private TestFlows() {
    }

    /** A node of every kind, request/reply and a priority mix, on the given profile. */
    static Flow everyKind(Broker broker) {
        Source source = new Source("orders-in", "Order intake", new Position(40, 110), 42.5, Source.Arrival.BURSTS, 5,
                1000L, "{\"id\": ${seq}, \"ref\": \"ord-${seq}\", \"amount\": ${random(1.5,99.5)},"
                + " \"region\": \"${oneOf(eu,us)}\", \"rush\": ${oneOf(true,false)}, \"lines\": [{\"sku\": \"a\","
                + " \"qty\": ${random(1,9)}}], \"note\": null}",
                300, Map.of("tenant", "acme"), Map.of(0, 0.8, 9, 0.2),
                List.of("order.eu", "order.us"), 0.01, "replies", Duration.ofSeconds(2), true, List.of());
        Source opaque = new Source("blobs", "Blob feed", new Position(40, 300), 5, Source.Arrival.CONSTANT, 1,
                null, null, 4096, Map.of(), Map.of(3, 1.0), List.of(), 0, null, Duration.ofSeconds(5), false, List.of());
        Queue queue = new Queue("orders", "Orders", new Position(260, 110), 500, Overflow.REJECT_PUBLISH_DLX,
                Duration.ofSeconds(30), 10, Duration.ofMillis(100), 3, Duration.ofSeconds(1), 2.0,
                Duration.ofMinutes(1), true, false, QueueType.QUORUM, null, false, null, false, null);
        Queue replies = Queue.of("replies", "replies", new Position(260, 400));
        Topic topic = new Topic("events", "Order events", new Position(260, 220), Topic.Routing.TOPIC, false);
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("eu", "$[?(@.region == 'eu')]");
        Processor router = new Processor("router", "Region router", new Position(480, 110),
                Processor.Variant.CONTENT_ROUTER, "$.region", routes, 4,
                Distribution.constant(Duration.ofMillis(5)), 0.05, 20, Duration.ofSeconds(10), 500, Duration.ofSeconds(2));
        Processor transform = Processor.of("enrich", "Enricher", new Position(480, 300));
        Queue enriched = Queue.of("enriched", "enriched", new Position(700, 300));
        Consumer billing = new Consumer("billing", "Billing", new Position(700, 110), 3, 50,
                Distribution.constant(Duration.ofMillis(20)), 0.1, Consumer.FailureAction.DEAD_LETTER,
                Consumer.AckMode.AUTO, List.of(), true, null, null);
        DeadLetterQueue dlq = new DeadLetterQueue("orders-dlq", "Orders DLQ", new Position(480, 220), 100,
                Overflow.REJECT_PUBLISH, Duration.ofHours(1), 5, null, null, null, 1.0, null, false, true,
                Duration.ofSeconds(5), 3, QueueType.CLASSIC, null, false);
        Queue blobs = Queue.of("blob-queue", "blob.queue", new Position(260, 300));
        MessageStore store = MessageStore.of("store", "Outbox", new Position(700, 220));
        Endpoint endpoint = Endpoint.of("erp", "ERP system", new Position(920, 220));
        Consumer replyReader = Consumer.of("reply-reader", "Reply reader", new Position(480, 400));
        List<Edge> edges = List.of(
                Edge.of("e1", "orders-in", Port.OUT, "orders"),
                Edge.of("e2", "orders", Port.OUT, "router"),
                new Edge("e3", "router", Port.OUT, "events", "eu", Map.of()),
                new Edge("e4", "events", Port.OUT, "orders-dlq", "order.#", Map.of()),
                Edge.of("e5", "orders", Port.DEAD_LETTER, "orders-dlq"),
                Edge.of("e6", "orders-dlq", Port.OUT, "billing"),
                Edge.of("e7", "billing", Port.OUT, "store"),
                Edge.of("e8", "store", Port.OUT, "erp"),
                Edge.of("e9", "blobs", Port.OUT, "blob-queue"),
                Edge.of("e10", "blob-queue", Port.OUT, "enrich"),
                Edge.of("e11", "enrich", Port.OUT, "enriched"),
                Edge.of("e12", "enrich", Port.ERROR, "orders-dlq"),
                Edge.of("e13", "replies", Port.OUT, "reply-reader"),
                Edge.of("e14", "orders-in", Port.OUT, "router"));
        return new Flow(new FlowInfo("Every kind", "Every node kind, request/reply and a priority mix.", broker),
                List.of(source, opaque, queue, replies, topic, router, transform, enriched, billing, dlq, blobs, store,
                        endpoint, replyReader), edges);
    }

    /**
     * One source, queue, topic and consumer per hostile name, ids with {@code :} (not allowed in
     * AsyncAPI keys) and the name in headers, template and routing key.
     */
    static Flow hostile(Broker broker) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
            String name = HOSTILE_NAMES.get(i);
            String json = jsonString(name);
            String key = name.length() > 200 ? name.substring(0, 200) : name;
            nodes.add(new Source("s:" + i, name, Position.ORIGIN, 1, Source.Arrival.POISSON, 1, null,
                    "{" + json + ": " + json + ", \"n\": ${seq}}", 10, Map.of(name, name), Map.of(),
                    List.of(key), 0, null, Duration.ofSeconds(1), false, List.of()));
            nodes.add(Queue.of("q:" + i, name, Position.ORIGIN));
            nodes.add(Topic.of("t:" + i, name, Position.ORIGIN).with("routing", Topic.Routing.DIRECT));
            nodes.add(Consumer.of("c:" + i, name, Position.ORIGIN));
            edges.add(Edge.of("a:" + i, "s:" + i, Port.OUT, "t:" + i));
            edges.add(new Edge("b:" + i, "t:" + i, Port.OUT, "q:" + i, key, Map.of()));
            edges.add(Edge.of("c:" + i, "q:" + i, Port.OUT, "c:" + i));
        }
        // Ids that clash once ':' becomes '_'.
        nodes.add(Queue.of("q_0", "clash", Position.ORIGIN));
        return new Flow(new FlowInfo(HOSTILE_NAMES.getFirst() + " \u0007 " + HOSTILE_NAMES.get(1),
                "A description with *markdown*, \"quotes\" and\nlines: - x", broker), nodes, edges);
    }

    /** {@code chains} chains of source, topic, queue, consumer and dead-letter queue: five nodes each. */
    static Flow large(int chains, Broker broker) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < chains; i++) {
            nodes.add(Source.of("s" + i, "source " + i, Position.ORIGIN).with("payloadTemplate",
                    "{\"id\": ${seq}, \"chain\": " + i + ", \"kind\": \"${oneOf(a,b,c)}\"}"));
            nodes.add(Topic.of("t" + i, "topic." + i, Position.ORIGIN));
            nodes.add(Queue.of("q" + i, "queue." + i, Position.ORIGIN).with("deliveryLimit", 5));
            nodes.add(Consumer.of("c" + i, "consumer " + i, Position.ORIGIN));
            nodes.add(DeadLetterQueue.of("d" + i, "queue." + i + ".dlq", Position.ORIGIN));
            edges.add(Edge.of("e" + i + "a", "s" + i, Port.OUT, "t" + i));
            edges.add(Edge.of("e" + i + "b", "t" + i, Port.OUT, "q" + i));
            edges.add(Edge.of("e" + i + "c", "q" + i, Port.OUT, "c" + i));
            edges.add(Edge.of("e" + i + "d", "q" + i, Port.DEAD_LETTER, "d" + i));
            if (i > 0) {
                edges.add(Edge.of("e" + i + "e", "t" + (i - 1), Port.OUT, "q" + i)); // every topic feeds two queues
            }
        }
        return new Flow(new FlowInfo("Large flow", "", broker), nodes, edges);
    }

    /** {@code text} as a JSON string literal. */
    static String jsonString(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
