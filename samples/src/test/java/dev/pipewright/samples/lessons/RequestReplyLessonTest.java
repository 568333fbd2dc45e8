// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The claims of the request/reply lesson, on its sample. */
class RequestReplyLessonTest {
    private static final String ID = "request-reply";
    private final Flow flow = Lessons.sample(ID);
    private final Source shop = Lessons.node(flow, "web-shop", Source.class);
    private final Consumer pricing = Lessons.node(flow, "pricing", Consumer.class);

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void theFlowIsAsTheTextSays() {
        assertThat(shop.replyQueue()).isEqualTo("price-replies");
        assertThat(flow.node("price-replies")).isPresent();
        assertThat(flow.outgoing("price-replies")).isEmpty();
        assertThat(pricing.replies()).isTrue();
        assertThat(shop.rate()).isEqualTo(20);
        assertThat(shop.replyTimeout().toMillis()).isEqualTo(500);
        assertThat(pricing.instances() / pricing.processingTime().meanSeconds()).isCloseTo(40, within(0.1));
    }

    @Test
    void everyRequestGetsItsReplyInAboutSixtyMilliseconds() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(60);
        NodeStats s = sim.snapshot().node("web-shop");
        assertThat(s.requests()).isGreaterThan(1000);
        // Each reply matched its request by correlation id; only the last one or two are on their way.
        assertThat(s.replies()).isBetween(s.requests() - 3, s.requests());
        assertThat(s.timedOut()).isZero();
        assertThat(s.timeInNode().meanMs()).isBetween(55.0, 75.0);
        assertThat(sim.snapshot().node("price-replies").in()).isEqualTo(s.replies());
    }

    @Test
    void atSixtyASecondAlmostEveryRequestTimesOut() {
        Simulation sim = Simulation.create(flow, 42);
        sim.setSourceRate("web-shop", 60);
        sim.runUntil(60);
        NodeStats s = sim.snapshot().node("web-shop");
        assertThat((double) s.timedOut() / s.requests()).isGreaterThan(0.9);
        // Pricing goes on answering at its full rate: replies nobody waits for.
        assertThat(sim.snapshot().node("price-replies").in()).isGreaterThan(20 * s.replies());
    }

    @Test
    void whileBothInstancesAreDownRequestsTimeOutAndRepliesComeBackAfter() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(20);
        sim.crashConsumerInstance("pricing", 0);
        sim.crashConsumerInstance("pricing", 1);
        long repliesAtCrash = sim.snapshot().node("web-shop").replies();
        sim.runUntil(30);
        NodeStats down = sim.snapshot().node("web-shop");
        assertThat(down.replies()).isLessThanOrEqualTo(repliesAtCrash + 2);
        assertThat(down.timedOut()).isGreaterThan(150);
        sim.restoreConsumerInstance("pricing", 0);
        sim.restoreConsumerInstance("pricing", 1);
        // Back up, pricing first answers the requests that waited: their callers gave up, the replies are wasted.
        sim.runUntil(50);
        NodeStats caughtUp = sim.snapshot().node("web-shop");
        assertThat(sim.snapshot().node("price-replies").in() - caughtUp.replies()).isGreaterThan(100);
        // Then every request is answered in time again.
        sim.runUntil(60);
        NodeStats after = sim.snapshot().node("web-shop");
        assertThat(after.replies() - caughtUp.replies()).isGreaterThan(150);
        assertThat(after.timedOut()).isEqualTo(caughtUp.timedOut());
        assertThat(sim.conservation().dropped()).isZero();
    }

    @Test
    void challengeTheShippedFlowMissesAndFourInstancesAtSixtyMeetIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow faster = Lessons.with(flow, "web-shop", "rate", 60.0);
        assertThat(Lessons.meets(Lessons.challenge(ID, faster))).isFalse();
        Flow solution = Lessons.with(faster, "pricing", "instances", 2 * pricing.instances());
        assertThat(Lessons.meets(Lessons.challenge(ID, solution))).isTrue();
    }
}
