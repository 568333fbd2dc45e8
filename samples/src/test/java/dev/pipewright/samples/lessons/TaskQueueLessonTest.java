// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The claims of the task queue lesson, on its sample. */
class TaskQueueLessonTest {
    private static final String ID = "task-queue";
    private final Flow flow = Lessons.sample(ID);
    private final Source browser = Lessons.node(flow, "browser", Source.class);
    private final Consumer frontEnd = Lessons.node(flow, "web-frontend", Consumer.class);
    private final Consumer workers = Lessons.node(flow, "report-workers", Consumer.class);

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(browser.rate()).isEqualTo(4);
        assertThat(frontEnd.processingTime().meanSeconds()).isEqualTo(0.010);
        assertThat(frontEnd.replies()).isTrue();
        assertThat(flow.outgoing(frontEnd.id())).singleElement().satisfies(e -> assertThat(e.to()).isEqualTo("report-jobs"));
        assertThat(workers.processingTime().meanSeconds()).isEqualTo(1.0);
        assertThat(workers.instances()).isEqualTo(6);
        assertThat(browser.rate() * workers.processingTime().meanSeconds() / workers.instances()).isCloseTo(0.67, within(0.01));
    }

    @Test
    void clicksAreAnsweredInTensOfMillisecondsWhileReportsTakeSeconds() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        NodeStats clicks = s.node("browser");
        assertThat(clicks.timedOut()).isZero();
        assertThat(clicks.timeInNode().p99Ms()).isBetween(20.0, 60.0);
        assertThat(s.node(workers.id()).timeInNode().meanMs()).isCloseTo(1000, within(200.0));
        assertThat(s.node(workers.id()).endToEnd().p99Ms()).isGreaterThan(2000);
    }

    @Test
    void aBurstMakesJobsWaitNotTheClicks() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.flood(browser.id(), 3, 20);
        sim.runUntil(30);
        Snapshot s = sim.snapshot();
        assertThat(s.node("report-jobs").depth()).isGreaterThan(100);
        assertThat(s.node("browser").timeInNode().p99Ms()).isLessThan(60);
        assertThat(s.node("browser").timedOut()).isZero();
        sim.runUntil(90);
        assertThat(sim.snapshot().node("report-jobs").depth()).isLessThan(15);
    }

    @Test
    void withTheWorkersPausedEveryClickIsStillAnswered() {
        Simulation sim = Simulation.create(flow, 42);
        sim.pauseConsumer(workers.id(), true);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        assertThat(s.node("browser").timedOut()).isZero();
        assertThat(s.node("browser").replies()).isGreaterThan(200);
        assertThat(s.node("report-jobs").ready()).isGreaterThan(200);
        assertThat(s.node(workers.id()).completed()).isZero();
    }

    @Test
    void anExtraWorkerDrainsTheBacklogFaster() {
        double[] drained = new double[2];
        for (int extra = 0; extra <= 1; extra++) {
            Simulation sim = Simulation.create(flow, 42);
            sim.runUntil(10);
            sim.flood(browser.id(), 3, 20);
            sim.runUntil(30);
            sim.setConsumerInstances(workers.id(), workers.instances() + extra);
            while (sim.snapshot().node("report-jobs").ready() > 0) {
                sim.runUntil(sim.now() + 0.1);
            }
            drained[extra] = sim.now();
        }
        assertThat(drained[1]).isLessThan(drained[0]);
    }

    @Test
    void challengeTheShippedFlowMissesAndEightWorkersAtFiveClicksMeetIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow faster = Lessons.with(flow, browser.id(), "rate", 5.0);
        assertThat(Lessons.meets(Lessons.challenge(ID, faster))).isFalse();
        assertThat(Lessons.meets(Lessons.challenge(ID, Lessons.with(faster, workers.id(), "instances", 8)))).isTrue();
    }
}
