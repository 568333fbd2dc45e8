// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DefinitionsWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Queue queue(String id, String name) {
        return Queue.of(id, name, Position.ORIGIN);
    }

    private static Topic topic(String id, String name, Topic.Routing routing) {
        return new Topic(id, name, Position.ORIGIN, routing, true);
    }

    private static Edge edge(String id, String from, Port port, String to, String key) {
        return new Edge(id, from, port, to, key, Map.of());
    }

    private static Flow flow(List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo("Orders", "what it is for"), nodes, edges);
    }

    private static JsonNode json(Exported e) {
        try {
            return MAPPER.readTree(e.text());
        } catch (Exception x) {
            throw new AssertionError(x);
        }
    }

    private static JsonNode args(Exported e, String queueName) {
        for (JsonNode q : json(e).get("queues")) {
            if (q.get("name").asText().equals(queueName)) {
                return q.get("arguments");
            }
        }
        throw new AssertionError("no queue " + queueName + " in " + e.text());
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    private static List<String> messages(Exported e, Severity severity) {
        return e.warnings().stream().filter(f -> f.severity() == severity).map(Finding::message).toList();
    }

    @Test
    void topLevelIsInTheOrderRabbitmqctlWritesWithTheVhostAndNoUsers() {
        Exported e = RabbitDefinitions.write(flow(List.of(queue("q", "orders")), List.of()), "shop");
        JsonNode root = json(e);
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("rabbit_version", "rabbitmq_version", "product_name", "product_version",
                "users", "vhosts", "permissions", "topic_permissions", "parameters", "global_parameters", "policies",
                "queues", "exchanges", "bindings");
        assertThat(root.get("rabbit_version").asText()).isEqualTo("3.10.8");
        assertThat(root.get("users")).isEmpty();
        assertThat(root.get("vhosts")).hasSize(1);
        assertThat(root.get("vhosts").get(0).get("name").asText()).isEqualTo("shop");
        assertThat(root.get("vhosts").get(0).get("metadata").get("description").asText()).isEqualTo("what it is for");
        assertThat(root.get("vhosts").get(0).get("metadata").get("tags")).isEmpty();
        assertThat(e.text()).endsWith("}\n").contains("\n  \"users\": [],\n");
        JsonNode q = root.get("queues").get(0);
        assertThat(q.get("vhost").asText()).isEqualTo("shop");
        assertThat(q.get("durable").asBoolean()).isTrue();
        assertThat(q.get("auto_delete").asBoolean()).isFalse();
        assertThat(q.get("arguments").toString()).isEqualTo("{\"x-queue-type\":\"classic\"}");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void eachQueueSettingBecomesItsArgument() {
        Node classic = queue("a", "a").with("maxLength", 10).with("overflow", Overflow.REJECT_PUBLISH_DLX)
                .with("messageTtl", Duration.ofSeconds(30)).with("maxPriority", 5).with("singleActiveConsumer", true);
        Node quorum = queue("b", "b").with("queueType", QueueType.QUORUM).with("deliveryLimit", 3)
                .with("maxLength", 0).with("overflow", Overflow.REJECT_PUBLISH);
        Node dropHead = queue("c", "c").with("maxLength", 7).with("durable", false);
        Node overflowWithoutLength = queue("d", "d").with("overflow", Overflow.REJECT_PUBLISH);
        Exported e = RabbitDefinitions.write(flow(List.of(classic, quorum, dropHead, overflowWithoutLength), List.of()), "/");

        assertThat(args(e, "a").toString()).isEqualTo("{\"x-queue-type\":\"classic\",\"x-max-length\":10,"
                + "\"x-overflow\":\"reject-publish-dlx\",\"x-message-ttl\":30000,\"x-max-priority\":5,"
                + "\"x-single-active-consumer\":true}");
        assertThat(args(e, "b").toString()).isEqualTo("{\"x-queue-type\":\"quorum\",\"x-max-length\":0,"
                + "\"x-overflow\":\"reject-publish\",\"x-delivery-limit\":3}");
        // drop-head is RabbitMQ's default, and an overflow without a length limit means nothing.
        assertThat(args(e, "c").toString()).isEqualTo("{\"x-queue-type\":\"classic\",\"x-max-length\":7}");
        assertThat(args(e, "d").toString()).isEqualTo("{\"x-queue-type\":\"classic\"}");
        assertThat(json(e).get("queues").get(2).get("durable").asBoolean()).isFalse();
        // The generic profile counts a delivery limit differently from a quorum queue: said once, as an info.
        assertThat(messages(e, Severity.INFO)).singleElement().asString().contains("allows 4 deliveries");
        assertThat(messages(e, Severity.WARNING)).isEmpty();
    }

    @Test
    void aTtlInPartsOfAMillisecondIsRoundedUpNeverToZero() {
        Node q = queue("q", "q").with("messageTtl", Duration.ofNanos(300_000));
        Exported e = RabbitDefinitions.write(flow(List.of(q), List.of()), "/");
        assertThat(args(e, "q").get("x-message-ttl").asLong()).isEqualTo(1);
        assertThat(messages(e, Severity.WARNING)).singleElement().asString().contains("written as 1 ms");
    }

    @Test
    void deadLetteringToAQueueGoesThroughTheDefaultExchangeByItsName() {
        Flow f = flow(List.of(queue("work", "work"), DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN)),
                List.of(edge("e1", "work", Port.DEAD_LETTER, "dlq", null)));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(args(e, "work").get("x-dead-letter-exchange").asText()).isEmpty();
        assertThat(args(e, "work").get("x-dead-letter-routing-key").asText()).isEqualTo("work.dlq");
        assertThat(args(e, "work.dlq").has("x-dead-letter-exchange")).isFalse();
        assertThat(json(e).get("bindings")).isEmpty();
    }

    @Test
    void deadLetteringToATopicNamesTheExchangeAndTheEdgesKeyIfAny() {
        Flow f = flow(List.of(queue("a", "a"), queue("b", "b"), topic("t", "dead", Topic.Routing.DIRECT),
                        DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN)),
                List.of(edge("e1", "a", Port.DEAD_LETTER, "t", "failed"), edge("e2", "b", Port.DEAD_LETTER, "t", null),
                        edge("e3", "t", Port.OUT, "dlq", "failed")));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(args(e, "a").get("x-dead-letter-exchange").asText()).isEqualTo("dead");
        assertThat(args(e, "a").get("x-dead-letter-routing-key").asText()).isEqualTo("failed");
        assertThat(args(e, "b").get("x-dead-letter-exchange").asText()).isEqualTo("dead");
        assertThat(args(e, "b").has("x-dead-letter-routing-key")).isFalse();
        assertThat(json(e).get("exchanges").get(0).toString()).isEqualTo("{\"name\":\"dead\",\"vhost\":\"/\","
                + "\"type\":\"direct\",\"durable\":true,\"auto_delete\":false,\"internal\":false,\"arguments\":{}}");
        assertThat(json(e).get("bindings").get(0).toString()).isEqualTo("{\"source\":\"dead\",\"vhost\":\"/\","
                + "\"destination\":\"dlq\",\"destination_type\":\"queue\",\"routing_key\":\"failed\",\"arguments\":{}}");
    }

    @Test
    void aQueueWithTwoDeadLetterEdgesKeepsTheFirstAndSaysSo() {
        Flow f = flow(List.of(queue("w", "work\u001b[31m"), queue("a", "a"), queue("b", "b")),
                List.of(edge("e1", "w", Port.DEAD_LETTER, "a", null), edge("e2", "w", Port.DEAD_LETTER, "b", null)));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(args(e, "work\u001b[31m").get("x-dead-letter-routing-key").asText()).isEqualTo("a");
        assertThat(e.warnings()).singleElement().satisfies(w -> {
            assertThat(w.edgeId()).isEqualTo("e2");
            // Names in findings are escaped, so a warning is safe to print.
            assertThat(w.message()).startsWith("queue 'work\\u001b[31m' has more than one dead-letter target");
        });
    }

    @Test
    void aTopicToATopicIsAnExchangeToExchangeBinding() {
        Flow f = flow(List.of(topic("in", "events", Topic.Routing.TOPIC), topic("eu", "events.eu", Topic.Routing.FANOUT),
                        queue("q", "audit")),
                List.of(edge("e1", "in", Port.OUT, "eu", "*.eu.#"), edge("e2", "eu", Port.OUT, "q", null)));
        JsonNode bindings = json(RabbitDefinitions.write(f, "/")).get("bindings");
        assertThat(bindings).hasSize(2);
        assertThat(bindings.get(0).get("destination").asText()).isEqualTo("events.eu");
        assertThat(bindings.get(0).get("destination_type").asText()).isEqualTo("exchange");
        assertThat(bindings.get(0).get("routing_key").asText()).isEqualTo("*.eu.#");
        assertThat(bindings.get(1).get("source").asText()).isEqualTo("events.eu");
        assertThat(bindings.get(1).get("routing_key").asText()).isEmpty();
    }

    @Test
    void aHeadersBindingCarriesTheEdgesHeadersWithXMatch() {
        Edge match = new Edge("e1", "h", Port.OUT, "q", null, Map.of("x-match", "any", "region", "eu", "tier", "gold"));
        Edge bogus = new Edge("e2", "h", Port.OUT, "q", null, Map.of("x-match", "some"));
        Flow f = flow(List.of(topic("h", "by-header", Topic.Routing.HEADERS), queue("q", "q")), List.of(match, bogus));
        Exported e = RabbitDefinitions.write(f, "/");
        JsonNode bindings = json(e).get("bindings");
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).get("arguments").toString())
                .isEqualTo("{\"region\":\"eu\",\"tier\":\"gold\",\"x-match\":\"any\"}");
        assertThat(json(e).get("exchanges").get(0).get("type").asText()).isEqualTo("headers");
        // RabbitMQ refuses an x-match other than all/any (-with-x): left out, said so.
        assertThat(e.warnings()).singleElement().satisfies(w -> {
            assertThat(w.edgeId()).isEqualTo("e2");
            assertThat(w.message()).contains("x-match 'some'");
        });
    }

    @Test
    void headersOnABindingOfAnotherRoutingAreLeftOutWithAnInfo() {
        Edge e1 = new Edge("e1", "t", Port.OUT, "q", "k", Map.of("region", "eu"));
        Exported e = RabbitDefinitions.write(flow(List.of(topic("t", "t", Topic.Routing.DIRECT), queue("q", "q")),
                List.of(e1)), "/");
        assertThat(json(e).get("bindings").get(0).get("arguments")).isEmpty();
        assertThat(messages(e, Severity.INFO)).singleElement().asString().contains("ignores header arguments");
    }

    @Test
    void applicationCodeIsOneInfoPerNodeAndNothingInTheDefinitions() {
        Flow f = flow(List.of(Source.of("s", "Shop", Position.ORIGIN), queue("q", "orders"),
                        Consumer.of("c", "Billing", Position.ORIGIN), Processor.of("p", "Enricher", Position.ORIGIN)),
                List.of(edge("e1", "s", Port.OUT, "q", null), edge("e2", "q", Port.OUT, "c", null)));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(e.warnings()).extracting(Finding::severity).containsOnly(Severity.INFO);
        assertThat(e.warnings()).extracting(Finding::nodeId).containsExactly("s", "c", "p");
        assertThat(messages(e, Severity.INFO)).contains("consumer 'Billing' is application code; the definitions hold"
                + " only exchanges, queues and bindings");
        assertThat(names(json(e).get("queues"))).containsExactly("orders");
        assertThat(json(e).get("exchanges")).isEmpty();
        assertThat(json(e).get("bindings")).isEmpty();
    }

    /** Queue 'work' dead-letters to 'work.dlq', which retries after 2.5 s at most three times. */
    private static Flow retrying(Node... more) {
        List<Node> nodes = new ArrayList<>(List.of(queue("work", "work"), DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN)
                .with("retryAfter", Duration.ofMillis(2500)).with("maxRetries", 3)));
        nodes.addAll(List.of(more));
        return flow(nodes, List.of(edge("e1", "work", Port.DEAD_LETTER, "dlq", null)));
    }

    @Test
    void aRetryingDeadLetterQueueIsWrittenWithItsWaitQueueBackToTheOriginAndItsParkingQueue() {
        Exported e = RabbitDefinitions.write(retrying(), "/");
        assertThat(names(json(e).get("queues"))).containsExactly("work", "work.dlq", "work.dlq.wait", "work.dlq.parked");
        JsonNode wait = args(e, "work.dlq.wait");
        assertThat(wait.get("x-message-ttl").asLong()).isEqualTo(2500);
        assertThat(wait.get("x-dead-letter-exchange").asText()).isEmpty();
        assertThat(wait.get("x-dead-letter-routing-key").asText()).isEqualTo("work");
        assertThat(wait.get("x-queue-type").asText()).isEqualTo("classic");
        assertThat(args(e, "work.dlq.parked").size()).as("the parking queue only holds").isEqualTo(1);
        assertThat(messages(e, Severity.WARNING)).isEmpty();
        assertThat(e.warnings()).filteredOn(w -> "dlq".equals(w.nodeId())).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.INFO);
            assertThat(w.message()).contains("'work.dlq.wait'", "'work.dlq.parked'", "counts no retries", "pipewright deploy");
        });
    }

    @Test
    void aRetryTheExportCannotWriteIsAWarningSayingWhy() {
        Exported clash = RabbitDefinitions.write(retrying(queue("other", "work.dlq.parked")), "/");
        assertThat(names(json(clash).get("queues"))).containsExactly("work", "work.dlq", "work.dlq.parked");
        assertThat(clash.warnings()).filteredOn(w -> "dlq".equals(w.nodeId())).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("not written", "'work.dlq.parked', the name of another queue");
        });

        Flow twoOrigins = flow(List.of(queue("a", "a"), queue("b", "b"), DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN)
                .with("retryAfter", Duration.ofSeconds(1))), List.of(edge("e1", "a", Port.DEAD_LETTER, "dlq", null),
                edge("e2", "b", Port.DEAD_LETTER, "dlq", null)));
        Exported two = RabbitDefinitions.write(twoOrigins, "/");
        assertThat(names(json(two).get("queues"))).containsExactly("a", "b", "dlq");
        assertThat(two.warnings()).filteredOn(w -> "dlq".equals(w.nodeId())).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("several queues"));
    }

    @Test
    void whatRabbitMqCannotHoldIsAWarningWithTheFix() {
        Node delayed = queue("a", "a").with("deliveryDelay", Duration.ofSeconds(5));
        Node redelivery = queue("b", "b").with("redeliveryDelay", Duration.ofSeconds(1)).with("redeliveryMultiplier", 2.0);
        Node classicLimit = queue("c", "c").with("deliveryLimit", 3);
        Node quorumPriority = queue("d", "d").with("queueType", QueueType.QUORUM).with("maxPriority", 5);
        Node retry = DeadLetterQueue.of("e", "e", Position.ORIGIN).with("retryAfter", Duration.ofSeconds(10));
        Node quorumDlx = queue("f", "f").with("queueType", QueueType.QUORUM).with("maxLength", 5)
                .with("overflow", Overflow.REJECT_PUBLISH_DLX).with("durable", false);
        Exported e = RabbitDefinitions.write(new Flow(new FlowInfo("x", "", Broker.RABBITMQ),
                List.of(delayed, redelivery, classicLimit, quorumPriority, retry, quorumDlx), List.of()), "/");

        assertThat(e.warnings()).allSatisfy(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.fix()).isNotBlank();
        });
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("a")).singleElement()
                .satisfies(w -> assertThat(w.fix()).contains("rabbitmq_delayed_message_exchange", "TTL"));
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("b")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("redeliveries"));
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("c")).singleElement()
                .satisfies(w -> assertThat(w.fix()).contains("quorum"));
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("d")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("priorities"));
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("e")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("retry topology is not written", "no queue dead-letters"));
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("f")).hasSize(2);
        // What the broker refuses is not written, so the import succeeds.
        assertThat(args(e, "c").has("x-delivery-limit")).isFalse();
        assertThat(args(e, "d").has("x-max-priority")).isFalse();
        assertThat(json(e).get("queues").get(5).get("durable").asBoolean()).isTrue();
    }

    @Test
    void aStreamIsWrittenWithoutTheArgumentsRabbitMqRefusesForIt() {
        Node stream = queue("s", "log").with("queueType", QueueType.STREAM).with("maxLength", 10)
                .with("messageTtl", Duration.ofSeconds(1)).with("singleActiveConsumer", true);
        Flow f = flow(List.of(stream, queue("dlq", "dlq")), List.of(edge("e1", "s", Port.DEAD_LETTER, "dlq", null)));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(args(e, "log").toString()).isEqualTo("{\"x-queue-type\":\"stream\"}");
        assertThat(messages(e, Severity.WARNING)).singleElement().asString()
                .contains("x-max-length", "x-message-ttl", "x-single-active-consumer", "x-dead-letter-exchange");
    }

    @Test
    void theBrokersOwnExchangesAreBoundButNeverDeclared() {
        Flow f = flow(List.of(topic("a", "amq.topic", Topic.Routing.TOPIC), topic("b", "amq.direct", Topic.Routing.FANOUT),
                        topic("c", "amq.mine", Topic.Routing.FANOUT), queue("q", "q"), queue("r", "amq.reserved"),
                        queue("w", "w")),
                List.of(edge("e1", "a", Port.OUT, "q", "orders.#"), edge("e2", "b", Port.OUT, "q", "k"),
                        edge("e3", "c", Port.OUT, "q", null), edge("e4", "a", Port.OUT, "r", null),
                        edge("e5", "w", Port.DEAD_LETTER, "a", "dead")));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(json(e).get("exchanges")).isEmpty();
        assertThat(names(json(e).get("queues"))).containsExactly("q", "w");
        JsonNode bindings = json(e).get("bindings");
        assertThat(bindings).hasSize(2);
        assertThat(bindings.get(0).get("source").asText()).isEqualTo("amq.topic");
        assertThat(bindings.get(1).get("source").asText()).isEqualTo("amq.direct");
        assertThat(args(e, "w").get("x-dead-letter-exchange").asText()).isEqualTo("amq.topic");
        // amq.direct routes as direct, whatever the topic says; amq.mine and the queue amq.reserved are refused.
        assertThat(e.warnings()).extracting(Finding::nodeId).containsExactly("b", "c", "r");
        assertThat(e.warnings().get(0).message()).contains("routes as direct, not fanout");
        assertThat(e.warnings().get(1).message()).contains("reserves", "left out");
    }

    @Test
    void refusedAndDuplicateNamesAreLeftOutWithTheirBindings() {
        String tooLong = "é".repeat(128);
        Flow f = flow(List.of(topic("t", "t", Topic.Routing.FANOUT), queue("q1", "same"), queue("q2", "same"),
                        queue("long", tooLong), topic("t2", "t", Topic.Routing.FANOUT)),
                List.of(edge("e1", "t", Port.OUT, "q1", null), edge("e2", "t", Port.OUT, "q2", "x"),
                        edge("e3", "t", Port.OUT, "long", null), edge("e4", "t2", Port.OUT, "q1", "y")));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(names(json(e).get("queues"))).containsExactly("same");
        assertThat(names(json(e).get("exchanges"))).containsExactly("t");
        assertThat(json(e).get("bindings")).hasSize(1);
        assertThat(json(e).get("bindings").get(0).get("routing_key").asText()).isEmpty();
        assertThat(e.warnings()).extracting(Finding::nodeId).containsExactly("q2", "long", "t2");
        assertThat(e.warnings().get(0).message()).contains("same name as node 'q1'");
        assertThat(e.warnings().get(1).message()).contains("256 bytes");
        // A queue and an exchange may share a name: they are apart in RabbitMQ.
        Flow shared = flow(List.of(topic("t", "orders", Topic.Routing.FANOUT), queue("q", "orders")),
                List.of(edge("e1", "t", Port.OUT, "q", null)));
        assertThat(RabbitDefinitions.write(shared, "/").warnings()).isEmpty();
    }

    @Test
    void namesWithQuotesUnicodeAndControlCharactersAreWrittenExactly() {
        String name = "or\"ders\\ \u00e9\u4e2d\ud83d\ude00 \u0001\t\n\u202e";
        Flow f = flow(List.of(topic("t", name + "-x", Topic.Routing.DIRECT), queue("q", name)),
                List.of(edge("e1", "t", Port.OUT, "q", "k\"\u0007")));
        Exported e = RabbitDefinitions.write(f, "v\"h\u00e9");
        JsonNode root = json(e);
        assertThat(root.get("queues").get(0).get("name").asText()).isEqualTo(name);
        assertThat(root.get("queues").get(0).get("vhost").asText()).isEqualTo("v\"h\u00e9");
        assertThat(root.get("exchanges").get(0).get("name").asText()).isEqualTo(name + "-x");
        assertThat(root.get("bindings").get(0).get("routing_key").asText()).isEqualTo("k\"\u0007");
        // The JSON itself holds no raw control character.
        assertThat(e.text().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void aLoneSurrogateIsRefusedInAName() {
        Flow f = flow(List.of(queue("q", "bad\ud800"), queue("r", "fine")), List.of());
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(names(json(e).get("queues"))).containsExactly("fine");
        assertThat(e.warnings()).singleElement().satisfies(w -> {
            assertThat(w.nodeId()).isEqualTo("q");
            assertThat(w.message()).contains("lone surrogate").doesNotContain("\ud800");
        });
        assertThat(e.text().getBytes(StandardCharsets.UTF_8)).asString(StandardCharsets.UTF_8).isEqualTo(e.text());
    }

    @Test
    void aBadVhostNameIsRefusedInWords() {
        Flow f = flow(List.of(), List.of());
        assertThatThrownBy(() -> RabbitDefinitions.write(f, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RabbitDefinitions.write(f, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RabbitDefinitions.write(f, "a\u001b[2Jb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control").satisfies(x -> assertThat(TerminalText.escape(x.getMessage()))
                        .isEqualTo(x.getMessage()));
        assertThatThrownBy(() -> RabbitDefinitions.write(f, "x".repeat(256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes").hasMessageContaining("at most 255");
        assertThatThrownBy(() -> RabbitDefinitions.write(f, "\u00e9".repeat(128)))
                .hasMessageContaining("256 bytes");
        assertThat(RabbitDefinitions.write(f, "x".repeat(255)).text()).contains("x".repeat(255));
        assertThat(RabbitDefinitions.write(f, "/").text()).contains("\"name\": \"/\"");
    }

    @Test
    void entitiesKeepTheFlowsNodeOrderAndTheTextIsStable() {
        Flow f = flow(List.of(queue("z", "z"), topic("t2", "t2", Topic.Routing.FANOUT), queue("a", "a"),
                        topic("t1", "t1", Topic.Routing.FANOUT)),
                List.of(edge("e1", "t1", Port.OUT, "a", null), edge("e2", "t2", Port.OUT, "z", null),
                        edge("e3", "t2", Port.OUT, "a", null)));
        Exported e = RabbitDefinitions.write(f, "/");
        assertThat(names(json(e).get("queues"))).containsExactly("z", "a");
        assertThat(names(json(e).get("exchanges"))).containsExactly("t2", "t1");
        List<String> bindings = new ArrayList<>();
        for (Iterator<JsonNode> it = json(e).get("bindings").elements(); it.hasNext(); ) {
            JsonNode b = it.next();
            bindings.add(b.get("source").asText() + ">" + b.get("destination").asText());
        }
        assertThat(bindings).containsExactly("t2>z", "t2>a", "t1>a");
        assertThat(RabbitDefinitions.write(f, "/").text()).isEqualTo(e.text());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLargeFlowExportsInLinearTime() {
        // 2,000 nodes: 400 topics each bound to its 4 queues and to the next topic, every queue dead-lettering
        // to one DLQ. A writer that looks nodes or edges up by scanning would do millions of steps per lookup pass.
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN));
        for (int t = 0; t < 400; t++) {
            nodes.add(topic("t" + t, "topic-" + t, Topic.Routing.DIRECT));
            if (t > 0) {
                edges.add(edge("tt" + t, "t" + (t - 1), Port.OUT, "t" + t, "next"));
            }
            for (int q = 0; q < 4 && nodes.size() < 2_000; q++) {
                String id = "q" + t + "-" + q;
                nodes.add(queue(id, "queue-" + t + "-" + q).with("maxLength", 100));
                edges.add(edge("b" + id, "t" + t, Port.OUT, id, "k" + q));
                edges.add(edge("d" + id, id, Port.DEAD_LETTER, "dlq", null));
            }
        }
        Flow f = flow(nodes, edges);
        assertThat(f.nodes()).hasSize(2_000);
        Exported e = RabbitDefinitions.write(f, "/");
        JsonNode root = json(e);
        assertThat(root.get("queues")).hasSize(1_600);
        assertThat(root.get("exchanges")).hasSize(400);
        assertThat(root.get("bindings")).hasSize(1_599 + 399);
        assertThat(e.warnings()).isEmpty();
        for (int i = 0; i < 20; i++) {
            RabbitDefinitions.write(f, "/");
        }
    }

    @Test
    void artemisAddressFullPoliciesAreLeftOutWithTheirLimitAndWarnedAbout() {
        Node page = queue("p", "p").with("maxLength", 3).with("overflow", Overflow.PAGE);
        Node block = queue("b", "b").with("maxLength", 3).with("overflow", Overflow.BLOCK);
        Node dropNew = queue("n", "n").with("maxLength", 3).with("overflow", Overflow.DROP_NEW);
        Exported e = RabbitDefinitions.write(flow(List.of(page, block, dropNew), List.of()), "/");
        for (String id : List.of("p", "b", "n")) {
            assertThat(args(e, id).toString()).isEqualTo("{\"x-queue-type\":\"classic\"}");
            assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals(id)).singleElement().satisfies(w -> {
                assertThat(w.severity()).isEqualTo(Severity.WARNING);
                assertThat(w.message()).contains("leaves x-max-length and x-overflow out");
            });
        }
        assertThat(e.warnings()).filteredOn(w -> w.nodeId().equals("n")).singleElement()
                .satisfies(w -> assertThat(w.fix()).contains("reject-publish"));
    }
}
