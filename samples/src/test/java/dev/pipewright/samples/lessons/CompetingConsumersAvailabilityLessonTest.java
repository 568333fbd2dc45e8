// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The claims of the availability lesson, on its sample. */
class CompetingConsumersAvailabilityLessonTest {
    private static final String ID = "competing-consumers-availability";
    private final Flow flow = Lessons.sample(ID);
    private final Source orders = Lessons.node(flow, "order-service", Source.class);
    private final Consumer processor = Lessons.node(flow, "order-processor", Consumer.class);

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theScheduleIsAsTheTextSays() {
        assertThat(orders.rate()).isEqualTo(70);
        assertThat(processor.instances()).isEqualTo(3);
        double mu = 1 / processor.processingTime().meanSeconds();
        assertThat(processor.instances() * mu).isCloseTo(100, within(0.5));
        assertThat(mu).isCloseTo(33, within(0.5));
        assertThat(processor.crashes()).containsExactly(
                new Consumer.Crash(Duration.ofSeconds(20), 0, Duration.ofSeconds(20)),
                new Consumer.Crash(Duration.ofSeconds(30), 1, Duration.ofSeconds(10)));
        assertThat(processor.ackMode()).isEqualTo(Consumer.AckMode.MANUAL);
    }

    @Test
    void theLastInstanceCarriesOnAndTheBacklogDrainsOnceTheOthersAreBack() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(31);
        assertThat(sim.snapshot().node(processor.id()).crashed()).isEqualTo(2);
        long done31 = sim.snapshot().node(processor.id()).completed();
        sim.runUntil(39.9);
        NodeStats at40 = sim.snapshot().node(processor.id());
        // About 33 a second from the one instance left.
        assertThat((at40.completed() - done31) / 8.9).isBetween(25.0, 40.0);
        assertThat(sim.snapshot().node("orders").depth()).isBetween(200L, 600L);
        sim.runUntil(55);
        assertThat(sim.snapshot().node(processor.id()).crashed()).isZero();
        assertThat(sim.snapshot().node("orders").depth()).isLessThan(20);
    }

    @Test
    void withManualAcksTheCrashedInstancesOrdersAreRedeliveredAndNoneIsLost() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        Conservation c = sim.conservation();
        assertThat(c.dropped()).isZero();
        assertThat(c.holds()).isTrue();
        assertThat(sim.snapshot().node("orders").redelivered()).isBetween(5L, 2L * processor.prefetch());
        // Everything published is done but for the few on their way.
        assertThat(sim.snapshot().node(processor.id()).completed()).isGreaterThan(c.produced() - 10);
    }

    @Test
    void withAutoAcksTheOrdersTheCrashedInstancesHeldAreLost() {
        Simulation sim = Simulation.create(Lessons.with(flow, processor.id(), "ackMode", Consumer.AckMode.AUTO), 42);
        sim.runUntil(60);
        assertThat(sim.conservation().dropped()).isBetween(5L, 2L * processor.prefetch());
        assertThat(sim.snapshot().node("orders").redelivered()).isZero();
    }

    @Test
    void challengeTheShippedFlowMissesAndAFourthInstanceMeetsIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow solution = Lessons.with(flow, processor.id(), "instances", processor.instances() + 1);
        assertThat(Lessons.meets(Lessons.challenge(ID, solution))).isTrue();
    }
}
