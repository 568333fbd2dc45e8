// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the guaranteed-delivery lesson, and its challenge, on its sample. */
class GuaranteedDeliveryLessonTest {
    private static final String ID = "guaranteed-delivery";

    private final Flow flow = Lessons.flow(ID);
    private final Source payments = Lessons.node(flow, "payments", Source.class);
    private final Endpoint.DownWindow primaryDown = Lessons.node(flow, "primary-bank", Endpoint.class).downWindows().getFirst();
    private final Endpoint.DownWindow backupDown = Lessons.node(flow, "backup-bank", Endpoint.class).downWindows().getFirst();

    private static long seconds(java.time.Duration d) {
        return d.toSeconds();
    }

    private Snapshot run(Flow f, double until) {
        Simulation sim = Simulation.create(f, 42);
        sim.runUntil(until);
        return sim.snapshot();
    }

    @Test
    void theBackupTakesWhatThePrimaryRefusesAndWhenBothAreDownPaymentsAreLost() {
        assertThat(run(flow, seconds(primaryDown.from()) - 0.05).node("backup-bank").completed()).isZero();

        Snapshot end = run(flow, 60);
        long bothDown = Math.round(payments.rate() * (seconds(backupDown.until()) - seconds(backupDown.from())));
        long primaryDownFor = seconds(primaryDown.until()) - seconds(primaryDown.from());
        long backupTook = Math.round(payments.rate() * primaryDownFor) - bothDown;
        assertThat(bothDown).isEqualTo(50);
        assertThat(backupTook).isEqualTo(150);
        assertThat(end.node("backup-bank").completed()).isEqualTo(backupTook);
        assertThat(end.node("primary-bank").dropped()).isEqualTo(bothDown);
        assertThat(end.conservation().dropped()).isEqualTo(bothDown);
        assertThat(Lessons.prose(ID)).contains("the " + bothDown + " payments of those 5 seconds are lost",
                backupTook + " in all", "counts " + bothDown + " payments dropped, " + (long) payments.rate() + " a second",
                "from 20 s to 40 s", "from 25 s to 30 s");
    }

    @Test
    void takingThePrimaryDownByHandSendsThePaymentsToTheBackupAtOnce() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(5);
        sim.setEndpointDown("primary-bank", true);
        sim.runUntil(15);
        assertThat(sim.snapshot().node("backup-bank").completed()).isBetween(Math.round(payments.rate() * 10) - 1,
                Math.round(payments.rate() * 10) + 1);
        long backup = sim.snapshot().node("backup-bank").completed();
        sim.setEndpointDown("primary-bank", false);
        sim.runUntil(15.05);
        backup = sim.snapshot().node("backup-bank").completed();
        sim.runUntil(19);
        assertThat(sim.snapshot().node("backup-bank").completed()).isEqualTo(backup);
        assertThat(sim.snapshot().conservation().dropped()).isZero();
    }

    @Test
    void theBackupGetsNothingWhileThePrimaryIsUp() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(5);
        sim.setEndpointDown("backup-bank", true);
        sim.runUntil(15);
        assertThat(sim.snapshot().node("backup-bank").completed()).isZero();
        assertThat(sim.snapshot().node("primary-bank").dropped()).isZero();
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAStoreInFrontMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();

        // The learner's edit: a message store with its defaults between the payment sender and the primary bank.
        Edge toPrimary = flow.outgoing("payment-sender").getFirst();
        Flow solved = flow.withoutEdges(List.of(toPrimary.id()))
                .withNode(MessageStore.of("outbox", "outbox", new Position(590, 260)))
                .withEdge(Edge.of("s1", "payment-sender", Port.OUT, "outbox"))
                .withEdge(Edge.of("s2", "outbox", Port.OUT, "primary-bank"));
        assertThat(Lessons.check(solved, challenge).goals()).allSatisfy(r -> assertThat(r.met()).as(r.goal().text()).isTrue());
    }
}
