// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fidelity, proven by the brokers: each scenario runs in the simulator under a broker's profile
 * and live on that broker ({@code pipewright deploy}: the local RabbitMQ in a scratch virtual
 * host, or an embedded Artemis), and the two reports must give the same figures for every queue,
 * dead-letter queue and consumer, and the same conservation law. On RabbitMQ the dead letters'
 * reasons are read off the broker ({@code x-death}) and compared with the simulator's trace.
 *
 * <p>The scenarios are deterministic in what they count (a fixed number of messages, constant
 * arrivals, failures by attempt), so equal figures are the claim, not a tolerance.
 */
class BrokerFidelityTest {
    /** The figures compared per node, where the node has them. */
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered", "expired", "dropped");
    private static final Pattern REASON = Pattern.compile("reason=(\\S+)");

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow under a profile, and the dead-letter reasons it must give. */
    record Scenario(String name, Function<Broker, Flow> flow, List<Broker> brokers, Map<String, Long> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("delivery limit", BrokerFidelityTest::deliveryLimit, List.of(Broker.RABBITMQ, Broker.ARTEMIS),
                        Map.of("delivery_limit", 3L)),
                new Scenario("TTL to dead letter", BrokerFidelityTest::ttlToDeadLetter, List.of(Broker.RABBITMQ),
                        Map.of("expired", 5L)),
                new Scenario("overflow reject-publish", BrokerFidelityTest::rejectPublish,
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS), Map.of()),
                new Scenario("overflow drop-head to dead letter", BrokerFidelityTest::dropHead, List.of(Broker.RABBITMQ),
                        Map.of("maxlen", 3L)),
                new Scenario("fanout", BrokerFidelityTest::fanout, List.of(Broker.RABBITMQ, Broker.ARTEMIS), Map.of()),
                new Scenario("topic patterns", BrokerFidelityTest::topicPatterns, List.of(Broker.RABBITMQ, Broker.ARTEMIS),
                        Map.of()),
                new Scenario("requeue once", BrokerFidelityTest::requeueOnce, List.of(Broker.RABBITMQ, Broker.ARTEMIS),
                        Map.of()),
                new Scenario("reject to dead letter", b -> rejected(b, Consumer.FailureAction.DEAD_LETTER),
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS), Map.of("rejected", 4L)),
                new Scenario("reject drops", b -> rejected(b, Consumer.FailureAction.REJECT),
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS), Map.of()),
                new Scenario("shared subscription", BrokerFidelityTest::sharedSubscription,
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS), Map.of()),
                new Scenario("redelivery back-off to dead letter", BrokerFidelityTest::redeliveryBackOff,
                        List.of(Broker.ARTEMIS), Map.of("delivery_limit", 2L)),
                new Scenario("scheduled crash", BrokerFidelityTest::scheduledCrash, List.of(Broker.RABBITMQ, Broker.ARTEMIS),
                        Map.of()),
                new Scenario("poison messages by payload", BrokerFidelityTest::poisonByPayload,
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS), Map.of("rejected", 2L)),
                new Scenario("scripted poison message by header", BrokerFidelityTest::poisonByHeader,
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS),
                        Map.of("rejected", 1L)));
        return FidelityRuns.onBrokers(all, Scenario::brokers);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        JsonNode live = runs.deploy(file, broker, "60s");
        Path trace = dir.resolve("trace.jsonl");
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s", trace);
        FidelityRuns.assertSameFigures(live, sim, FIGURES, FidelityRuns::brokerCounted);
        FidelityRuns.assertSameLaw(live, sim);

        Map<String, Long> simReasons = deadLetterReasons(trace);
        assertThat(simReasons).as("the simulator's dead-letter reasons").isEqualTo(new TreeMap<>(scenario.reasons()));
        if (broker == Broker.RABBITMQ) {
            assertThat(brokerReasons(runs.vhost(), flow)).as("the broker's dead-letter reasons (x-death)").isEqualTo(simReasons);
        }
    }

    /** A scenario whose order of deliveries the broker guarantees: its name, its flow under a profile. */
    record Ordered(String name, Function<Broker, Flow> flow, List<Broker> brokers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> orderedScenarios() {
        // Not with prefetch over 1: RabbitMQ then puts a requeued message back "as close to its
        // place as possible" (two came back swapped once), and Artemis's rollback gives back what
        // the client had buffered too, which the Artemis profile does not model yet.
        List<Ordered> all = List.of(
                new Ordered("requeue order", BrokerFidelityTest::requeueOrder, List.of(Broker.RABBITMQ, Broker.ARTEMIS)),
                new Ordered("priorities", BrokerFidelityTest::priorities, List.of(Broker.RABBITMQ, Broker.ARTEMIS)));
        return FidelityRuns.onBrokers(all, Ordered::brokers);
    }

    /**
     * Where the broker guarantees the order (one consumer instance, a requeued message going back
     * to its place), each consumer receives the messages in the same order, each delivery
     * numbered the same, live ({@code deploy --trace}) as in the simulator ({@code run --trace}).
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("orderedScenarios")
    void theBrokerAndTheSimulatorDeliverInTheSameOrder(Ordered scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "ordered.flow.json", flow);
        Path liveTrace = dir.resolve("live.jsonl");
        runs.deploy(file, broker, "60s", liveTrace);
        Path simTrace = dir.resolve("sim.jsonl");
        FidelityRuns.simulate(file, broker, "60s", simTrace);

        Map<String, List<String>> simOrder = receivedInOrder(simTrace, true);
        assertThat(simOrder).as("the simulator's deliveries").isNotEmpty();
        assertThat(receivedInOrder(liveTrace, false)).as("deliveries in order, as message@delivery, per consumer")
                .isEqualTo(simOrder);
    }

    // ---- the scenarios -------------------------------------------------------------------------

    private static Node source(long messages, String... keys) {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", messages).with("confirms", true).with("routingKeys", List.of(keys));
    }

    private static Node worker(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    private static Flow flow(String name, Broker broker, List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo(name, "", broker), nodes, edges);
    }

    /** Three messages that always fail and are requeued, on a queue with a delivery limit of 3. */
    static Flow deliveryLimit(Broker broker) {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("deliveryLimit", 3)
                .with("queueType", broker == Broker.RABBITMQ ? QueueType.QUORUM : QueueType.CLASSIC);
        Node consumer = worker("worker").with("failureRate", 1.0).with("onFailure", Consumer.FailureAction.REQUEUE);
        return flow("Delivery limit", broker, List.of(source(3), queue, DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN),
                consumer), List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    /** Five messages into a queue nobody reads, with a 50 ms time to live and a dead-letter queue. */
    static Flow ttlToDeadLetter(Broker broker) {
        Node queue = Queue.of("parked", "parked", Position.ORIGIN).with("messageTtl", Duration.ofMillis(50));
        return flow("TTL", broker, List.of(source(5), queue, DeadLetterQueue.of("dlq", "parked.dlq", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "parked"), Edge.of("e3", "parked", Port.DEAD_LETTER, "dlq")));
    }

    /** Six messages with confirms into a queue of at most 3 that refuses the rest, nobody reading. */
    static Flow rejectPublish(Broker broker) {
        Node queue = Queue.of("capped", "capped", Position.ORIGIN).with("maxLength", 3).with("overflow", Overflow.REJECT_PUBLISH);
        return flow("Reject publish", broker, List.of(source(6), queue), List.of(Edge.of("e1", "src", Port.OUT, "capped")));
    }

    /** Six messages into a queue of at most 3 that drops its oldest to a dead-letter queue, nobody reading. */
    static Flow dropHead(Broker broker) {
        Node queue = Queue.of("capped", "capped", Position.ORIGIN).with("maxLength", 3).with("overflow", Overflow.DROP_HEAD);
        return flow("Drop head", broker, List.of(source(6), queue, DeadLetterQueue.of("dlq", "capped.dlq", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "capped"), Edge.of("e3", "capped", Port.DEAD_LETTER, "dlq")));
    }

    /** Ten messages through a fanout topic to three queues, each with its consumer. */
    static Flow fanout(Broker broker) {
        List<Node> nodes = new ArrayList<>(List.of(source(10), Topic.of("events", "events", Position.ORIGIN)));
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e0", "src", Port.OUT, "events")));
        for (String q : List.of("billing", "audit", "mail")) {
            nodes.add(Queue.of(q, q, Position.ORIGIN));
            nodes.add(worker(q + "-worker"));
            edges.add(Edge.of("t-" + q, "events", Port.OUT, q));
            edges.add(Edge.of("c-" + q, q, Port.OUT, q + "-worker"));
        }
        return flow("Fanout", broker, nodes, edges);
    }

    /** Eight messages with four routing keys in turn through a topic with three patterns. */
    static Flow topicPatterns(Broker broker) {
        List<Node> nodes = new ArrayList<>(List.of(source(8, "eu.orders", "us.orders", "eu.refunds", "asia.stock"),
                Topic.of("events", "events", Position.ORIGIN).with("routing", Topic.Routing.TOPIC)));
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e0", "src", Port.OUT, "events")));
        Map<String, String> patterns = Map.of("europe", "eu.*", "orders", "*.orders", "everything", "#");
        for (Map.Entry<String, String> p : new TreeMap<>(patterns).entrySet()) {
            String q = p.getKey();
            nodes.add(Queue.of(q, q, Position.ORIGIN));
            nodes.add(worker(q + "-worker"));
            edges.add(Edge.of("t-" + q, "events", Port.OUT, q).withKey(p.getValue()));
            edges.add(Edge.of("c-" + q, q, Port.OUT, q + "-worker"));
        }
        return flow("Topic patterns", broker, nodes, edges);
    }

    /** Ten messages whose first delivery fails and is requeued; the second succeeds. */
    static Flow requeueOnce(Broker broker) {
        Node queue = Queue.of("work", "work", Position.ORIGIN);
        Node consumer = worker("worker").with("failFirstAttempts", 1).with("onFailure", Consumer.FailureAction.REQUEUE);
        return flow("Requeue once", broker, List.of(source(10), queue, consumer),
                List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker")));
    }

    /**
     * Four messages that fail, rejected without requeue by their consumer on a queue with a
     * dead-letter queue: dead-lettered (reason rejected), or dropped however the queue is wired.
     */
    static Flow rejected(Broker broker, Consumer.FailureAction action) {
        Node queue = Queue.of("work", "work", Position.ORIGIN);
        Node consumer = worker("worker").with("failureRate", 1.0).with("onFailure", action);
        return flow("Reject", broker, List.of(source(4), queue, DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN), consumer),
                List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                        Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    /** Twelve messages through a fanout topic to a subscription shared by three instances and one of its own. */
    static Flow sharedSubscription(Broker broker) {
        return flow("Shared subscription", broker, List.of(source(12), Topic.of("prices", "prices", Position.ORIGIN),
                Queue.of("shared", "prices.pricing", Position.ORIGIN), Queue.of("audit", "prices.audit", Position.ORIGIN),
                worker("pricing").with("instances", 3), worker("auditor")), List.of(
                Edge.of("e0", "src", Port.OUT, "prices"), Edge.of("e1", "prices", Port.OUT, "shared"),
                Edge.of("e2", "prices", Port.OUT, "audit"), Edge.of("e3", "shared", Port.OUT, "pricing"),
                Edge.of("e4", "audit", Port.OUT, "auditor")));
    }

    /**
     * Two messages that always fail on a queue redelivering after 50 ms, doubling, with a delivery
     * limit of 3: each is delivered three times, the waits growing, then dead-lettered.
     */
    static Flow redeliveryBackOff(Broker broker) {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("deliveryLimit", 3)
                .with("redeliveryDelay", Duration.ofMillis(50)).with("redeliveryMultiplier", 2.0);
        Node consumer = worker("worker").with("failureRate", 1.0).with("onFailure", Consumer.FailureAction.REQUEUE);
        return flow("Redelivery back-off", broker, List.of(source(2), queue,
                DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN), consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    /**
     * Twelve messages published faster than the one consumer instance takes them, every first
     * delivery failing and requeued: each goes back to the head and comes again before the next.
     */
    static Flow requeueOrder(Broker broker) {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 1000.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 12L).with("confirms", true);
        Node consumer = worker("worker").with("failFirstAttempts", 1)
                .with("onFailure", Consumer.FailureAction.REQUEUE)
                .with("processingTime", Distribution.constant(Duration.ofMillis(20)));
        return flow("Requeue order", broker, List.of(source, Queue.of("work", "work", Position.ORIGIN), consumer),
                List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker")));
    }

    /**
     * Three messages to one instance taking a second over each, which crashes half-way through
     * the first and is back 0.2 s later: the message it held is delivered again (half a second of
     * margin either side, so a busy machine does not change what it held).
     */
    static Flow scheduledCrash(Broker broker) {
        Node consumer = worker("worker").with("processingTime", Distribution.constant(Duration.ofSeconds(1)))
                .with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(500), 0, Duration.ofMillis(200))));
        return flow("Scheduled crash", broker, List.of(source(3), Queue.of("work", "work", Position.ORIGIN), consumer),
                List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker")));
    }

    /**
     * A script of five messages, the third with the header {@code kind=poison} besides its id,
     * which the consumer's {@code failWhen header:kind=poison} fails and dead-letters.
     */
    static Flow poisonByHeader(Broker broker) {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            script.add(new ScriptedMessage(Duration.ofMillis(10L * i), "m" + i, null, null,
                    i == 3 ? Map.of("kind", "poison") : Map.of(), null, null));
        }
        Node source = Source.of("src", "src", Position.ORIGIN).with("confirms", true).with("script", script);
        Node consumer = worker("worker").with("failWhen", "header:kind=poison")
                .with("onFailure", Consumer.FailureAction.DEAD_LETTER);
        return flow("Poison by header", broker, List.of(source, Queue.of("work", "work", Position.ORIGIN),
                DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN), consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    /**
     * Six templated orders ({@code {"order": N, "amount": N0}}, so amounts 10 to 60) of which the
     * consumer's {@code failWhen $.amount > 40} fails and dead-letters the fifth and sixth, read off
     * the payload the broker delivered, as the simulator reads its own.
     */
    static Flow poisonByPayload(Broker broker) {
        Node source = source(6).with("payloadTemplate", "{\"order\": ${seq}, \"amount\": ${seq}0}");
        Node consumer = worker("worker").with("failWhen", "$.amount > 40")
                .with("onFailure", Consumer.FailureAction.DEAD_LETTER);
        return flow("Poison by payload", broker, List.of(source, Queue.of("work", "work", Position.ORIGIN),
                DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN), consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    /**
     * A script of ten messages at once with priorities 9, 1, 5, 1, 9, 5, 0, 9, 1, 5 into a queue of
     * max priority 9, one instance taking 50 ms each: the first (9) is taken at once, then the rest
     * highest priority first, in publish order within a priority. The first is the highest so that
     * a live consumer taking it before the others arrive changes nothing.
     */
    static Flow priorities(Broker broker) {
        int[] priorities = {9, 1, 5, 1, 9, 5, 0, 9, 1, 5};
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            script.add(new ScriptedMessage(Duration.ZERO, "m" + (i + 1), null, priorities[i], Map.of(), null, null));
        }
        Node source = Source.of("src", "src", Position.ORIGIN).with("confirms", true).with("script", script);
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("maxPriority", 9);
        Node consumer = worker("worker").with("processingTime", Distribution.constant(Duration.ofMillis(50)));
        return flow("Priorities", broker, List.of(source, queue, consumer),
                List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker")));
    }

    // ---- reading the results -------------------------------------------------------------------

    /**
     * Each consumer's deliveries in the order it received them, as {@code SEQ@DELIVERY}; a
     * simulator's trace names messages by engine id, which the sources' publish events map to
     * their sequence numbers, a live trace by {@code SOURCE-SEQ}.
     */
    private static Map<String, List<String>> receivedInOrder(Path trace, boolean simulator) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (FidelityRuns.Receipt r : FidelityRuns.receipts(trace, simulator)) {
            out.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r.seq() + "@" + r.delivery());
        }
        return out;
    }

    /** Dead-letterings by reason in the simulator's trace. */
    private static Map<String, Long> deadLetterReasons(Path trace) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = FidelityRuns.MAPPER.readTree(line);
            if (e.path("event").asText().equals("dead-letter")) {
                // "reason=expired queue=parked count=1": the reason as x-death gives it.
                Matcher m = REASON.matcher(e.path("reason").asText());
                out.merge(m.find() ? m.group(1) : e.path("reason").asText(), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Messages in the flow's dead-letter queues by their first {@code x-death} reason, read off the broker. */
    private static Map<String, Long> brokerReasons(String vhost, Flow flow) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            for (Node n : flow.nodes()) {
                if (!(n instanceof DeadLetterQueue)) {
                    continue;
                }
                GetResponse r;
                while ((r = ch.basicGet(n.name(), true)) != null) {
                    Object deaths = r.getProps().getHeaders() == null ? null : r.getProps().getHeaders().get("x-death");
                    assertThat(deaths).as("x-death of a message in " + n.name()).isInstanceOf(List.class);
                    Object first = ((List<?>) deaths).getFirst();
                    out.merge(String.valueOf(((Map<?, ?>) first).get("reason")), 1L, Long::sum);
                }
            }
        }
        return out;
    }

}
