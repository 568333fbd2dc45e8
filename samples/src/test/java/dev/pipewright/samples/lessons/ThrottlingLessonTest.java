// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.SeriesPoint;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The claims of the throttling lesson, and its challenge, on its sample. */
class ThrottlingLessonTest {
    private static final String ID = "throttling";

    private final Flow flow = Lessons.flow(ID);
    private final Source shop = Lessons.node(flow, "orders-api", Source.class);
    private final Consumer importer = Lessons.node(flow, "erp-importer", Consumer.class);
    private final double capacity = importer.instances() / importer.processingTime().meanSeconds();
    private final double rush = shop.messageLimit() / shop.rate();
    private final double growth = shop.rate() - capacity;
    private final long backlog = Math.round(growth * rush);
    private final double drained = rush + backlog / capacity;

    @Test
    void theFiguresOfTheLessonFollowFromTheSample() {
        assertThat(capacity).isEqualTo(40);
        assertThat(growth).isEqualTo(10);
        assertThat(rush).isEqualTo(60);
        assertThat(backlog).isEqualTo(600);
        assertThat(drained).isEqualTo(75);
        assertThat(Lessons.prose(ID)).contains("at most " + (long) capacity + " orders a second",
                (long) shop.rate() + " a second in, " + (long) capacity + " out", "grows by " + (long) growth + " orders every second",
                "holds about " + backlog, "empty at " + (long) drained + " s, " + backlog + " / " + (long) capacity + " = "
                        + (long) (drained - rush) + " s after", "3,000 orders", "waits about " + (long) (drained - rush) + " s");
    }

    @Test
    void theQueueGrowsByTheDifferenceAndTheErpNeverGetsMoreThanItsCapacity() {
        Simulation sim = Simulation.create(flow, 42);
        sim.setSampleInterval(1);
        sim.runUntil(rush);
        assertThat(sim.snapshot().node("erp-inbox").depth()).isBetween(backlog - 3, backlog + 3);
        for (SeriesPoint p : sim.snapshot().node("erp-importer").series()) {
            assertThat(p.outRate()).isLessThanOrEqualTo(capacity + 1);
        }
        assertThat(sim.snapshot().node("erp-importer").out()).isLessThanOrEqualTo(Math.round(capacity * rush) + 2);
        sim.runUntil(drained - 1);
        assertThat(sim.snapshot().node("erp-inbox").depth()).isPositive();
        sim.runUntil(drained + 0.5);
        assertThat(sim.snapshot().node("erp-inbox").depth()).isZero();
        assertThat(sim.snapshot().node("erp-inbox").timeInNode().p99Ms() / 1000).isBetween(drained - rush - 1.5, drained - rush);
        assertThat(sim.snapshot().conservation().dropped()).isZero();
    }

    @Test
    void aThirdImporterOrASlowerShopMakesTheBacklogShrinkByTenASecond() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(30);
        long at30 = sim.snapshot().node("erp-inbox").depth();
        sim.setConsumerInstances(importer.id(), importer.instances() + 1);
        sim.runUntil(40);
        assertThat(at30 - sim.snapshot().node("erp-inbox").depth()).isBetween(95L, 105L);

        Simulation slower = Simulation.create(flow, 42);
        slower.runUntil(30);
        slower.setSourceRate(shop.id(), 30);
        slower.runUntil(40);
        assertThat(at30 - slower.snapshot().node("erp-inbox").depth()).isBetween(95L, 105L);
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAThirdImporterMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        assertThat(Lessons.meets(flow.replaceNode(importer.with("instances", 3)), challenge)).isTrue();
    }
}
