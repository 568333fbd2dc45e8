// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request/reply and a source's duplicates, proven by the brokers as {@link BrokerFidelityTest}
 * proves the rest: each scenario runs in the simulator under a broker's profile and live on that
 * broker ({@code pipewright deploy}: the local RabbitMQ in a scratch virtual host, or an embedded
 * Artemis), and the two reports give the same figures per queue and consumer, the same requests,
 * replies and time-outs per source, and the same conservation law.
 *
 * <p>The scenarios are deterministic in what they count: a fixed number of messages, every one
 * duplicated (duplicateRate 1), and reply timeouts far from the processing times (a reply cannot
 * come back before its request was processed), so equal figures are the claim.
 */
class LiveRepliesFidelityTest {

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /**
     * A scenario: its name, its flow under a profile, what theory says of it: the client's
     * requests, replies in time and time-outs ({@code null} for a source without a reply queue),
     * and the messages produced (requests, their copies and the replies), all of which complete.
     */
    record Scenario(String name, Function<Broker, Flow> flow, long[] replies, long produced) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("request/reply in time", b -> requestReply(b, Duration.ofMillis(1), Duration.ofSeconds(10), 0),
                        new long[] {6, 6, 0}, 12),
                new Scenario("request/reply timed out", b -> requestReply(b, Duration.ofMillis(400), Duration.ofMillis(50), 0),
                        new long[] {6, 0, 6}, 12),
                // Each request and its copy get a reply; the first reply of each answers it.
                new Scenario("duplicated requests", b -> requestReply(b, Duration.ofMillis(1), Duration.ofSeconds(10), 1.0),
                        new long[] {6, 6, 0}, 24),
                new Scenario("duplicates", LiveRepliesFidelityTest::duplicates, null, 10),
                new Scenario("replies read by a consumer", LiveRepliesFidelityTest::repliesReadByAConsumer,
                        new long[] {4, 0, 4}, 8));
        return FidelityRuns.onBrokers(all, s -> FidelityRuns.BOTH);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        CliRun live = runs.deployRun(file, broker, "60s");
        assertThat(live.err()).as("no finding says a property is not applied live").doesNotContain("not applied");
        JsonNode l = FidelityRuns.MAPPER.readTree(live.out());
        JsonNode s = FidelityRuns.simulate(file, broker, "60s");

        JsonNode client = node(s, "client").path("replies");
        if (scenario.replies() == null) {
            assertThat(client.isMissingNode()).as("no request/reply figures for a source without a reply queue").isTrue();
        } else {
            assertThat(new long[] {client.path("requests").asLong(-1), client.path("replies").asLong(-1),
                    client.path("timedOut").asLong(-1)}).as("the simulator's requests, replies, time-outs: %s", client)
                    .containsExactly(scenario.replies());
        }
        assertThat(s.path("conservation").path("produced").asLong()).as("produced in the simulator").isEqualTo(scenario.produced());
        assertThat(s.path("conservation").path("completed").asLong()).as("completed in the simulator").isEqualTo(scenario.produced());
        // A source's own figures: what it published and its requests, replies and time-outs.
        for (JsonNode simNode : s.path("nodes")) {
            if (simNode.path("kind").asText().equals("source")) {
                String id = simNode.path("id").asText();
                JsonNode liveNode = node(l, id);
                assertThat(liveNode.path("out").asLong()).as("messages published by %s", id)
                        .isEqualTo(simNode.path("out").asLong());
                assertThat(liveNode.path("replies")).as("request/reply of %s (live %s, simulator %s)", id, liveNode, simNode)
                        .isEqualTo(simNode.path("replies"));
            }
        }
        FidelityRuns.assertSameFigures(l, s, FidelityRuns.FIGURES, kind -> !kind.equals("source"));
        FidelityRuns.assertSameLaw(l, s);
    }

    // ---- the scenarios -------------------------------------------------------------------------

    private static Node source(long messages) {
        return Source.of("client", "client", Position.ORIGIN).with("rate", 50.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", messages).with("confirms", true);
    }

    private static Node worker(String id, Duration processing) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(processing));
    }

    private static Flow flow(String name, Broker broker, List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo(name, "", broker), nodes, edges);
    }

    /**
     * Six requests to a server that replies after {@code processing} to the client's reply queue,
     * which the client reads itself; the client waits {@code timeout} for each reply.
     */
    static Flow requestReply(Broker broker, Duration processing, Duration timeout, double duplicateRate) {
        Node client = source(6).with("replyQueue", "replies").with("replyTimeout", timeout)
                .with("duplicateRate", duplicateRate);
        Node server = worker("server", processing).with("replies", true);
        return flow("Request/reply", broker, List.of(client, Queue.of("requests", "requests", Position.ORIGIN),
                Queue.of("replies", "client.replies", Position.ORIGIN), server), List.of(
                Edge.of("e1", "client", Port.OUT, "requests"), Edge.of("e2", "requests", Port.OUT, "server")));
    }

    /** Five messages each published twice (an at-least-once producer), to one consumer. */
    static Flow duplicates(Broker broker) {
        Node src = source(5).with("duplicateRate", 1.0);
        return flow("Duplicates", broker, List.of(src, Queue.of("work", "work", Position.ORIGIN),
                worker("worker", Duration.ofMillis(1))), List.of(Edge.of("e1", "client", Port.OUT, "work"),
                Edge.of("e2", "work", Port.OUT, "worker")));
    }

    /**
     * Four requests whose replies a consumer of the reply queue takes, not the client: the
     * replies complete there, and the client, which sees none, counts every request timed out.
     */
    static Flow repliesReadByAConsumer(Broker broker) {
        Node client = source(4).with("replyQueue", "replies").with("replyTimeout", Duration.ofMillis(200));
        return flow("Replies read by a consumer", broker, List.of(client, Queue.of("requests", "requests", Position.ORIGIN),
                Queue.of("replies", "client.replies", Position.ORIGIN), worker("server", Duration.ofMillis(1)).with("replies", true),
                worker("auditor", Duration.ofMillis(1))), List.of(
                Edge.of("e1", "client", Port.OUT, "requests"), Edge.of("e2", "requests", Port.OUT, "server"),
                Edge.of("e3", "replies", Port.OUT, "auditor")));
    }
}
