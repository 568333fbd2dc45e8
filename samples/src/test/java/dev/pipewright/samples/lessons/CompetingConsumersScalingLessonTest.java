// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The claims of the scaling-out lesson, on its sample. */
class CompetingConsumersScalingLessonTest {
    private static final String ID = "competing-consumers-scaling";
    private final Flow flow = Lessons.sample(ID);
    private final Source uploads = Lessons.node(flow, "image-uploads", Source.class);
    private final Consumer thumbnailer = Lessons.node(flow, "thumbnailer", Consumer.class);
    private final long backlog = uploads.messageLimit();

    /** Virtual seconds until the thumbnailer has finished every image, to 10 ms. */
    private double drainTime(int instances) {
        Simulation sim = Simulation.create(Lessons.with(flow, thumbnailer.id(), "instances", instances), 42);
        while (sim.snapshot().node(thumbnailer.id()).completed() < backlog) {
            assertThat(sim.now()).as("drains within 10 minutes").isLessThan(600);
            sim.runUntil(sim.now() + 0.01);
        }
        return sim.now();
    }

    @Test
    void theLessonFitsItsFlow() {
        Lessons.assertLessonFitsItsFlow(ID);
    }

    @Test
    void threeThousandImagesArriveWithinThreeSeconds() {
        assertThat(backlog).isEqualTo(3000);
        assertThat(backlog / uploads.rate()).isCloseTo(3, within(0.01));
        assertThat(1 / thumbnailer.processingTime().meanSeconds()).isCloseTo(50, within(0.01));
        assertThat(thumbnailer.instances()).isEqualTo(2);
    }

    @Test
    void doublingTheInstancesHalvesTheDrainTimeWithinFivePercent() {
        double two = drainTime(thumbnailer.instances());
        double four = drainTime(2 * thumbnailer.instances());
        double eight = drainTime(4 * thumbnailer.instances());
        assertThat(two).isCloseTo(30, within(1.5));
        assertThat(four).isCloseTo(15, within(0.75));
        assertThat(eight).isCloseTo(7.5, within(0.4));
        assertThat(four / (two / 2)).isCloseTo(1, within(0.05));
    }

    @Test
    void everyInstanceIsBusyWhileTheBacklogLastsAndIdleAfter() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(10);
        assertThat(sim.snapshot().node(thumbnailer.id()).busy()).isEqualTo(thumbnailer.instances());
        sim.runUntil(35);
        assertThat(sim.snapshot().node(thumbnailer.id()).busy()).isZero();
        assertThat(sim.snapshot().node("images").depth()).isZero();
    }

    @Test
    void addingTwoInstancesDuringTheBacklogDrainsItAboutTwiceAsFast() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(3);
        sim.setConsumerInstances(thumbnailer.id(), thumbnailer.instances() + 2);
        while (sim.snapshot().node(thumbnailer.id()).completed() < backlog) {
            sim.runUntil(sim.now() + 0.01);
        }
        // 300 done in the first 3 s by two, the other 2,700 by four at about 200 a second.
        assertThat(sim.now()).isCloseTo(3 + 2700 / 200.0, within(1.0));
    }

    @Test
    void challengeTheShippedFlowMissesAndFourInstancesMeetIt() {
        assertThat(Lessons.meets(Lessons.challenge(ID, flow))).isFalse();
        Flow solution = Lessons.with(flow, thumbnailer.id(), "instances", 2 * thumbnailer.instances());
        assertThat(Lessons.meets(Lessons.challenge(ID, solution))).isTrue();
    }
}
