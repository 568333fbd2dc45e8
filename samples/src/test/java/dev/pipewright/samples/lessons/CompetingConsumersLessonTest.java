// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.oracle.OracleAssert;
import dev.pipewright.engine.oracle.Replications;
import dev.pipewright.engine.theory.QueueingTheory;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The claims of the competing consumers lesson (performance: more in parallel), on its sample. */
class CompetingConsumersLessonTest {
    private static final String ID = "competing-consumers";
    private final Flow flow = Lessons.sample(ID);
    private final Source orders = Lessons.node(flow, "order-service", Source.class);
    private final Consumer workers = Lessons.node(flow, "order-processor", Consumer.class);
    private final double lambda = orders.rate();
    private final double mu = 1 / workers.processingTime().meanSeconds();

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFiguresOfTheTextFollowFromTheFlow() {
        assertThat(lambda).isEqualTo(80);
        assertThat(workers.instances()).isEqualTo(3);
        assertThat(workers.prefetch()).isEqualTo(1);
        assertThat(mu).isCloseTo(33.3, within(0.1));
        assertThat(lambda / (workers.instances() * mu)).isCloseTo(0.80, within(0.005));
        // Two instances handle about 67 a second: the queue grows by about 13 a second.
        assertThat((workers.instances() - 1) * mu).isCloseTo(67, within(0.5));
        assertThat(lambda - (workers.instances() - 1) * mu).isCloseTo(13, within(0.5));
        // Theory: about 32 ms with three, about 5 ms with four (a sixth), a fifth gains a few ms more.
        double three = QueueingTheory.mmcMeanWait(3, lambda, mu) * 1000;
        double four = QueueingTheory.mmcMeanWait(4, lambda, mu) * 1000;
        double five = QueueingTheory.mmcMeanWait(5, lambda, mu) * 1000;
        assertThat(three).isCloseTo(32, within(1.0));
        assertThat(four).isCloseTo(5, within(0.5));
        assertThat(three / four).isCloseTo(6, within(0.3));
        assertThat(four - five).isBetween(2.0, 5.0);
    }

    @Test
    void meanWaitsFollowErlangCWithThreeAndWithFourInstances() {
        for (int instances : new int[] {workers.instances(), workers.instances() + 1}) {
            Flow f = Lessons.with(flow, workers.id(), "instances", instances);
            double[] waits = new double[10];
            for (int seed = 1; seed <= waits.length; seed++) {
                Simulation sim = Simulation.create(f, seed);
                sim.setSampleInterval(3100);
                sim.runUntil(100);
                sim.resetStatistics();
                sim.runUntil(2100);
                waits[seed - 1] = sim.snapshot().node("orders").timeInNode().meanMs() / 1000;
            }
            OracleAssert.matches("mean wait in 'orders' with " + instances + " instances (s)", new Replications(waits),
                    QueueingTheory.mmcMeanWait(instances, lambda, mu));
        }
    }

    @Test
    void theInstancesAreBusyAboutEightyPercentAndShareTheWork() {
        Simulation sim = Simulation.create(flow, 42);
        java.util.Map<String, Integer> perInstance = new java.util.HashMap<>();
        sim.setMessageEvents(e -> {
            if (e.event().equals("receive") && e.node().equals(workers.id())) {
                perInstance.merge(e.reason(), 1, Integer::sum);
            }
        });
        sim.runUntil(300);
        var w = sim.snapshot().node(workers.id());
        assertThat(w.out() * w.timeInNode().meanMs() / 1000 / (workers.instances() * 300)).isCloseTo(0.8, within(0.03));
        assertThat(perInstance).hasSize(workers.instances());
        int all = perInstance.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(perInstance.values()).allSatisfy(n -> assertThat((double) n / all).isBetween(0.25, 0.42));
    }

    @Test
    void withOneInstanceFewerTheQueueGrowsByAboutThirteenASecond() {
        Simulation sim = Simulation.create(Lessons.with(flow, workers.id(), "instances", workers.instances() - 1), 42);
        sim.runUntil(30);
        long at30 = sim.snapshot().node("orders").depth();
        sim.runUntil(90);
        assertThat((sim.snapshot().node("orders").depth() - at30) / 60.0).isBetween(10.0, 16.0);
    }

    @Test
    void aFloodIsAbsorbedAndDrains() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.flood(orders.id(), 2, 10);
        sim.runUntil(20);
        assertThat(sim.snapshot().node("orders").depth()).isGreaterThan(200);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("orders").depth()).isLessThan(20);
    }

    @Test
    void challengeTheShippedFlowMissesAndAFourthInstanceMeetsIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow solution = Lessons.with(flow, workers.id(), "instances", workers.instances() + 1);
        assertThat(Lessons.meets(Lessons.challenge(ID, solution))).isTrue();
    }
}
