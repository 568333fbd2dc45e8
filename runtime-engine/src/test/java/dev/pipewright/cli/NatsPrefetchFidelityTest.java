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
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer's prefetch held in the client on the local NATS server: each instance keeps pull
 * requests open for up to its prefetch, so the server delivers that many to it, each with its
 * {@code ack_wait} running while it waits there. Skipped where no server answers, failed under
 * PIPEWRIGHT_REQUIRE_BROKERS=1.
 */
class NatsPrefetchFidelityTest {
    @TempDir
    Path dir;

    /** {@code messages} at 1,000/s into "orders" (visibility timeout {@code ackWait}) read by {@code worker}. */
    static Flow flow(String name, long messages, Duration ackWait, Consumer worker) {
        return new Flow(new FlowInfo(name, "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", 1000.0).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", messages),
                Queue.of("orders", "orders", Position.ORIGIN).with("visibilityTimeout", ackWait), worker),
                List.of(Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "worker")));
    }

    /** The report of {@code file} deployed on the local NATS server for up to 60 s, its streams removed after. */
    static JsonNode deploy(Path file) throws Exception {
        LocalNats.connect().close(); // skips, or fails under PIPEWRIGHT_REQUIRE_BROKERS=1, when no server answers
        CliRun live = CliRun.of("deploy", file.toString(), "--nats", LocalNats.URL, "--run", "60s", "--report", "json",
                "--teardown");
        assertThat(live.exitCode()).as(live.err()).isZero();
        return FidelityRuns.MAPPER.readTree(live.out());
    }

    @Test
    void twoInstancesHoldingTenEachGiveTheSimulatorsFiguresWithNaksAndRedeliveries() throws Exception {
        // Every first delivery fails and is nakked: 40 messages, 40 redeliveries, 80 deliveries finished.
        Path file = TestFlows.write(dir, "prefetch.flow.json", flow("NATS prefetch", 40, Duration.ofSeconds(30),
                (Consumer) Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 10).with("instances", 2)
                        .with("failFirstAttempts", 1)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(5)))));
        JsonNode live = deploy(file);
        JsonNode sim = FidelityRuns.simulate(file, Broker.NATS, "60s");
        FidelityRuns.assertSameFigures(live, sim, List.of("in", "out", "depth", "count", "redelivered", "dropped"),
                List.of("orders", "worker"));
        FidelityRuns.assertSameLaw(live, sim);
        assertThat(node(live, "orders").path("redelivered").asLong()).isEqualTo(40);
    }

    @Test
    void aHeldMessageWhoseAckWaitEndsBeforeItsTurnIsDeliveredAgain() throws Exception {
        // One instance holds all 5 at once; 400 ms each under a 1 s ack_wait: messages 3 to 5 are still
        // unacknowledged at 1 s (3 in work, 4 and 5 waiting in the client), so the server delivers each
        // again, a duplicate, and every message completes once. With one message fetched at a time none
        // would be. (How many times more depends on the machine's pace, so only the floor is claimed.)
        Path file = TestFlows.write(dir, "held.flow.json", flow("NATS held prefetch", 5, Duration.ofSeconds(1),
                (Consumer) Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 5)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(400)))));
        JsonNode live = deploy(file);
        assertThat(node(live, "orders").path("redelivered").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(node(live, "worker").path("duplicates").asLong())
                .isEqualTo(node(live, "orders").path("redelivered").asLong());
        assertThat(live.path("conservation").path("completed").asLong()).isEqualTo(5);
        assertThat(live.path("conservation").path("holds").asBoolean()).isTrue();
    }
}
