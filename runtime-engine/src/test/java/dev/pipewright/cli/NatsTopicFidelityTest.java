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
import dev.pipewright.model.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics live on the local NATS server: a topic is a subject space whose bound queues' streams
 * source it through the export's subject filters, so the server makes the copies. Each flow runs in
 * the simulator under the NATS profile and live ({@code deploy --nats --teardown}); every queue and
 * consumer, and the topic's in, out and dropped, must give the same figures, the conservation law
 * must be the same, and no stream of the run may stay on the server. Skipped where no server
 * answers, failed under PIPEWRIGHT_REQUIRE_BROKERS=1.
 */
class NatsTopicFidelityTest {
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "dropped");

    @TempDir
    Path dir;

    /** {@code messages} at 100/s with {@code keys} in turn into topic "events", bound to each queue by its key. */
    private static Flow topic(String name, Topic.Routing routing, long messages, List<String> keys,
                              Map<String, String> bindings) {
        List<Node> nodes = new ArrayList<>(List.of(Source.of("src", "src", Position.ORIGIN).with("rate", 100.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", messages).with("confirms", true)
                .with("routingKeys", keys), Topic.of("events", "ntf-events", Position.ORIGIN).with("routing", routing)));
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e0", "src", Port.OUT, "events")));
        bindings.forEach((q, key) -> {
            nodes.add(Queue.of(q, "ntf-" + q, Position.ORIGIN)); // names no other test's run has
            nodes.add(Consumer.of(q + "-worker", q + "-worker", Position.ORIGIN).with("prefetch", 1)
                    .with("processingTime", Distribution.constant(Duration.ofMillis(1))));
            Edge binding = Edge.of("t-" + q, "events", Port.OUT, q);
            edges.add(key == null ? binding : binding.withKey(key));
            edges.add(Edge.of("c-" + q, q, Port.OUT, q + "-worker"));
        });
        return new Flow(new FlowInfo(name, "", Broker.NATS), nodes, edges);
    }

    /** Runs {@code flow} live and simulated; the queues' and consumers' figures and the law must agree. */
    private JsonNode deployAndSimulate(Flow flow) throws Exception {
        Path file = TestFlows.write(dir, "topic.flow.json", flow);
        // The topic's stream goes with the queues' at teardown: nothing of the run stays on the server.
        JsonNode live = NatsDeploys.deployWithTeardown(file, flow, "60s");
        JsonNode sim = FidelityRuns.simulate(file, Broker.NATS, "60s");
        List<String> ids = flow.nodes().stream().filter(n -> n instanceof Queue || n instanceof Consumer)
                .map(Node::id).toList();
        FidelityRuns.assertSameFigures(live, sim, FIGURES, ids);
        // The topic: what came in, the copies it gave, and what no binding matched.
        FidelityRuns.assertSameFigures(live, sim, List.of("in", "out", "dropped"), List.of("events"));
        FidelityRuns.assertSameLaw(live, sim);
        return live;
    }

    @Test
    void aFanoutTopicGivesEveryBoundQueueItsOwnCopy() throws Exception {
        Map<String, String> bindings = new LinkedHashMap<>();
        for (String q : List.of("billing", "audit", "mail")) {
            bindings.put(q, null);
        }
        JsonNode live = deployAndSimulate(topic("NATS fanout", Topic.Routing.FANOUT, 10, List.of(), bindings));
        for (String q : bindings.keySet()) {
            assertThat(node(live, q + "-worker").path("out").asLong()).as(q).isEqualTo(10);
        }
        // Ten published, thirty copies completed: the twenty beyond the first are produced at the topic.
        assertThat(live.path("conservation").path("produced").asLong()).isEqualTo(30);
        assertThat(live.path("conservation").path("completed").asLong()).isEqualTo(30);
    }

    @Test
    void subjectFiltersCopyWhatTheyMatchAndAMessageNoneMatchesIsDropped() throws Exception {
        // Eight messages, each key twice: eu.orders to europe and orders, us.orders to orders and us,
        // eu.refunds to europe, asia.stock to no binding (dropped, as the simulator counts it unroutable).
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("europe", "eu.*");
        bindings.put("orders", "*.orders");
        bindings.put("us", "us.>");
        JsonNode live = deployAndSimulate(topic("NATS subject filters", Topic.Routing.TOPIC, 8,
                List.of("eu.orders", "us.orders", "eu.refunds", "asia.stock"), bindings));
        assertThat(node(live, "europe-worker").path("out").asLong()).isEqualTo(4);
        assertThat(node(live, "orders-worker").path("out").asLong()).isEqualTo(4);
        assertThat(node(live, "us-worker").path("out").asLong()).isEqualTo(2);
        assertThat(live.path("conservation").path("dropped").asLong()).isEqualTo(2);
    }

    @Test
    void aDirectTopicCopiesToTheQueuesBoundWithTheKeyItself() throws Exception {
        // Six messages with keys a, b, c in turn: a to q1 and q2 (both bound with a), b to q3, c to none.
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("q1", "a");
        bindings.put("q2", "a");
        bindings.put("q3", "b");
        JsonNode live = deployAndSimulate(topic("NATS direct", Topic.Routing.DIRECT, 6, List.of("a", "b", "c"),
                bindings));
        assertThat(node(live, "q1-worker").path("out").asLong()).isEqualTo(2);
        assertThat(node(live, "q2-worker").path("out").asLong()).isEqualTo(2);
        assertThat(node(live, "q3-worker").path("out").asLong()).isEqualTo(2);
        assertThat(live.path("conservation").path("dropped").asLong()).isEqualTo(2);
    }
}
