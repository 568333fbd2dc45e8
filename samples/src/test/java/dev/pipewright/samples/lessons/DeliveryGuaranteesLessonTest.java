// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the delivery-guarantees lesson, and its challenge, on its sample. */
class DeliveryGuaranteesLessonTest {
    private static final String ID = "delivery-guarantees";

    private final Flow flow = Lessons.flow(ID);
    private final Consumer workerA = Lessons.node(flow, "worker-a", Consumer.class);
    private final Consumer workerB = Lessons.node(flow, "worker-b", Consumer.class);
    private final long orders = Lessons.node(flow, "orders-a", Source.class).messageLimit();
    private final double crashAt = workerA.crashes().getFirst().at().toNanos() / 1e9;

    @Test
    void theThreeRowsDifferOnlyInAckModeDuplicatesAndTheReceiver() {
        for (String row : List.of("a", "b", "c")) {
            Source s = Lessons.node(flow, "orders-" + row, Source.class);
            Consumer w = Lessons.node(flow, "worker-" + row, Consumer.class);
            assertThat(s.messageLimit()).isEqualTo(orders);
            assertThat(s.burstSize()).isEqualTo(10);
            assertThat(w.crashes()).isEqualTo(workerA.crashes());
            assertThat(w.ackMode()).isEqualTo(row.equals("a") ? Consumer.AckMode.AUTO : Consumer.AckMode.MANUAL);
        }
        assertThat(Lessons.node(flow, "orders-a", Source.class).duplicateRate()).isZero();
        assertThat(Lessons.node(flow, "orders-b", Source.class).duplicateRate()).isEqualTo(0.05);
        assertThat(Lessons.node(flow, "orders-c", Source.class).duplicateRate()).isEqualTo(0.05);
        assertThat(orders).isEqualTo(1200);
        assertThat(crashAt).isEqualTo(20.1);
        assertThat(Lessons.prose(ID)).contains("the same 1,200 orders", "bursts of 10", "crashes at 20.1 s and is back 5 s later",
                "about 1 in 20 orders twice");
    }

    @Test
    void autoAckLosesWhatTheWorkerHeldManualAckRedeliversItAndTheReceiverDropsTheDuplicates() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(crashAt - 1e-6);
        Snapshot before = sim.snapshot();
        long heldA = before.node("worker-a").inFlight() + before.node("queue-a").unacked();
        long heldB = before.node("queue-b").unacked();
        sim.runUntil(70);
        Snapshot s = sim.snapshot();

        long lost = s.node("worker-a").dropped();
        assertThat(lost).isPositive().isEqualTo(heldA);
        assertThat(s.node("ledger-a").completed()).isEqualTo(orders - lost);
        assertThat(s.node("queue-a").redelivered()).isZero();

        assertThat(s.node("queue-b").redelivered()).isPositive().isEqualTo(heldB);
        assertThat(s.node("worker-b").dropped()).isZero();
        long sentB = s.node("orders-b").out();
        assertThat(s.node("ledger-b").completed()).isEqualTo(sentB).isGreaterThan(orders);

        assertThat(s.node("ledger-c").completed()).isEqualTo(orders);
        assertThat(s.node("dedupe-c").duplicatesCaught()).isEqualTo(s.node("orders-c").out() - orders);
        assertThat(s.node("queue-c").redelivered()).isPositive();

        String text = Lessons.prose(ID);
        assertThat(text).contains("held: here " + lost + ".", "Ledger A books " + grouped(orders - lost),
                "gives the " + heldB + " orders it held", "books " + grouped(sentB) + " entries for " + grouped(orders),
                "books exactly " + grouped(orders), grouped(orders - lost) + ", " + grouped(sentB) + " and " + grouped(orders));
    }

    private static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    @Test
    void crashingAWorkerByHandLosesOrdersOnlyInTheAutoAckRow() {
        Simulation sim = Simulation.create(flow, 42);
        sim.runUntil(40.1);
        sim.crashConsumerInstance("worker-a", 0);
        sim.crashConsumerInstance("worker-b", 0);
        sim.runUntil(45);
        Simulation untouched = Simulation.create(flow, 42);
        untouched.runUntil(45);
        assertThat(sim.snapshot().node("worker-a").dropped()).isGreaterThan(untouched.snapshot().node("worker-a").dropped());
        assertThat(sim.snapshot().node("worker-b").dropped()).isZero();
        assertThat(sim.snapshot().node("queue-b").ready()).isGreaterThan(untouched.snapshot().node("queue-b").ready());
        assertThat(sim.snapshot().node("queue-b").unacked()).isZero();
    }

    @Test
    void withAutoAckRowBLosesOrdersAndStillBooksDuplicates() {
        Simulation sim = Simulation.create(flow.replaceNode(workerB.with("ackMode", Consumer.AckMode.AUTO)), 42);
        sim.runUntil(70);
        Snapshot s = sim.snapshot();
        assertThat(s.node("worker-b").dropped()).isPositive();
        assertThat(s.node("ledger-b").completed()).isGreaterThan(orders - s.node("worker-b").dropped());
    }

    @Test
    void theShippedFlowMissesTheChallengeAndAnIdempotentReceiverInRowBMeetsIt() {
        var challenge = Lessons.challenge(ID);
        assertThat(Lessons.meets(flow, challenge)).isFalse();

        // The learner's edit: an idempotent receiver on the order id between worker B and ledger B.
        Processor receiver = (Processor) Processor.of("dedupe-b", "Idempotent receiver", new Position(700, 170))
                .with("variant", Processor.Variant.IDEMPOTENT_RECEIVER).with("expression", "$.orderId");
        Edge toLedger = flow.outgoing("worker-b").getFirst();
        Flow solved = flow.withoutEdges(List.of(toLedger.id())).withNode(receiver)
                .withEdge(Edge.of("b4", "worker-b", Port.OUT, "dedupe-b"))
                .withEdge(Edge.of("b5", "dedupe-b", Port.OUT, "ledger-b"));
        assertThat(Lessons.check(solved, challenge).goals()).allSatisfy(r -> assertThat(r.met()).as(r.goal().text()).isTrue());
    }
}
