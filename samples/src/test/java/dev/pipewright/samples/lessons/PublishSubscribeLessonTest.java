// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the publish/subscribe lesson, on its sample. */
class PublishSubscribeLessonTest {
    private static final String ID = "publish-subscribe";
    private static final List<String> QUEUES = List.of("billing-orders", "shipping-orders", "analytics-orders");
    private final Flow flow = Lessons.sample(ID);
    private final Source orders = Lessons.node(flow, "order-service", Source.class);
    private final Consumer shipping = Lessons.node(flow, "shipping", Consumer.class);

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void everySubscriberQueueGetsACopyOfEveryOrder() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        long published = s.node("order-service").out();
        assertThat(published).isGreaterThan(1000);
        assertThat(s.node("order-events").out()).isEqualTo(QUEUES.size() * published);
        for (String q : QUEUES) {
            assertThat(s.node(q).in()).as(q).isEqualTo(published);
        }
    }

    @Test
    void aPausedSubscriberGrowsOnlyItsOwnQueue() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.pauseConsumer("shipping", true);
        sim.runUntil(30);
        Snapshot paused = sim.snapshot();
        // About the order rate, every second of the pause.
        assertThat(paused.node("shipping-orders").ready() / 20.0).isCloseTo(orders.rate(), within(orders.rate() * 0.15));
        assertThat(paused.node("billing-orders").depth()).isLessThan(15);
        assertThat(paused.node("analytics-orders").depth()).isLessThan(15);

        sim.pauseConsumer("shipping", false);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("shipping-orders").depth()).isLessThan(15);
    }

    @Test
    void atFortyASecondOnlyShippingFallsBehind() {
        double shippingCapacity = shipping.instances() / shipping.processingTime().meanSeconds();
        assertThat(shippingCapacity).isCloseTo(33.3, within(0.1));
        Simulation sim = Simulation.create(flow, 42);
        sim.setSourceRate("order-service", 40);
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        assertThat(s.node("shipping-orders").depth()).isGreaterThan(200);
        assertThat(s.node("billing-orders").depth()).isLessThan(15);
        assertThat(s.node("analytics-orders").depth()).isLessThan(15);
    }

    @Test
    void challengeTheShippedFlowMissesAndASecondShippingInstanceMeetsIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow faster = Lessons.with(flow, "order-service", "rate", 40.0);
        assertThat(Lessons.meets(Lessons.challenge(ID, faster))).isFalse();
        Flow solution = Lessons.with(faster, "shipping", "instances", shipping.instances() + 1);
        assertThat(Lessons.meets(Lessons.challenge(ID, solution))).isTrue();
    }
}
