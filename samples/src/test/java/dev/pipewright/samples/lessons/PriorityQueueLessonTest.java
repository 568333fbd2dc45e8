// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of the native priority queue lesson, on its sample, under each broker profile. */
class PriorityQueueLessonTest {
    private static final String ID = "priority-queue";
    private static final double SECONDS = 600;
    private final Flow flow = Lessons.sample(ID);
    private final Source express = Lessons.node(flow, "express-orders", Source.class);
    private final Source standard = Lessons.node(flow, "standard-orders", Source.class);
    private final Queue orders = Lessons.node(flow, "orders", Queue.class);
    private final Consumer packing = Lessons.node(flow, "packing", Consumer.class);

    private static Flow on(Flow flow, Broker broker) {
        return flow.withInfo(flow.info().withBroker(broker));
    }

    /** Express p99 and standard p99, end to end, in seconds. */
    private static double[] p99s(Flow flow) {
        Lessons.EndToEnd e2e = Lessons.EndToEnd.run(flow, SECONDS);
        return new double[] {Lessons.p99(e2e.of("express-orders")), Lessons.p99(e2e.of("standard-orders"))};
    }

    private static void assertExpressFirst(double[] p99s) {
        assertThat(p99s[0]).as("express p99 (s)").isLessThan(0.2);
        assertThat(p99s[1]).as("standard p99 (s)").isBetween(0.7, 1.1);
    }

    private static void assertNoPrecedence(double[] p99s) {
        assertThat(p99s[0]).as("express p99 (s)").isGreaterThan(0.6);
        assertThat(p99s[0] / p99s[1]).isCloseTo(1, within(0.1));
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(express.priorityMix()).isEqualTo(Map.of(9, 1.0));
        assertThat(standard.priorityMix()).isEqualTo(Map.of(0, 1.0));
        assertThat(orders.maxPriority()).isEqualTo(9);
        assertThat(packing.prefetch()).isEqualTo(1);
        assertThat(express.rate() + standard.rate()).isEqualTo(45);
        assertThat((express.rate() + standard.rate()) * packing.processingTime().meanSeconds() / packing.instances())
                .isCloseTo(0.9, within(1e-9));
        assertThat(FlowChecks.all(on(flow, Broker.RABBITMQ))).noneMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void expressOrdersArePackedWithin200MsAndStandardOnesInAboutASecond() {
        assertExpressFirst(p99s(flow));
    }

    @Test
    void packingsOwnFigureIsCloseToTheStandardOrdersAndTheWaitingOrdersAreStandard() {
        Simulation sim = Simulation.create(flow, 42);
        Lessons.EndToEnd e2e = new Lessons.EndToEnd(sim);
        long waiting = 0;
        long waitingStandard = 0;
        for (int t = 10; t <= SECONDS; t += 10) {
            sim.runUntil(t);
            for (var m : sim.peek(orders.id(), 1000)) {
                waiting++;
                waitingStandard += m.priority() == 0 ? 1 : 0;
            }
        }
        double standardP99 = Lessons.p99(e2e.of("standard-orders"));
        assertThat(sim.snapshot().node(packing.id()).endToEnd().p99Ms() / 1000).isCloseTo(standardP99, within(0.15 * standardP99));
        assertThat(standard.rate() / (express.rate() + standard.rate())).isCloseTo(0.89, within(0.01));
        assertThat(waiting).isGreaterThan(100);
        assertThat((double) waitingStandard / waiting).isGreaterThan(0.95);
    }

    @Test
    void aLargePrefetchTakesOrdersPastThePriorities() {
        double[] p99s = p99s(Lessons.with(flow, packing.id(), "prefetch", 20));
        assertThat(p99s[0]).isGreaterThan(0.4);
        assertThat(p99s[0] / p99s[1]).isGreaterThan(0.5);
    }

    @Test
    void withoutAMaxPriorityBothKindsWaitTheSame() {
        assertNoPrecedence(p99s(Lessons.with(flow, orders.id(), "maxPriority", null)));
    }

    @Test
    void aFloodOfStandardOrdersDoesNotHoldUpExpressOnes() {
        Simulation sim = Simulation.create(flow, 42);
        Lessons.EndToEnd e2e = new Lessons.EndToEnd(sim);
        sim.runUntil(10);
        sim.flood(standard.id(), 2, 10);
        sim.runUntil(60);
        assertThat(Lessons.p99(e2e.of("express-orders", 10, 20))).isLessThan(0.2);
        // Standard orders of the flood wait seconds.
        assertThat(Lessons.p99(e2e.of("standard-orders", 10, 20))).isGreaterThan(2);
    }

    @Test
    void onRabbitMqOnlyAClassicQueueWithAMaxPriorityHasPriorities() {
        Flow rabbit = on(flow, Broker.RABBITMQ);
        assertExpressFirst(p99s(rabbit));
        assertNoPrecedence(p99s(Lessons.with(rabbit, orders.id(), "maxPriority", null)));
        Flow quorum = Lessons.with(rabbit, orders.id(), "queueType", QueueType.QUORUM);
        assertNoPrecedence(p99s(quorum));
        assertThat(FlowChecks.all(quorum)).anyMatch(f -> f.severity() == Severity.WARNING && f.message().contains("priorities"));
    }

    @Test
    void onRabbitMqAPriorityAboveTheMaximumCountsAsTheMaximum() {
        assertExpressFirst(p99s(Lessons.with(on(flow, Broker.RABBITMQ), orders.id(), "maxPriority", 1)));
    }

    @Test
    void onArtemisPrioritiesNeedNoMaximum() {
        assertExpressFirst(p99s(Lessons.with(on(flow, Broker.ARTEMIS), orders.id(), "maxPriority", null)));
    }
}
