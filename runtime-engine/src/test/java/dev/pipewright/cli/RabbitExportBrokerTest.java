// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import dev.pipewright.brokers.rabbitmq.AmqpTables;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exported definitions on the real RabbitMQ: each test exports a flow with the command line,
 * imports it into a scratch virtual host through the management API, and asks the broker: every
 * queue and exchange is there (passive declares), holds exactly the designed arguments (an active
 * declare with them is accepted, where a mismatch is refused with PRECONDITION_FAILED, and the
 * management API reports them), and every binding routes a probe message where the design says.
 */
class RabbitExportBrokerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SAMPLES = Path.of("../samples/flows");

    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private String vhost;

    @BeforeEach
    void scratchVhost() throws IOException {
        admin = RabbitAdmin.connectOrSkip();
        vhost = admin.scratchVhost();
    }

    @AfterEach
    void deleteVhost() throws IOException {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Exports {@code flowFile} with the command line and imports the result; returns the definitions. */
    private JsonNode exportAndImport(Path flowFile) throws IOException {
        Path out = dir.resolve(flowFile.getFileName() + ".definitions.json");
        CliRun run = CliRun.of("export", flowFile.toString(), "--to", "rabbitmq", "--vhost", vhost, "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        admin.importDefinitions(text);
        return MAPPER.readTree(text);
    }

    private JsonNode exportAndImport(Flow flow) throws IOException {
        return exportAndImport(TestFlows.write(dir, "f" + System.nanoTime() + ".flow.json", flow));
    }

    /**
     * Every exported queue and exchange exists on the broker and takes an active declare with exactly its
     * exported arguments; the broker reports those arguments back.
     */
    private void assertBrokerHoldsEveryEntity(JsonNode defs) throws Exception {
        try (Connection c = RabbitAdmin.amqp(vhost)) {
            for (JsonNode q : defs.get("queues")) {
                String name = q.get("name").asText();
                Map<String, Object> args = AmqpTables.of(q.get("arguments"));
                try (Channel ch = c.createChannel()) {
                    ch.queueDeclarePassive(name);
                    ch.queueDeclare(name, q.get("durable").asBoolean(), false, false, args);
                }
                assertThat(admin.queue(vhost, name).get("arguments")).as("arguments of queue %s", name)
                        .isEqualTo(q.get("arguments"));
            }
            for (JsonNode x : defs.get("exchanges")) {
                String name = x.get("name").asText();
                try (Channel ch = c.createChannel()) {
                    ch.exchangeDeclarePassive(name);
                    ch.exchangeDeclare(name, x.get("type").asText(), x.get("durable").asBoolean(), false, Map.of());
                }
                assertThat(admin.exchange(vhost, name).get("type").asText()).isEqualTo(x.get("type").asText());
            }
        }
    }

    private static Node queue(String id, String name) {
        return Queue.of(id, name, Position.ORIGIN);
    }

    private static Node dlq(String id, String name) {
        return DeadLetterQueue.of(id, name, Position.ORIGIN);
    }

    private static Node topic(String id, String name, Topic.Routing routing) {
        return new Topic(id, name, Position.ORIGIN, routing, true);
    }

    private static Edge edge(String id, String from, Port port, String to, String key) {
        return new Edge(id, from, port, to, key, Map.of());
    }

    /** Publishes with confirms; true when some queue took it, false when the broker returned it unroutable. */
    private static boolean publish(Channel ch, String exchange, String key, Map<String, Object> headers, String body)
            throws Exception {
        AtomicInteger returned = new AtomicInteger();
        ch.clearReturnListeners();
        ch.addReturnListener(r -> returned.incrementAndGet());
        ch.confirmSelect();
        ch.basicPublish(exchange, key, true, new AMQP.BasicProperties.Builder().headers(headers).build(),
                body.getBytes(StandardCharsets.UTF_8));
        // The broker sends basic.return before the confirm, so once confirmed the count is final.
        ch.waitForConfirmsOrDie(30_000);
        return returned.get() == 0;
    }

    /** The next message on {@code queue}, polled for with a generous bound (dead-lettering is asynchronous). */
    private static GetResponse awaitMessage(Channel ch, String queue) throws Exception {
        return awaitMessage(ch, queue, true);
    }

    private static GetResponse awaitMessage(Channel ch, String queue, boolean autoAck) throws Exception {
        for (int i = 0; i < 2_000; i++) {
            GetResponse r = ch.basicGet(queue, autoAck);
            if (r != null) {
                return r;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no message reached queue " + queue);
    }

    private static String body(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    private static String deathReason(GetResponse r) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) r.getProps().getHeaders().get("x-death");
        return String.valueOf(deaths.get(0).get("reason"));
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void everyQueueSettingIsHeldByTheBrokerAsDesigned() throws Exception {
        Node classic = queue("a", "classic-settings").with("maxLength", 10).with("overflow", Overflow.REJECT_PUBLISH_DLX)
                .with("messageTtl", Duration.ofSeconds(30)).with("maxPriority", 5).with("singleActiveConsumer", true);
        Node quorum = queue("b", "quorum-settings").with("queueType", QueueType.QUORUM).with("deliveryLimit", 3)
                .with("maxLength", 0).with("overflow", Overflow.REJECT_PUBLISH).with("messageTtl", Duration.ofMinutes(5))
                .with("singleActiveConsumer", true);
        Node transientQueue = queue("c", "transient").with("durable", false).with("maxLength", 7);
        Node stream = queue("s", "log").with("queueType", QueueType.STREAM);
        // Settings the broker refuses for the type: left out with a warning, so the import is accepted.
        Node refused = queue("r", "refused").with("queueType", QueueType.QUORUM).with("maxPriority", 3)
                .with("durable", false);
        Node classicLimit = queue("l", "classic-limit").with("deliveryLimit", 2);
        Node dead = dlq("d", "settings.dlq").with("maxLength", 1000);
        Flow flow = new Flow(new FlowInfo("Settings", "every queue argument"),
                List.of(classic, quorum, transientQueue, stream, refused, classicLimit, dead),
                List.of(edge("e1", "a", Port.DEAD_LETTER, "d", null), edge("e2", "b", Port.DEAD_LETTER, "d", null)));

        JsonNode defs = exportAndImport(flow);

        assertThat(defs.get("queues")).hasSize(7);
        assertBrokerHoldsEveryEntity(defs);
        assertThat(admin.queue(vhost, "classic-settings").get("arguments")).isEqualTo(MAPPER.readTree("""
                {"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "settings.dlq", "x-max-length": 10,
                 "x-max-priority": 5, "x-message-ttl": 30000, "x-overflow": "reject-publish-dlx",
                 "x-queue-type": "classic", "x-single-active-consumer": true}"""));
        JsonNode reported = admin.queue(vhost, "quorum-settings");
        assertThat(reported.get("type").asText()).isEqualTo("quorum");
        assertThat(reported.get("arguments").get("x-delivery-limit").asInt()).isEqualTo(3);
        assertThat(reported.get("arguments").get("x-dead-letter-routing-key").asText()).isEqualTo("settings.dlq");
        assertThat(admin.queue(vhost, "classic-settings").get("arguments").get("x-max-priority").asInt()).isEqualTo(5);
        assertThat(admin.queue(vhost, "transient").get("durable").asBoolean()).isFalse();
        assertThat(admin.queue(vhost, "log").get("type").asText()).isEqualTo("stream");
        assertThat(admin.queue(vhost, "refused").get("durable").asBoolean()).isTrue();
    }

    @Test
    void aDeclareWithOtherArgumentsIsRefusedSoAcceptanceProvesTheArguments() throws Exception {
        Node q = queue("q", "limited").with("maxLength", 10);
        exportAndImport(new Flow(new FlowInfo("One", ""), List.of(q), List.of()));
        try (Connection c = RabbitAdmin.amqp(vhost)) {
            Channel ch = c.createChannel();
            assertThatThrownBy(() -> ch.queueDeclare("limited", true, false, false,
                    Map.of("x-queue-type", "classic", "x-max-length", 11)))
                    .hasRootCauseInstanceOf(ShutdownSignalException.class)
                    .rootCause().hasMessageContaining("PRECONDITION_FAILED");
            try (Channel again = c.createChannel()) {
                again.queueDeclare("limited", true, false, false, Map.of("x-queue-type", "classic", "x-max-length", 10));
            }
        }
    }

    @Test
    void aQuorumQueueTakesRejectPublishDlxButDropsTheOldestMessage() throws Exception {
        // What the export's warning for this setting says, measured.
        Node q = queue("q", "quorum-full").with("queueType", QueueType.QUORUM).with("maxLength", 1)
                .with("overflow", Overflow.REJECT_PUBLISH_DLX);
        JsonNode defs = exportAndImport(new Flow(new FlowInfo("Quorum overflow", ""), List.of(q), List.of()));
        assertBrokerHoldsEveryEntity(defs);
        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish("", "quorum-full", null, "first".getBytes(StandardCharsets.UTF_8));
            ch.basicPublish("", "quorum-full", null, "second".getBytes(StandardCharsets.UTF_8));
            assertThat(ch.waitForConfirms(30_000)).as("both publishes confirmed, none refused").isTrue();
            assertThat(body(awaitMessage(ch, "quorum-full"))).isEqualTo("second");
            assertThat(ch.basicGet("quorum-full", true)).isNull();
        }
    }

    @Test
    void bindingsRouteAsDesignedThroughEveryExchangeType() throws Exception {
        Node orders = topic("orders", "orders", Topic.Routing.TOPIC);
        Node audit = topic("audit", "audit", Topic.Routing.FANOUT);
        Node byHeader = topic("hdr", "by-header", Topic.Routing.HEADERS);
        Node billing = topic("bill", "billing", Topic.Routing.DIRECT);
        Node amqTopic = topic("amq", "amq.topic", Topic.Routing.TOPIC);
        List<Node> nodes = List.of(orders, audit, byHeader, billing, amqTopic, queue("eu", "eu-orders"),
                queue("log", "audit-log"), queue("gold", "gold"), queue("inv", "invoices"));
        List<Edge> edges = List.of(
                edge("b1", "orders", Port.OUT, "eu", "orders.eu.*"),
                edge("b2", "orders", Port.OUT, "audit", "#"),
                edge("b3", "audit", Port.OUT, "log", null),
                new Edge("b4", "hdr", Port.OUT, "gold", null, Map.of("x-match", "all", "tier", "gold", "region", "eu")),
                edge("b5", "bill", Port.OUT, "inv", "invoice"),
                edge("b6", "amq", Port.OUT, "eu", "legacy.#"));
        JsonNode defs = exportAndImport(new Flow(new FlowInfo("Routing", ""), nodes, edges));

        assertThat(defs.get("exchanges")).hasSize(4);
        assertThat(defs.get("bindings")).hasSize(6);
        assertBrokerHoldsEveryEntity(defs);
        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            // A topic pattern, and through the exchange-to-exchange binding to the fanout's queue.
            assertThat(publish(ch, "orders", "orders.eu.de", null, "de")).isTrue();
            assertThat(body(awaitMessage(ch, "eu-orders"))).isEqualTo("de");
            assertThat(body(awaitMessage(ch, "audit-log"))).isEqualTo("de");
            assertThat(publish(ch, "orders", "orders.us.ny", null, "ny")).isTrue();
            assertThat(body(awaitMessage(ch, "audit-log"))).isEqualTo("ny");
            assertThat(ch.basicGet("eu-orders", true)).isNull();
            // Headers: all of them must match.
            assertThat(publish(ch, "by-header", "", Map.of("tier", "gold", "region", "eu"), "gold-eu")).isTrue();
            assertThat(body(awaitMessage(ch, "gold"))).isEqualTo("gold-eu");
            assertThat(publish(ch, "by-header", "", Map.of("tier", "gold", "region", "us"), "gold-us")).isFalse();
            // Direct: the key exactly.
            assertThat(publish(ch, "billing", "invoice", null, "inv")).isTrue();
            assertThat(body(awaitMessage(ch, "invoices"))).isEqualTo("inv");
            assertThat(publish(ch, "billing", "invoices", null, "no")).isFalse();
            // The broker's own exchange: not declared, but bound.
            assertThat(publish(ch, "amq.topic", "legacy.orders", null, "old")).isTrue();
            assertThat(body(awaitMessage(ch, "eu-orders"))).isEqualTo("old");
        }
    }

    @Test
    void deadLetterRoutesReachTheirQueuesThroughTheDefaultExchangeAndThroughATopic() throws Exception {
        Node work = queue("work", "work");
        Node full = queue("full", "full").with("maxLength", 0);
        Node quorum = queue("qw", "quorum-work").with("queueType", QueueType.QUORUM).with("deliveryLimit", 1);
        Node dead = topic("dead", "dead", Topic.Routing.DIRECT);
        List<Node> nodes = List.of(work, full, quorum, dead, dlq("wdlq", "work.dlq"), dlq("fdlq", "failed.dlq"));
        List<Edge> edges = List.of(
                edge("d1", "work", Port.DEAD_LETTER, "wdlq", null),
                edge("d2", "full", Port.DEAD_LETTER, "wdlq", null),
                edge("d3", "qw", Port.DEAD_LETTER, "dead", "failed"),
                edge("b1", "dead", Port.OUT, "fdlq", "failed"));
        JsonNode defs = exportAndImport(new Flow(new FlowInfo("Dead letters", ""), nodes, edges));
        assertBrokerHoldsEveryEntity(defs);

        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            // Rejected without requeue: to work.dlq by the default exchange and the queue's name.
            publish(ch, "", "work", null, "rejected");
            GetResponse got = awaitMessage(ch, "work", false);
            ch.basicReject(got.getEnvelope().getDeliveryTag(), false);
            GetResponse dl = awaitMessage(ch, "work.dlq");
            assertThat(body(dl)).isEqualTo("rejected");
            assertThat(deathReason(dl)).isEqualTo("rejected");

            // Over a max length of 0 (drop-head): dead-lettered at once, to the same DLQ.
            publish(ch, "", "full", null, "overflow");
            GetResponse over = awaitMessage(ch, "work.dlq");
            assertThat(body(over)).isEqualTo("overflow");
            assertThat(deathReason(over)).isEqualTo("maxlen");

            // Past the quorum queue's delivery limit 1 (two deliveries): through the dead exchange with key "failed".
            publish(ch, "", "quorum-work", null, "poison");
            for (int delivery = 0; delivery < 2; delivery++) {
                GetResponse r = awaitMessage(ch, "quorum-work", false);
                ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
            }
            GetResponse poison = awaitMessage(ch, "failed.dlq");
            assertThat(body(poison)).isEqualTo("poison");
            assertThat(deathReason(poison)).isEqualTo("delivery_limit");
            assertThat(poison.getEnvelope().getRoutingKey()).isEqualTo("failed");
        }
    }

    @Test
    void theRetryTopologyIsHeldAsWrittenAndTheWaitQueueSendsBackToTheOriginAfterItsTtl() throws Exception {
        JsonNode defs = exportAndImport(LiveRetryFidelityTest.retry(dev.pipewright.model.Broker.RABBITMQ, false));
        assertThat(admin.queues(vhost)).containsExactlyInAnyOrder("work", "work.dlq", "work.dlq.wait", "work.dlq.parked");
        assertBrokerHoldsEveryEntity(defs);
        assertThat(admin.queue(vhost, "work.dlq.wait").get("arguments").get("x-message-ttl").asLong()).isEqualTo(200);

        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            // What the broker alone does with the wait queue: after its TTL, back to 'work' by the default exchange.
            publish(ch, "", "work.dlq.wait", null, "retry me");
            GetResponse back = awaitMessage(ch, "work");
            assertThat(body(back)).isEqualTo("retry me");
            assertThat(deathReason(back)).isEqualTo("expired");
            assertThat(back.getEnvelope().getRoutingKey()).isEqualTo("work");
        }
    }

    @Test
    void namesWithQuotesUnicodeAndControlCharactersArriveExactly() throws Exception {
        String queueName = "or\"ders \u00e9\u4e2d\ud83d\ude00 \\ \u0001tab\t";
        String exchangeName = "ex\"\u00e9\u0007";
        String key = "k\"\u00e9.\u4e2d";
        Flow flow = new Flow(new FlowInfo("Names", "a \"description\" \u00e9\n"),
                List.of(topic("t", exchangeName, Topic.Routing.DIRECT), queue("q", queueName)),
                List.of(edge("e1", "t", Port.OUT, "q", key)));
        JsonNode defs = exportAndImport(flow);
        assertBrokerHoldsEveryEntity(defs);
        assertThat(admin.queue(vhost, queueName).get("name").asText()).isEqualTo(queueName);
        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            assertThat(publish(ch, exchangeName, key, null, "found")).isTrue();
            assertThat(body(awaitMessage(ch, queueName))).isEqualTo("found");
        }
    }

    @Test
    void namesTheBrokerWouldSkipOrRefuseAreLeftOutAndTheRestImports() throws Exception {
        Flow flow = new Flow(new FlowInfo("Refused", ""),
                List.of(topic("t", "amq.mine", Topic.Routing.FANOUT), queue("r", "amq.reserved"),
                        queue("long", "x".repeat(256)), queue("ok", "ok"), queue("dup", "ok")),
                List.of(edge("e1", "t", Port.OUT, "ok", null)));
        Path file = TestFlows.write(dir, "refused.flow.json", flow);
        CliRun run = CliRun.of("export", file.toString(), "--to", "rabbitmq", "--vhost", vhost);
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning: t: topic 'amq.mine'", "warning: r: queue 'amq.reserved'", "warning: long:",
                "warning: dup: queue 'ok' has the same name");
        admin.importDefinitions(run.out());
        JsonNode defs = MAPPER.readTree(run.out());
        assertThat(defs.get("queues")).hasSize(1);
        assertBrokerHoldsEveryEntity(defs);
    }

    static Stream<Path> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var list = Files.newDirectoryStream(SAMPLES, "*.flow.json")) {
            list.forEach(files::add);
        }
        files.sort(null);
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleExportsAndTheBrokerHoldsIt(Path sample) throws Exception {
        JsonNode defs = exportAndImport(sample);
        assertThat(defs.get("queues")).isNotEmpty();
        assertBrokerHoldsEveryEntity(defs);
    }
}
