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
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted source's headers and message ids on the local NATS server: the nats-payments sample
 * live ({@code deploy --nats --teardown}) and in the simulator under the NATS profile. Its corrupt
 * payment fails by its header {@code kind: corrupt} until {@code max_deliver} 3, and its retried
 * pay-5 repeats the {@code Nats-Msg-Id} pay-5, which the stream's duplicate window drops: of 9
 * produced, 7 completed, 1 dropped, 1 filtered, in both. And a repeated {@code Nats-Msg-Id} into a
 * fanout topic, filtered at each bound queue. Skipped where no server answers, failed under
 * PIPEWRIGHT_REQUIRE_BROKERS=1.
 */
class NatsScriptedFidelityTest {
    private static final Path SAMPLE = Path.of("../samples/flows/nats-payments.flow.json");
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "dropped");

    @TempDir
    Path dir;

    @Test
    void theCorruptPaymentFailsByItsHeaderAndTheRetryIsDroppedByItsMessageId() throws Exception {
        LocalNats.connect().close(); // skips, or fails under PIPEWRIGHT_REQUIRE_BROKERS=1, when no server answers
        CliRun live = CliRun.of("deploy", SAMPLE.toString(), "--nats", LocalNats.URL, "--run", "60s", "--report", "json",
                "--teardown");
        assertThat(live.exitCode()).as(live.err()).isZero();
        JsonNode liveReport = FidelityRuns.MAPPER.readTree(live.out());
        JsonNode sim = FidelityRuns.simulate(SAMPLE, Broker.NATS, "60s");
        for (JsonNode report : List.of(sim, liveReport)) {
            JsonNode law = report.path("conservation");
            assertThat(List.of(law.path("produced").asLong(), law.path("completed").asLong(), law.path("dropped").asLong(),
                    law.path("filtered").asLong())).as(law.toString()).containsExactly(9L, 7L, 1L, 1L);
        }
        // Three deliveries of the corrupt payment, two of them redeliveries, each a failure.
        assertThat(node(liveReport, "worker").path("in").asLong()).isEqualTo(7 + 3);
        assertThat(node(liveReport, "payments").path("redelivered").asLong()).isEqualTo(2);
        FidelityRuns.assertSameFigures(liveReport, sim, FIGURES, List.of("payments", "worker"));
        FidelityRuns.assertSameLaw(liveReport, sim);
    }

    private static ScriptedMessage scripted(int millis, String msgId) {
        return new ScriptedMessage(Duration.ofMillis(millis), null, null, null, Map.of("Nats-Msg-Id", msgId), null, null);
    }

    @Test
    void aRepeatIntoAFanoutTopicIsFilteredAtEachBoundQueue() throws Exception {
        LocalNats.connect().close();
        // a, b, a into a topic bound to two queues: each queue takes a and b, and filters the second a.
        Flow flow = new Flow(new FlowInfo("NATS topic duplicates", "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("script", List.of(scripted(0, "a"), scripted(100, "b"),
                        scripted(200, "a"))),
                Topic.of("events", "nsf-events", Position.ORIGIN).with("routing", Topic.Routing.FANOUT),
                Queue.of("q1", "nsf-q1", Position.ORIGIN), Queue.of("q2", "nsf-q2", Position.ORIGIN),
                worker("w1"), worker("w2")),
                List.of(Edge.of("e0", "src", Port.OUT, "events"), Edge.of("t1", "events", Port.OUT, "q1"),
                        Edge.of("t2", "events", Port.OUT, "q2"), Edge.of("c1", "q1", Port.OUT, "w1"),
                        Edge.of("c2", "q2", Port.OUT, "w2")));
        Path file = TestFlows.write(dir, "topic-duplicates.flow.json", flow);
        CliRun live = CliRun.of("deploy", file.toString(), "--nats", LocalNats.URL, "--run", "60s", "--report", "json",
                "--teardown");
        assertThat(live.exitCode()).as(live.err()).isZero();
        JsonNode liveReport = FidelityRuns.MAPPER.readTree(live.out());
        JsonNode sim = FidelityRuns.simulate(file, Broker.NATS, "60s");
        JsonNode law = liveReport.path("conservation");
        assertThat(List.of(law.path("produced").asLong(), law.path("completed").asLong(), law.path("filtered").asLong()))
                .as(law.toString()).containsExactly(6L, 4L, 2L);
        FidelityRuns.assertSameFigures(liveReport, sim, FIGURES, List.of("q1", "q2", "w1", "w2"));
        FidelityRuns.assertSameLaw(liveReport, sim);
    }

    private static Node worker(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }
}
