// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private static final Flow FLOW = new Flow(new FlowInfo("Retries", ""), List.of(
            Source.of("src", "Shop", Position.ORIGIN).with("rate", 100.0),
            Queue.of("orders", "Orders", Position.ORIGIN).with("deliveryLimit", 2),
            Consumer.of("workers", "Workers", Position.ORIGIN)
                    .with("processingTime", Distribution.exponential(Duration.ofMillis(5)))
                    .with("failureRate", 0.2),
            DeadLetterQueue.of("dlq", "DLQ", Position.ORIGIN)), List.of(
            Edge.of("e1", "src", Port.OUT, "orders"),
            Edge.of("e2", "orders", Port.OUT, "workers"),
            Edge.of("e3", "orders", Port.DEAD_LETTER, "dlq")));

    @Test
    void reportCarriesEachNodesStatisticsInFlowOrder() {
        Simulation simulation = Simulation.create(FLOW, 3);
        simulation.runFor(600);
        Snapshot snapshot = simulation.snapshot();
        RunReport report = Reports.from(FLOW, snapshot, "virtual", 3);

        assertThat(report.nodes()).extracting(NodeReport::id).containsExactly("src", "orders", "workers", "dlq");
        assertThat(report.nodes()).extracting(NodeReport::kind)
                .containsExactly("source", "queue", "consumer", "dead-letter-queue");
        NodeStats queue = snapshot.node("orders");
        NodeReport orders = report.node("Orders").orElseThrow();
        assertThat(orders.in()).isEqualTo(queue.in());
        assertThat(orders.out()).isEqualTo(queue.out());
        assertThat(orders.redelivered()).isEqualTo(queue.redelivered()).isPositive();
        assertThat(orders.deadLettered()).isEqualTo(queue.deadLettered()).isPositive();
        assertThat(orders.p99Ms()).isEqualTo(queue.timeInNode().p99Ms());
        assertThat(report.node("dlq").orElseThrow().count()).isEqualTo(queue.deadLettered());
        assertThat(report.node("src").orElseThrow().ratePerSecond()).isCloseTo(100, within(5.0));
        assertThat(report.node("workers").orElseThrow().e2eP99Ms()).isEqualTo(snapshot.node("workers").endToEnd().p99Ms());
        assertThat(report.conservation()).isEqualTo(snapshot.conservation());
        assertThat(report.events()).isEqualTo(snapshot.events());
    }

    @Test
    void ratesAfterAWarmUpCoverOnlyTheMeasuredTime() {
        Simulation simulation = Simulation.create(FLOW, 3);
        simulation.runFor(300);
        simulation.resetStatistics();
        simulation.runFor(300);
        RunReport report = Reports.from(FLOW, simulation.snapshot(), "virtual", 3, 300);
        assertThat(report.measuredSeconds()).isEqualTo(300.0);
        assertThat(report.node("src").orElseThrow().ratePerSecond()).isCloseTo(100, within(5.0));
    }

    @Test
    void consumersReportTheirUtilisationAndPriorityQueuesTheirWaitsPerPriority() throws Exception {
        Flow flow = new Flow(new FlowInfo("Priorities", ""), List.of(
                Source.of("src", "Shop", Position.ORIGIN).with("rate", 80.0).with("priorityMix", java.util.Map.of(1, 0.5, 5, 0.5)),
                Queue.of("orders", "Orders", Position.ORIGIN).with("maxPriority", 5),
                Consumer.of("workers", "Workers", Position.ORIGIN).with("prefetch", 1)
                        .with("processingTime", Distribution.exponential(Duration.ofMillis(10)))), List.of(
                Edge.of("e1", "src", Port.OUT, "orders"),
                Edge.of("e2", "orders", Port.OUT, "workers")));
        Simulation simulation = Simulation.create(flow, 3);
        simulation.runFor(600);
        RunReport report = Reports.from(flow, simulation.snapshot(), "virtual", 3);

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Reports.json(report));
        var workers = json.get("nodes").get(2);
        assertThat(workers.get("utilisation").asDouble()).isCloseTo(0.8, within(0.03));
        assertThat(json.get("nodes").get(1).has("utilisation")).isFalse();
        assertThat(json.get("nodes").get(0).has("waitToStartByPriority")).isFalse();
        var byPriority = json.get("nodes").get(1).get("waitToStartByPriority");
        assertThat(byPriority.fieldNames()).toIterable().containsExactly("1", "5");
        assertThat(byPriority.get("5").get("meanMs").asDouble()).isLessThan(byPriority.get("1").get("meanMs").asDouble());
        assertThat(byPriority.get("1").get("count").asLong() + byPriority.get("5").get("count").asLong())
                .isEqualTo(json.get("nodes").get(1).get("out").asLong());

        String text = Reports.text(report);
        assertThat(text).contains(String.format(java.util.Locale.ROOT, "utilisation: Workers (workers): %.1f%% of instance time processing",
                        100 * workers.get("utilisation").asDouble()))
                .contains("wait to start by priority: Orders (orders): priority 5 p99 ");
        assertThat(text.indexOf("priority 5")).isLessThan(text.indexOf("priority 1 "));
    }
}
