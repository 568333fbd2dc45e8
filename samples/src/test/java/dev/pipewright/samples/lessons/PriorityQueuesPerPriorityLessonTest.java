// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Severity;
import org.junit.jupiter.api.Test;

/** The claims of the one-queue-per-priority lesson, on its sample, against the native priority sample. */
class PriorityQueuesPerPriorityLessonTest {
    private static final String ID = "priority-queues-per-priority";
    private final Flow flow = Lessons.sample(ID);
    private final Source express = Lessons.node(flow, "express-orders", Source.class);
    private final Source standard = Lessons.node(flow, "standard-orders", Source.class);
    private final Consumer expressPacking = Lessons.node(flow, "express-packing", Consumer.class);
    private final Consumer standardPacking = Lessons.node(flow, "standard-packing", Consumer.class);

    private static double busy(Consumer c, double rate) {
        return rate * c.processingTime().meanSeconds() / c.instances();
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(expressPacking.instances()).isEqualTo(2);
        assertThat(standardPacking.instances()).isEqualTo(1);
        assertThat(express.rate()).isEqualTo(5);
        assertThat(standard.rate()).isEqualTo(40);
        assertThat(busy(expressPacking, express.rate())).isCloseTo(0.05, within(1e-9));
        assertThat(busy(standardPacking, standard.rate())).isCloseTo(0.80, within(1e-9));
        // Portable: no priorities at all, so no warning on a quorum queue under RabbitMQ either.
        Flow rabbitQuorum = flow.withInfo(flow.info().withBroker(Broker.RABBITMQ));
        for (String q : new String[] {"express", "standard"}) {
            rabbitQuorum = Lessons.with(rabbitQuorum, q, "queueType", QueueType.QUORUM);
        }
        assertThat(FlowChecks.all(rabbitQuorum)).noneMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void expressOrdersAlmostNeverWaitAndStandardOnesWaitUpToAboutHalfASecond() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(600);
        Snapshot s = sim.snapshot();
        assertThat(s.node("express").timeInNode().p99Ms()).isLessThan(20);
        assertThat(s.node("standard").timeInNode().p99Ms()).isBetween(400.0, 550.0);
        NodeStats idle = s.node(expressPacking.id());
        assertThat(idle.out() * idle.timeInNode().meanMs() / 1000 / (expressPacking.instances() * 600)).isCloseTo(0.05, within(0.01));
    }

    @Test
    void oneExpressPackerKeepsUpAlone() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(5);
        sim.crashConsumerInstance(expressPacking.id(), 0);
        sim.resetStatistics();
        sim.runUntil(65);
        assertThat(sim.snapshot().node("express").depth()).isLessThan(5);
        assertThat(sim.snapshot().node("express").timeInNode().p99Ms()).isLessThan(100);
    }

    @Test
    void aFloodOfStandardOrdersGrowsOnlyTheirQueueWhileTheExpressPackersIdle() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.flood(standard.id(), 2, 10);
        sim.runUntil(19.9);
        Snapshot s = sim.snapshot();
        assertThat(s.node("standard").depth()).isGreaterThan(200);
        assertThat(s.node("express").depth()).isLessThan(5);
        assertThat(s.node(expressPacking.id()).idle()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSameThreePackersOnOnePriorityQueuePackStandardOrdersMuchFaster() {
        Flow native3 = Lessons.with(Lessons.sample("priority-queue"), "packing", "instances",
                expressPacking.instances() + standardPacking.instances());
        double nativeStandard = Lessons.p99(Lessons.EndToEnd.run(native3, 600).of("standard-orders"));
        double splitStandard = Lessons.p99(Lessons.EndToEnd.run(flow, 600).of("standard-orders"));
        assertThat(nativeStandard).isLessThan(splitStandard / 2);
    }

    @Test
    void challengeTheShippedFlowMissesAndMovingOnePackerMeetsIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow moved = Lessons.with(Lessons.with(flow, expressPacking.id(), "instances", expressPacking.instances() - 1),
                standardPacking.id(), "instances", standardPacking.instances() + 1);
        assertThat(Lessons.meets(Lessons.challenge(ID, moved))).isTrue();
    }
}
