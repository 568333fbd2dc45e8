// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright deploy --artemis} on real Artemis servers, nothing installed: {@code embedded}
 * starts one in the command itself; for a server at a URL the test starts one with a TCP acceptor
 * on a free port and a login, and asks it what it holds.
 */
class ArtemisDeployTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER = "pw-user";
    private static final String PASSWORD = "s3cret-artemis-pw";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ server;

    @AfterEach
    void stop() throws Exception {
        DeployCommand.artemisPasswordForTests = null;
        if (server != null) {
            server.stop();
        }
    }

    /** A server at tcp://127.0.0.1:PORT that lets in {@link #USER} with {@link #PASSWORD} only; its URL. */
    private String startServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .setPagingDirectory(dir.resolve("paging").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setJournalDirectory(dir.resolve("journal").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQSecurityManager() {
            @Override
            public boolean validateUser(String user, String password) {
                return USER.equals(user) && PASSWORD.equals(password);
            }

            @Override
            public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
                return validateUser(user, password);
            }
        });
        server.start();
        return "tcp://" + USER + "@127.0.0.1:" + port;
    }

    /** 200 messages at 200 msg/s into a queue with 2 consumers of constant 5 ms. */
    static Flow fixedCount() {
        return DeployCommandTest.fixedCount();
    }

    /** One message that always fails (requeue) on a queue with max-delivery-attempts 3 and a dead-letter queue. */
    static Flow poison() {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 1L).with("confirms", true);
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("deliveryLimit", 3);
        Node dlq = DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN);
        Node consumer = Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ZERO)).with("failureRate", 1.0)
                .with("onFailure", Consumer.FailureAction.REQUEUE);
        return new Flow(new FlowInfo("Poison", "", Broker.ARTEMIS), List.of(source, queue, dlq, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    @Test
    void aFixedCountOnEmbeddedArtemisCompletesEveryMessageWithTheSimulatorsCounts() throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        Set<Path> before = embeddedServerDirectories();
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        // The embedded server's data went with the run.
        assertThat(embeddedServerDirectories()).as("temporary directories of embedded servers").isSubsetOf(before);
        CliRun sim = CliRun.of("run", flow.toString(), "--duration", "60s", "--report", "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(sim.out());
        assertThat(node(l, "orders").path("in").asLong()).isEqualTo(200);
        assertThat(node(l, "orders").path("out").asLong()).isEqualTo(200);
        assertThat(l.path("conservation").path("completed").asLong()).isEqualTo(200);
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
        for (String field : List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight")) {
            assertThat(l.path("conservation").path(field).asLong()).as(field)
                    .isEqualTo(s.path("conservation").path(field).asLong());
        }
        for (String n : List.of("src", "orders", "workers")) {
            assertThat(node(l, n).path("in").asLong()).as(n + " in").isEqualTo(node(s, n).path("in").asLong());
            assertThat(node(l, n).path("out").asLong()).as(n + " out").isEqualTo(node(s, n).path("out").asLong());
        }
    }

    @Test
    void theTraceOfALiveRunHasEachDeliveryAndRequeueTheClientsSaw() throws Exception {
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        Path trace = dir.resolve("live.jsonl");
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--run", "60s", "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.err()).isZero();
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = MAPPER.readTree(line);
            lines.add(e.path("event").asText() + " " + e.path("node").asText() + " " + e.path("message").asText() + " "
                    + e.path("delivery").asInt());
        }
        // Delivered three times, given back twice, and the third time the server dead-letters it.
        assertThat(lines).containsExactly("receive worker src-1 1", "requeue work src-1 0", "receive worker src-1 2",
                "requeue work src-1 0", "receive worker src-1 3", "requeue work src-1 0");
    }

    @Test
    void aTraceThatCannotBeWrittenIsAUsageErrorNamingTheFile() throws Exception {
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        Path trace = dir.resolve("no-such-folder").resolve("live.jsonl");
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--trace", trace.toString());
        assertThat(live.exitCode()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        assertThat(live.err()).contains(trace + ": cannot write the trace here: its folder does not exist");
    }

    @Test
    void aRunStoppedAtItsTimeLimitWithMessagesInHandStillKeepsTheConservationLaw() throws Exception {
        // No message limit and consumers slower than the source: at the limit each instance holds one.
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("confirms", true);
        Node queue = Queue.of("backlog", "backlog", Position.ORIGIN);
        Node consumer = Consumer.of("slow", "slow", Position.ORIGIN).with("instances", 3).with("prefetch", 2)
                .with("processingTime", Distribution.constant(Duration.ofMillis(400)));
        Flow f = new Flow(new FlowInfo("Backlog", ""), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "backlog"), Edge.of("e2", "backlog", Port.OUT, "slow")));
        Path flow = TestFlows.write(dir, "backlog.flow.json", f);
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--run", "1s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        assertThat(l.path("conservation").path("waiting").asLong()).isPositive();
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
        assertThat(node(l, "backlog").path("in").asLong()).isEqualTo(node(l, "src").path("out").asLong());
    }

    @Test
    void theLiveReportHasTheShapeOfTheSimulatorsReport() throws Exception {
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        CliRun sim = CliRun.of("run", flow.toString(), "--duration", "10s", "--report", "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(paths(MAPPER.readTree(live.out()), "")).isEqualTo(paths(MAPPER.readTree(sim.out()), ""));
        CliRun liveText = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--run", "60s");
        CliRun simText = CliRun.of("run", flow.toString(), "--duration", "10s");
        assertThat(firstColumn(liveText.out())).isEqualTo(firstColumn(simText.out())).contains("work", "work.dlq");
    }

    @Test
    void aPoisonMessageIsDeadLetteredByTheServerAfterMaxDeliveryAttempts() throws Exception {
        String url = startServer();
        DeployCommand.artemisPasswordForTests = PASSWORD;
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", url, "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        CliRun sim = CliRun.of("run", flow.toString(), "--duration", "10s", "--report", "json");
        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(sim.out());
        assertThat(node(l, "work").path("out").asLong()).as(live.out() + live.err()).isEqualTo(3)
                .isEqualTo(node(s, "work").path("out").asLong());
        assertThat(node(l, "worker").path("in").asLong()).isEqualTo(3);
        assertThat(node(l, "work").path("redelivered").asLong()).isEqualTo(2)
                .isEqualTo(node(s, "work").path("redelivered").asLong());
        assertThat(node(l, "work").path("deadLettered").asLong()).isEqualTo(1);
        assertThat(l.path("conservation").path("deadLettered").asLong()).isEqualTo(1);
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
        // What the server itself holds: the work queue empty, the message in the dead-letter queue,
        // moved there by the server from "work".
        assertThat(server.getActiveMQServer().locateQueue("work").getMessageCount()).isZero();
        assertThat(server.getActiveMQServer().locateQueue("work.dlq").getMessageCount()).isEqualTo(1);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url.replace(USER + "@", ""));
             Connection c = factory.createConnection(USER, PASSWORD)) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message m = session.createConsumer(session.createQueue("work.dlq")).receive(20_000);
            assertThat(m).isNotNull();
            assertThat(m.getStringProperty("_AMQ_ORIG_QUEUE")).isEqualTo("work");
            assertThat(m.getStringProperty("pwId")).isEqualTo("src-1");
        }
    }

    @Test
    void aTopicRoutesByKeyThroughTheSubscriptionsAndDivertsCreatedOnTheServer() throws Exception {
        String url = startServer();
        DeployCommand.artemisPasswordForTests = PASSWORD;
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 400.0).with("messageLimit", 40L)
                .with("routingKeys", List.of("eu", "us")).with("confirms", true);
        Node topic = Topic.of("regions", "regions", Position.ORIGIN).with("routing", Topic.Routing.DIRECT);
        Node eu = Queue.of("eu", "orders.eu", Position.ORIGIN);
        Node us = Queue.of("us", "orders.us", Position.ORIGIN);
        // Settings of its own: an anycast address of its own, fed by a divert with the key's filter.
        Node audit = Queue.of("audit", "audit.eu", Position.ORIGIN).with("deliveryLimit", 5);
        List<Node> nodes = new java.util.ArrayList<>(List.of(source, topic, eu, us, audit));
        List<Edge> edges = new java.util.ArrayList<>(List.of(Edge.of("e1", "src", Port.OUT, "regions"),
                new Edge("e2", "regions", Port.OUT, "eu", "eu", java.util.Map.of()),
                new Edge("e3", "regions", Port.OUT, "us", "us", java.util.Map.of()),
                new Edge("e4", "regions", Port.OUT, "audit", "eu", java.util.Map.of())));
        for (String q : List.of("eu", "us", "audit")) {
            nodes.add(Consumer.of("c-" + q, "c-" + q, Position.ORIGIN)
                    .with("processingTime", Distribution.constant(Duration.ofMillis(1))));
            edges.add(Edge.of("w-" + q, q, Port.OUT, "c-" + q));
        }
        Path flow = TestFlows.write(dir, "regions.flow.json", new Flow(new FlowInfo("Regions", ""), nodes, edges));
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", url, "--run", "60s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        long toEu = node(l, "eu").path("in").asLong();
        assertThat(toEu + node(l, "us").path("in").asLong()).isEqualTo(40);
        assertThat(toEu).isPositive().isLessThan(40);
        assertThat(node(l, "audit").path("in").asLong()).isEqualTo(toEu);
        assertThat(node(l, "c-audit").path("out").asLong()).isEqualTo(toEu);
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
        var control = server.getActiveMQServer().getActiveMQServerControl();
        assertThat(control.getDivertNames()).hasSize(1);
        assertThat(server.getActiveMQServer().locateQueue("orders.eu").getFilter().getFilterString().toString())
                .isEqualTo("routingKey = 'eu'");
    }

    @Test
    void teardownRemovesWhatItCreatedFromTheServer() throws Exception {
        String url = startServer();
        DeployCommand.artemisPasswordForTests = PASSWORD;
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        CliRun live = CliRun.of("deploy", flow.toString(), "--artemis", url, "--run", "60s", "--teardown");
        assertThat(live.exitCode()).as(live.err()).isZero();
        var control = server.getActiveMQServer().getActiveMQServerControl();
        assertThat(control.getQueueNames()).doesNotContain("work", "work.dlq");
        assertThat(control.getAddressNames()).doesNotContain("work", "work.dlq");
        assertThat(server.getActiveMQServer().getAddressSettingsRepository().getMatch("work").getMaxDeliveryAttempts())
                .isEqualTo(10);
    }

    @Test
    void aWrongPasswordIsOneSentenceNamingTheAddressWithoutThePassword() throws Exception {
        String url = startServer();
        DeployCommand.artemisPasswordForTests = "wrong-" + PASSWORD;
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        CliRun run = CliRun.of("deploy", flow.toString(), "--artemis", url);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(url.replace(USER + "@", USER + ":****@")).contains("refused the login")
                .doesNotContain(PASSWORD).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void thePasswordNeverAppearsInWhatARunPrints() throws Exception {
        String url = startServer();
        DeployCommand.artemisPasswordForTests = PASSWORD;
        Path flow = TestFlows.write(dir, "poison.flow.json", poison());
        for (String format : List.of("text", "json")) {
            CliRun run = CliRun.of("deploy", flow.toString(), "--artemis", url, "--run", "60s", "--report", format);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD).contains("work.dlq");
        }
        // Even written into the URL, where it does not belong.
        CliRun inUrl = CliRun.of("deploy", flow.toString(), "--artemis", url.replace(USER + "@", USER + ":" + PASSWORD + "@"),
                "--run", "60s");
        assertThat(inUrl.exitCode()).as(inUrl.err()).isZero();
        assertThat(inUrl.out() + inUrl.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aClosedPortIsOneSentenceNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        CliRun run = CliRun.of("deploy", flow.toString(), "--artemis", "tcp://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("127.0.0.1:" + port).contains("nothing answers there").doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void rabbitmqAndArtemisAreOneOrTheOther() throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", fixedCount());
        CliRun both = CliRun.of("deploy", flow.toString(), "--artemis", "embedded", "--rabbitmq", "127.0.0.1:5672");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun neither = CliRun.of("deploy", flow.toString());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--artemis").contains("--rabbitmq");
    }

    private static Set<Path> embeddedServerDirectories() throws java.io.IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("pipewright-artemis-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /**
     * Every field path of a JSON document, array elements by their "id" where they have one; a map
     * keyed by data (priority levels) counts by its name only.
     */
    private static Set<String> paths(JsonNode n, String at) {
        Set<String> out = new TreeSet<>();
        if (at.endsWith(".waitToStartByPriority")) {
            return out;
        }
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                out.add(at + "." + f);
                out.addAll(paths(n.get(f), at + "." + f));
            }
        } else if (n.isArray()) {
            for (JsonNode e : (ArrayNode) n) {
                out.addAll(paths(e, at + "[" + e.path("id").asText("*") + "]"));
            }
        }
        return out;
    }

    /** The first word of each line, leaving out the lines of what only the simulator measures. */
    private static List<String> firstColumn(String text) {
        return text.lines().filter(line -> !line.startsWith("utilisation:") && !line.startsWith("wait to start by priority:"))
                .map(line -> line.strip().split("\\s+")[0]).toList();
    }

}
