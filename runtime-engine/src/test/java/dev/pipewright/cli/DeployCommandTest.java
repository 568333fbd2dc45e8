// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipewright deploy} on the local RabbitMQ, one scratch virtual host per test. */
class DeployCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private String vhost;

    @BeforeEach
    void scratch() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        vhost = admin.scratchVhost();
    }

    @AfterEach
    void clean() throws Exception {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    private String uri() {
        return "amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(vhost);
    }

    /** 200 messages at 200 msg/s into a queue with 2 consumers of constant 5 ms. */
    static Flow fixedCount() {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 200.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 200L).with("confirms", true);
        Node queue = Queue.of("orders", "orders", Position.ORIGIN);
        Node consumer = Consumer.of("workers", "workers", Position.ORIGIN).with("instances", 2).with("prefetch", 10)
                .with("processingTime", Distribution.constant(Duration.ofMillis(5)));
        return new Flow(new FlowInfo("Fixed count", ""), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers")));
    }

    @Test
    void fixedCountRunsOnTheBrokerWithTheSimulatorsCounts() throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        CliRun live = CliRun.of("deploy", flow.toString(), "--rabbitmq", uri(), "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        CliRun sim = CliRun.of("run", flow.toString(), "--duration", "60s", "--report", "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(sim.out());
        assertThat(node(l, "orders").path("in").asLong()).isEqualTo(200);
        assertThat(node(l, "orders").path("out").asLong()).isEqualTo(200);
        assertThat(node(l, "workers").path("count").asLong()).isEqualTo(node(s, "workers").path("count").asLong());
        assertThat(l.path("conservation").path("completed").asLong()).isEqualTo(200);
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
        for (String field : List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight")) {
            assertThat(l.path("conservation").path(field).asLong()).as(field)
                    .isEqualTo(s.path("conservation").path(field).asLong());
        }
        for (String n : List.of("orders", "workers")) {
            assertThat(node(l, n).path("in").asLong()).as(n + " in").isEqualTo(node(s, n).path("in").asLong());
            assertThat(node(l, n).path("out").asLong()).as(n + " out").isEqualTo(node(s, n).path("out").asLong());
        }
        // What the broker itself says: the queue is there (no --teardown) and empty.
        try (com.rabbitmq.client.Connection c = RabbitAdmin.amqp(vhost); com.rabbitmq.client.Channel ch = c.createChannel()) {
            assertThat(ch.messageCount("orders")).isZero();
        }
    }

    /** One message that always fails, on a quorum queue with delivery limit 2 and a dead-letter queue. */
    static Flow poison() {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 1L).with("confirms", true);
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("queueType", QueueType.QUORUM)
                .with("deliveryLimit", 2);
        Node dlq = DeadLetterQueue.of("dlq", "dlq", Position.ORIGIN);
        Node consumer = Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ZERO)).with("failureRate", 1.0)
                .with("onFailure", Consumer.FailureAction.REQUEUE);
        return new Flow(new FlowInfo("Poison", "", Broker.RABBITMQ), List.of(source, queue, dlq, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    @Test
    void poisonMessageReachesTheDeadLetterQueueAfterTheSimulatorsNumberOfDeliveries() throws Exception {
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        CliRun live = CliRun.of("deploy", flow.toString(), "--rabbitmq", uri(), "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        CliRun sim = CliRun.of("run", flow.toString(), "--broker", "rabbitmq", "--duration", "10s", "--report", "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(sim.out());
        assertThat(node(l, "work").path("out").asLong()).as(live.out())
                .isEqualTo(node(s, "work").path("out").asLong());
        // AMQP's count is exact; the management API's is a statistic refreshed every few seconds.
        try (com.rabbitmq.client.Connection c = RabbitAdmin.amqp(vhost); com.rabbitmq.client.Channel ch = c.createChannel()) {
            assertThat(ch.messageCount("dlq")).isEqualTo(1);
        }
        assertThat(l.path("conservation").path("deadLettered").asLong()).isEqualTo(1);
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
    }

    @Test
    void teardownLeavesNothingInTheVhost() throws Exception {
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        CliRun live = CliRun.of("deploy", flow.toString(), "--rabbitmq", uri(), "--run", "60s", "--teardown");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(admin.queues(vhost)).isEmpty();
        assertThat(admin.exchanges(vhost)).allMatch(x -> x.isEmpty() || x.startsWith("amq."));
    }

    @Test
    void wrongPasswordIsOneSentenceNamingTheAddressWithoutThePassword() throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        CliRun run = CliRun.of("deploy", flow.toString(), "--rabbitmq",
                "amqp://guest:s3cret-wrong@127.0.0.1:5672/" + RabbitAdmin.segment(vhost));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("127.0.0.1:5672").contains("refused the login").doesNotContain("s3cret")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void closedPortIsOneSentenceNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        CliRun run = CliRun.of("deploy", flow.toString(), "--rabbitmq", "127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("127.0.0.1:" + port).contains("connection refused").doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void anAggregatorWiredStraightFromAProcessorIsRefusedInCheckWords() throws Exception {
        Flow f = fixedCount();
        Flow withProcessors = new Flow(f.info(), List.of(f.nodes().get(0), Processor.of("t", "t", Position.ORIGIN),
                Processor.of("p", "p", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR),
                f.nodes().get(1), f.nodes().get(2)), List.of(Edge.of("e1", "src", Port.OUT, "t"),
                Edge.of("et", "t", Port.OUT, "p"), Edge.of("e0", "p", Port.OUT, "orders"),
                Edge.of("e2", "orders", Port.OUT, "workers")));
        Path flow = TestFlows.write(dir, "proc.flow.json", withProcessors);
        CliRun run = CliRun.of("deploy", flow.toString(), "--rabbitmq", uri());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("processor 'p': an aggregator wired straight from processor 't' does not run live:"
                + " it holds its inputs unacknowledged on their queue; put a queue between them, or run it in the simulator");
        assertThat(admin.queues(vhost)).isEmpty();
    }

}
