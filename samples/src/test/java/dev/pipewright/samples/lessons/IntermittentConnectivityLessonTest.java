// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The claims of the intermittent-connectivity lesson, and its challenge, on its sample. */
class IntermittentConnectivityLessonTest {
    private static final String ID = "intermittent-connectivity";

    private final Flow flow = Lessons.flow(ID);
    private final Source sensors = Lessons.node(flow, "sensors", Source.class);
    private final Consumer app = Lessons.node(flow, "field-app", Consumer.class);
    private final Consumer.Crash outage = app.crashes().getFirst();
    private final double from = outage.at().toNanos() / 1e9;
    private final double until = from + outage.downFor().toNanos() / 1e9;
    private final double capacity = app.instances() / app.processingTime().meanSeconds();
    private final long backlog = Math.round(sensors.rate() * (until - from));
    private final double drain = backlog / (capacity - sensors.rate());

    @Test
    void theFiguresOfTheLessonFollowFromTheSample() {
        assertThat(app.instances()).isEqualTo(1);
        assertThat(app.ackMode()).isEqualTo(Consumer.AckMode.MANUAL);
        assertThat(capacity).isEqualTo(50);
        assertThat(backlog).isEqualTo(200);
        assertThat(drain).isEqualTo(5);
        assertThat(Lessons.prose(ID)).contains("offline from " + (long) from + " s to " + (long) until + " s",
                "handle " + (long) capacity + " readings a second (20 ms each); the sensors send " + (long) sensors.rate(),
                "about " + backlog + " readings just before " + (long) until + " s", "shrinks by "
                        + (long) (capacity - sensors.rate()) + " a second", "gone " + (long) drain + " s later, at about "
                        + (long) (until + drain) + " s", "up to " + (long) (until - from) + " s");
    }

    @Test
    void theQueueKeepsEveryReadingWhileTheAppIsAwayAndTheBacklogDrainsAfter() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(from - 0.01);
        long unacked = sim.snapshot().node("readings").unacked();
        sim.runUntil(until - 0.05);
        Snapshot away = sim.snapshot();
        assertThat(away.node("field-app").crashed()).isEqualTo(1);
        assertThat(away.node("readings").depth()).isBetween(backlog - 2, backlog + 1);
        assertThat(away.node("readings").redelivered()).isZero();
        sim.runUntil(until + drain - 1);
        assertThat(sim.snapshot().node("readings").depth()).isPositive();
        assertThat(sim.snapshot().node("readings").redelivered()).isEqualTo(unacked);
        sim.runUntil(until + drain + 0.5);
        assertThat(sim.snapshot().node("readings").depth()).isLessThanOrEqualTo(1);
        sim.runUntil(70);
        Snapshot end = sim.snapshot();
        assertThat(end.conservation().dropped()).isZero();
        assertThat(end.node("field-app").completed() + end.node("readings").depth() + end.node("field-app").inFlight())
                .isEqualTo(end.node("sensors").out());
        assertThat(end.node("readings").timeInNode().p99Ms() / 1000).isBetween(until - from - 1.5, until - from);
    }

    @Test
    void pausingAndResumingTheAppKeepsEveryReadingToo() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(5);
        sim.pauseConsumer(app.id(), true);
        sim.runUntil(15);
        assertThat(sim.snapshot().node("readings").depth()).isBetween(98L, 101L);
        sim.pauseConsumer(app.id(), false);
        sim.runUntil(18);
        assertThat(sim.snapshot().node("readings").depth()).isLessThanOrEqualTo(1);
        assertThat(sim.snapshot().conservation().dropped()).isZero();
    }

    @Test
    void theShippedFlowMissesTheChallengeAndATimeToLiveOrASecondInstanceMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();
        Queue readings = Lessons.node(flow, "readings", Queue.class);
        Flow withTtl = flow.replaceNode(readings.with("messageTtl", Duration.ofSeconds(5)));
        assertThat(Lessons.meets(withTtl, challenge)).isTrue();
        Simulation sim = Simulation.create(withTtl, 42);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("readings").expired()).isGreaterThan(100);
        // The crash takes only instance 0, so a second instance keeps the readings fresh as well.
        assertThat(Lessons.meets(flow.replaceNode(app.with("instances", 2)), challenge)).isTrue();
    }
}
