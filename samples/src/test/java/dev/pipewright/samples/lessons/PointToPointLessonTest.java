// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of the point-to-point lesson, on its sample. */
class PointToPointLessonTest {
    private static final String ID = "point-to-point";
    private final Flow flow = Lessons.sample(ID);
    private final Source orders = Lessons.node(flow, "order-service", Source.class);
    private final Consumer billing = Lessons.node(flow, "billing", Consumer.class);

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void withASecondInstanceEachOrderIsStillBilledExactlyOnce() {
        Flow two = Lessons.with(flow, "billing", "instances", billing.instances() + 1);
        List<MessageEvent> events = Lessons.events(two, 42, 60);

        long published = events.stream().filter(e -> e.event().equals("publish")).count();
        Map<Long, Integer> received = Lessons.countPerMessage(events, "receive", "billing");
        assertThat(published).isGreaterThan(1000);
        assertThat(received.values()).containsOnly(1);
        // All but the few still on their way were billed.
        assertThat(received.size()).isBetween((int) published - 5, (int) published);
        // And both instances took a share.
        assertThat(events.stream().filter(e -> e.event().equals("receive")).map(MessageEvent::reason).distinct().count())
                .isEqualTo(2);
    }

    @Test
    void billingIsBusyAboutFortyPercentOfTheTime() {
        double nominal = orders.rate() * billing.processingTime().meanSeconds() / billing.instances();
        assertThat(nominal).isCloseTo(0.40, within(0.005));

        Simulation sim = Simulation.create(flow, 42);
        double seconds = 1000;
        sim.runUntil(seconds);
        NodeStats b = sim.snapshot().node("billing");
        double busy = b.out() * b.timeInNode().meanMs() / 1000 / (billing.instances() * seconds);
        assertThat(busy).isCloseTo(0.40, within(0.02));
        // "The queue stays short": a few orders at most on average.
        assertThat(sim.snapshot().node("orders").meanReady()).isLessThan(1);
    }

    @Test
    void atSixtyASecondTheQueueGrowsByAboutTenOrdersASecond() {
        double capacity = billing.instances() / billing.processingTime().meanSeconds();
        assertThat(capacity).isCloseTo(50, within(0.5));

        Simulation sim = Simulation.create(flow, 42);
        sim.setSourceRate("order-service", 60);
        sim.runUntil(30);
        long at30 = sim.snapshot().node("orders").depth();
        sim.runUntil(60);
        long at60 = sim.snapshot().node("orders").depth();
        assertThat((at60 - at30) / 30.0).isBetween(7.0, 13.0);
    }

    @Test
    void whileBillingIsStoppedTheOrdersWaitAndNoneIsLost() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.pauseConsumer(billing.id(), true);
        sim.runUntil(20);
        assertThat(sim.snapshot().node("orders").ready()).isGreaterThan(100);
        sim.pauseConsumer(billing.id(), false);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("orders").depth()).isLessThan(15);
        assertThat(sim.conservation().dropped()).isZero();
    }

    @Test
    void theQueuesWaitLeavesOutTheTimeInBillingsPrefetchBuffer() {
        assertThat(billing.prefetch()).isEqualTo(10);
        Simulation sim = Simulation.create(Lessons.with(flow, "order-service", "rate", 45.0), 42);
        sim.runUntil(60);
        double queueP99 = sim.snapshot().node("orders").timeInNode().p99Ms();
        double e2eP99 = sim.snapshot().node(billing.id()).endToEnd().p99Ms();
        assertThat(e2eP99).isGreaterThan(queueP99 + 100);
    }

    @Test
    void challengeTheShippedFlowMissesAndTwoInstancesAtFortyFiveMeetIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();

        // Only raising the rate is not enough: one instance at 90% keeps orders waiting too long.
        Flow faster = Lessons.with(flow, "order-service", "rate", 45.0);
        var oneInstance = Lessons.challenge(ID, faster);
        assertThat(oneInstance.goals().get(0).met()).isTrue();
        assertThat(Lessons.meets(oneInstance)).isFalse();

        Flow solution = Lessons.with(faster, "billing", "instances", 2);
        assertThat(Lessons.meets(Lessons.challenge(ID, solution))).isTrue();
    }
}
