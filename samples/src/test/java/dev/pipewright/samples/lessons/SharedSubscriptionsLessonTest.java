// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claims of the shared-subscriptions lesson, and its challenge, on its sample. */
class SharedSubscriptionsLessonTest {
    private static final String ID = "shared-subscriptions";

    private final Flow flow = Lessons.flow(ID);
    private final Consumer pricing = Lessons.node(flow, "pricing-service", Consumer.class);
    private final Source feed = Lessons.node(flow, "price-updates", Source.class);

    @Test
    void everySubscriptionGetsEveryUpdateAndTheSharedOneSplitsThemOverItsInstances() {
        Simulation sim = Simulation.create(flow, 42);
        Map<String, Integer> perInstance = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        int[] receives = {0};
        sim.setMessageEvents(e -> {
            if (e.node().equals(pricing.id()) && e.event().equals("receive")) {
                receives[0]++;
                seen.add(e.message());
                perInstance.merge(e.reason(), 1, Integer::sum);
            }
        });
        sim.runUntil(60);
        Snapshot s = sim.snapshot();
        long published = s.node("price-updates").out();
        assertThat(s.node("pricing-shared").in()).isEqualTo(published);
        assertThat(s.node("audit").in()).isEqualTo(published);
        assertThat(s.node("auditor").in()).isEqualTo(published);
        // Each update once in the shared subscription, spread over every instance.
        assertThat(receives[0]).isEqualTo(seen.size()).isEqualTo((int) published);
        assertThat(perInstance).hasSize(pricing.instances());
        assertThat(pricing.instances()).isEqualTo(3);
        for (int n : perInstance.values()) {
            assertThat((double) n / published).isBetween(0.28, 0.39);
        }
        assertThat(Lessons.prose(ID)).contains("runs three instances", "about " + (long) feed.rate() + " a second",
                "each instance takes about a third");
    }

    @Test
    void aFourthInstanceTakesItsShareAndTheAuditorStillGetsEveryUpdate() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.setConsumerInstances(pricing.id(), pricing.instances() + 1);
        Set<String> instances = new HashSet<>();
        sim.setMessageEvents(e -> {
            if (e.node().equals(pricing.id()) && e.event().equals("receive")) {
                instances.add(e.reason());
            }
        });
        sim.runUntil(40);
        assertThat(instances).hasSize(pricing.instances() + 1);
        assertThat(sim.snapshot().node("auditor").in()).isEqualTo(sim.snapshot().node("price-updates").out());
    }

    @Test
    void atSixtyASecondTheSharedSubscriptionFallsBehind() {
        Simulation sim = Simulation.create(flow.replaceNode(feed.with("rate", 60.0)), 42);
        sim.runUntil(60);
        // Three instances of 60 ms take at most 50 a second.
        assertThat(pricing.instances() / pricing.processingTime().meanSeconds()).isLessThan(60);
        assertThat(sim.snapshot().node("pricing-shared").depth()).isGreaterThan(200);
        assertThat(sim.snapshot().node("audit").depth()).isLessThan(20);
    }

    @Test
    void bothBrokerProfilesRunItTheSameWay() {
        for (Broker broker : Broker.values()) {
            if (broker == Broker.MQTT) {
                // MQTT routes every wire from a topic by its topic filter, and these fanout wires carry none.
                assertThat(Portability.findings(flow, broker)).extracting(Finding::message)
                        .anySatisfy(m -> assertThat(m).contains("an empty topic filter subscribes to nothing"));
                continue;
            }
            Simulation sim = Simulation.create(flow.withInfo(flow.info().withBroker(broker)), 42);
            sim.runUntil(30);
            Snapshot s = sim.snapshot();
            assertThat(s.node("audit").in()).as(broker.word()).isEqualTo(s.node("price-updates").out());
            assertThat(s.node("pricing-shared").in()).as(broker.word()).isEqualTo(s.node("price-updates").out());
        }
    }

    @Test
    void aCrashedInstanceLeavesTheOthersAndTheAuditorWorking() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        sim.crashConsumerInstance(pricing.id(), 0);
        long auditedBefore = sim.snapshot().node("auditor").out();
        long pricedBefore = sim.snapshot().node("pricing-service").out();
        sim.runUntil(30);
        Snapshot s = sim.snapshot();
        assertThat(s.node("pricing-service").crashed()).isEqualTo(1);
        assertThat(s.node("pricing-service").out() - pricedBefore).isGreaterThan(Math.round(feed.rate() * 20 * 0.9));
        assertThat(s.node("auditor").out() - auditedBefore).isGreaterThan(Math.round(feed.rate() * 20 * 0.9));
        assertThat(s.conservation().dropped()).isZero();
    }

    @Test
    void theShippedFlowMissesTheChallengeAndMoreInstancesAtTheDoubledRateMeetIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        Flow doubled = flow.replaceNode(feed.with("rate", feed.rate() * 2));
        assertThat(Lessons.meets(doubled, challenge)).as("60/s on three instances").isFalse();
        assertThat(Lessons.meets(doubled.replaceNode(pricing.with("instances", 6)), challenge)).isTrue();
    }
}
