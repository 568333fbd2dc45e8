// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead-letter wires live on the local NATS server: JetStream has none, so a listener of the
 * max-deliveries advisory moves a message given up at {@code max_deliver} to the dead-letter
 * queue's stream, and a consumer that dead-letters publishes it there itself. Each flow runs in the
 * simulator under the NATS profile and live ({@code deploy --nats --teardown}); every queue and
 * consumer must give the same figures and the conservation law must be the same. Skipped where no
 * server answers, failed under PIPEWRIGHT_REQUIRE_BROKERS=1.
 */
class NatsDeadLetterFidelityTest {
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered",
            "dropped");

    @TempDir
    Path dir;

    private static Node worker(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    /**
     * {@code messages} at 200/s into "orders" (delivery limit 3) read by {@code consumer}, its
     * dead-letter wire to "dlq", read by "dlq-worker" when {@code dlqRead}.
     */
    private static Flow deadLettering(String name, long messages, Node consumer, boolean dlqRead) {
        List<Node> nodes = new ArrayList<>(List.of(Source.of("src", "src", Position.ORIGIN).with("rate", 200.0)
                        .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", messages),
                Queue.of("orders", "ndl-orders", Position.ORIGIN).with("deliveryLimit", 3), consumer,
                DeadLetterQueue.of("dlq", "ndl-orders-dlq", Position.ORIGIN)));
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e1", "src", Port.OUT, "orders"),
                Edge.of("e2", "orders", Port.OUT, consumer.id()), Edge.of("e3", "orders", Port.DEAD_LETTER, "dlq")));
        if (dlqRead) {
            nodes.add(worker("dlq-worker"));
            edges.add(Edge.of("e4", "dlq", Port.OUT, "dlq-worker"));
        }
        return new Flow(new FlowInfo(name, "", Broker.NATS), nodes, edges);
    }

    private JsonNode deployAndSimulate(Flow flow) throws Exception {
        Path file = TestFlows.write(dir, "dead-letters.flow.json", flow);
        JsonNode live = NatsDeploys.deployWithTeardown(file, flow, "60s");
        JsonNode sim = FidelityRuns.simulate(file, Broker.NATS, "60s");
        List<String> ids = flow.nodes().stream().filter(n -> !(n instanceof Source)).map(Node::id).toList();
        FidelityRuns.assertSameFigures(live, sim, FIGURES, ids);
        FidelityRuns.assertSameLaw(live, sim);
        return live;
    }

    @Test
    void aMessageGivenUpAtMaxDeliverIsMovedToTheDeadLetterQueueByTheAdvisoryListener() throws Exception {
        JsonNode live = deployAndSimulate(deadLettering("NATS max_deliver to dead letter", 4,
                worker("worker").with("failFirstAttempts", 10), false));
        assertThat(node(live, "orders").path("redelivered").asLong()).isEqualTo(8);
        assertThat(node(live, "orders").path("deadLettered").asLong()).isEqualTo(4);
        assertThat(node(live, "orders").path("dropped").asLong()).isZero();
        // The dead-letter queue's stream holds them, as the server counts its messages.
        assertThat(node(live, "dlq").path("depth").asLong()).isEqualTo(4);
        assertThat(live.path("conservation").path("deadLettered").asLong()).isEqualTo(4);
    }

    @Test
    void theDeadLetterQueuesOwnConsumerTakesWhatWasMovedThere() throws Exception {
        // Every delivery fails: all five are given up at max_deliver 3, moved, and read from the dead-letter queue.
        JsonNode live = deployAndSimulate(deadLettering("NATS dead letters read", 5,
                worker("worker").with("failFirstAttempts", 10), true));
        assertThat(node(live, "dlq-worker").path("out").asLong()).isEqualTo(5);
        assertThat(node(live, "dlq").path("depth").asLong()).isZero();
        assertThat(live.path("conservation").path("deadLettered").asLong()).isEqualTo(5);
    }

    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException; the test lets it
    void aDeadLetterSaysWhyAndWhenceInItsHeadersAsTheServerStoresIt() throws Exception {
        // Without --teardown, to read the dead-letter queue's stream; the run's streams are removed after.
        Flow flow = deadLettering("NATS dead-letter headers", 2, worker("worker").with("failFirstAttempts", 10), false);
        Path file = TestFlows.write(dir, "headers.flow.json", flow);
        try (Connection nc = LocalNats.connect()) {
            Set<String> before = NatsLeftovers.streams(nc);
            CliRun live = CliRun.of("deploy", file.toString(), "--nats", LocalNats.URL, "--run", "60s");
            List<String> left = NatsLeftovers.of(nc, before, flow);
            try {
                assertThat(live.exitCode()).as(live.err()).isZero();
                String dlq = left.stream().filter(s -> s.endsWith("-ndl-orders-dlq")).findFirst().orElseThrow();
                String origin = left.stream().filter(s -> s.endsWith("-ndl-orders")).findFirst().orElseThrow();
                var jsm = nc.jetStreamManagement();
                assertThat(jsm.getStreamInfo(dlq).getStreamState().getMsgCount()).isEqualTo(2);
                // Moved, not copied: the origin stream keeps none of them.
                assertThat(jsm.getStreamInfo(origin).getStreamState().getMsgCount()).isZero();
                List<String> ids = new ArrayList<>();
                for (long seq = 1; seq <= 2; seq++) {
                    var h = jsm.getMessage(dlq, seq).getHeaders();
                    assertThat(h.getFirst("pw-death-reason")).isEqualTo("delivery_limit");
                    assertThat(h.getFirst("pw-death-stream")).isEqualTo(origin);
                    assertThat(h.getFirst("pw-death-deliveries")).isEqualTo("3");
                    ids.add(h.getFirst("pw-id"));
                }
                assertThat(ids).containsExactlyInAnyOrder("src-1", "src-2");
            } finally {
                for (String s : left) {
                    nc.jetStreamManagement().deleteStream(s);
                }
            }
        }
    }

    @Test
    void aConsumerThatDeadLettersPublishesTheMessageToTheDeadLetterQueue() throws Exception {
        JsonNode live = deployAndSimulate(deadLettering("NATS consumer dead-letters", 5,
                worker("worker").with("failFirstAttempts", 1).with("onFailure", Consumer.FailureAction.DEAD_LETTER),
                false));
        assertThat(node(live, "orders").path("redelivered").asLong()).isZero();
        assertThat(node(live, "dlq").path("depth").asLong()).isEqualTo(5);
        assertThat(live.path("conservation").path("deadLettered").asLong()).isEqualTo(5);
    }
}
