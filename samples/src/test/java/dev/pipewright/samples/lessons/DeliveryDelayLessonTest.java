// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of the delivery-delay lesson, on both profiles, and its challenge. */
class DeliveryDelayLessonTest {
    private static final String ID = "delivery-delay";

    private final Flow flow = Lessons.flow(ID);
    private final Queue queue = Lessons.node(flow, "reminders-queue", Queue.class);
    private final Source reminders = Lessons.node(flow, "reminders", Source.class);
    private final double delay = queue.deliveryDelay().toNanos() / 1e9;

    @Test
    void noReminderIsDeliveredSoonerThanTheDelayOnEitherProfile() {
        assertThat(delay).isEqualTo(10);
        for (Broker broker : Broker.values()) {
            if (broker == Broker.KAFKA) {
                continue; // Kafka has no delivery delay: a record can be read as soon as it is written (check warns)
            }
            Simulation sim = Simulation.create(flow.withInfo(flow.info().withBroker(broker)), 42);
            Map<Long, Double> published = new HashMap<>();
            double[] shortest = {Double.MAX_VALUE};
            sim.setMessageEvents(e -> {
                if (e.node().equals(reminders.id()) && e.event().equals("publish")) {
                    published.put(e.message(), e.t());
                } else if (e.node().equals(queue.id()) && e.event().equals("deliver")) {
                    shortest[0] = Math.min(shortest[0], e.t() - published.get(e.message()));
                }
            });
            sim.runUntil(delay - 0.05);
            assertThat(sim.snapshot().node("mailer").in()).as(broker.word()).isZero();
            sim.runUntil(60);
            assertThat(shortest[0]).as(broker.word()).isGreaterThanOrEqualTo(delay - 1e-9);
            assertThat(sim.snapshot().node("mailer").in()).as(broker.word()).isPositive();
        }
    }

    @Test
    void theQueueHoldsRateTimesDelayAllScheduledAndTheMailerSeesTheWholeWait() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(30);
        Snapshot s = sim.snapshot();
        long held = Math.round(reminders.rate() * delay);
        assertThat(held).isEqualTo(50);
        assertThat(s.node(queue.id()).scheduled()).isBetween(held - 1, held + 1);
        assertThat(s.node(queue.id()).ready()).isZero();
        sim.runUntil(60);
        s = sim.snapshot();
        assertThat(s.node("mailer").endToEnd().p99Ms()).isBetween(delay * 1000, delay * 1000 + 500);
        assertThat(s.node(queue.id()).timeInNode().p50Ms()).isLessThan(5);
        assertThat(Lessons.prose(ID)).contains("waits " + (long) delay + " s", "about " + held + " reminders",
                (long) reminders.rate() + " a second for " + (long) delay + " s", "just over " + (long) delay + " s");
    }

    @Test
    void aFloodReachesTheMailerOnlyAfterTheDelay() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(20);
        sim.flood(reminders.id(), 10, 5);
        sim.runUntil(20 + delay);
        long before = sim.snapshot().node("mailer").in();
        long normal = Math.round(reminders.rate() * (20 + delay - delay));
        assertThat(sim.snapshot().node(queue.id()).scheduled()).isGreaterThan(Math.round(reminders.rate() * 10 * 5 * 0.9));
        assertThat(before).isBetween(normal - 2, normal + 2);
        sim.runUntil(25 + delay + 0.5);
        assertThat(sim.snapshot().node("mailer").in() - before).isGreaterThan(Math.round(reminders.rate() * 10 * 5 * 0.9));
    }

    @Test
    void atFiftyASecondTheQueueHoldsAboutFiveHundred() {
        Simulation sim = Simulation.create(flow.replaceNode(reminders.with("rate", 50.0)), 42);
        sim.runUntil(30);
        assertThat(sim.snapshot().node(queue.id()).scheduled()).isBetween(499L, 501L);
        assertThat(Lessons.prose(ID)).contains("50 requests a second", "about 500 reminders");
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAThirtySecondDelayMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(queue.with("deliveryDelay", Duration.ofSeconds(30))), challenge)).isTrue();
    }
}
