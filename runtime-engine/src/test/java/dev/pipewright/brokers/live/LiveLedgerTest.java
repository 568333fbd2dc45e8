// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live account in the orders that clients of a lost connection report their deliveries in. */
class LiveLedgerTest {
    private final LiveLedger ledger = new LiveLedger(LiveFlows.pointToPoint(10, 1, 2, 1, 0));

    LiveLedgerTest() {
        ledger.nameQueue("orders", "orders");
        ledger.tally("src").published.incrementAndGet();
        ledger.tally("src").confirmed.incrementAndGet();
    }

    /**
     * One instance's commit was cut by a lost connection; the server rolled it back and gave the
     * message to the other instance, which acknowledged it before the first heard of its loss (its
     * commit waits for the reconnection): the message is completed once, and not also counted as
     * requeued and lost.
     */
    @Test
    void aDeliveryAbandonedAfterItsRedeliveryWasAcknowledgedIsCompletedOnce() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.acknowledged("workers", "orders", "src-1", null, 0);
        ledger.abandoned("workers", "orders", "src-1", first);

        Snapshot s = ledger.snapshot(1, queue -> 0);
        assertThat(s.conservation().completed()).isEqualTo(1);
        assertThat(s.conservation().dropped()).isZero();
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /** The same loss with the redelivery still in hand at the end: it went back to the queue. */
    @Test
    void aDeliveryAbandonedAfterItsRedeliveryBeganIsOnItsWay() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.abandoned("workers", "orders", "src-1", first);

        Snapshot s = ledger.snapshot(1, queue -> 1);
        assertThat(s.conservation().waiting()).isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /**
     * A commit cut by a lost connection that the server had done: the message never comes again and
     * the broker holds nothing, so it was acknowledged, not dropped (Artemis, issue 13's recovery test).
     */
    @Test
    void anUncertainAcknowledgementTheServerDidIsCompleted() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.commitUncertain("workers", "orders", "src-1", first, null, 0);

        Snapshot s = ledger.snapshot(1, queue -> 0);
        assertThat(s.conservation().completed()).isEqualTo(1);
        assertThat(s.conservation().dropped()).isZero();
        assertThat(s.node("workers").out()).isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /** The same cut commit rolled back by the server: the message comes again, and is completed once then. */
    @Test
    void anUncertainAcknowledgementTheServerRolledBackIsDeliveredAgainAndCompletedOnce() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.commitUncertain("workers", "orders", "src-1", first, null, 0);
        ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.acknowledged("workers", "orders", "src-1", null, 0);

        Snapshot s = ledger.snapshot(1, queue -> 0);
        assertThat(s.conservation().completed()).isEqualTo(1);
        assertThat(s.node("orders").redelivered()).isEqualTo(1);
        assertThat(s.node("workers").out()).as("one delivery finished, one given back").isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /** Rolled back and not delivered again before the end: the broker still holds it, so it waits. */
    @Test
    void anUncertainAcknowledgementWhoseMessageTheBrokerStillHoldsWaits() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.commitUncertain("workers", "orders", "src-1", first, null, 0);

        Snapshot s = ledger.snapshot(1, queue -> 1);
        assertThat(s.conservation().completed()).isZero();
        assertThat(s.conservation().waiting()).isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /** Queue "orders" of {@link LiveFlows#pointToPoint} dead-letters to "orders.dlq". */
    private static LiveLedger withDeadLetterQueue() {
        Flow p = LiveFlows.pointToPoint(10, 1, 2, 1, 0);
        List<Node> nodes = new ArrayList<>(p.nodes());
        nodes.add(DeadLetterQueue.of("dlq", "orders.dlq", Position.ORIGIN));
        List<Edge> edges = new ArrayList<>(p.edges());
        edges.add(Edge.of("e3", "orders", Port.DEAD_LETTER, "dlq"));
        LiveLedger l = new LiveLedger(new Flow(p.info(), nodes, edges));
        l.nameQueue("orders", "orders");
        l.nameQueue("dlq", "orders.dlq");
        l.tally("src").published.incrementAndGet();
        l.tally("src").confirmed.incrementAndGet();
        return l;
    }

    /**
     * A reject of a failed delivery cut by a lost connection that the server had done: the message
     * never comes again and the broker holds nothing, so the consumer failed it and rejected it
     * away (dropped), not given it back.
     */
    @Test
    void anUncertainRejectTheServerDidIsAFailureDropped() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.settlementUncertain("workers", "orders", "src-1", first, LiveLedger.Settlement.REJECTED, null, 0);

        Snapshot s = ledger.snapshot(1, queue -> 0);
        assertThat(s.node("workers").failed()).isEqualTo(1);
        assertThat(s.node("workers").dropped()).isEqualTo(1);
        assertThat(s.conservation().dropped()).isEqualTo(1);
        assertThat(s.conservation().completed()).isZero();
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /**
     * The same for a dead-lettering, on a queue with a dead-letter queue: the server moved the
     * message there, so the consumer failed it and dead-lettered it.
     */
    @Test
    void anUncertainDeadLetteringTheServerDidIsAFailureDeadLettered() throws Exception {
        LiveLedger l = withDeadLetterQueue();
        int first = l.delivered("orders", "workers", "src-1", null, 0);
        l.settlementUncertain("workers", "orders", "src-1", first, LiveLedger.Settlement.DEAD_LETTERED, null, 0);

        Snapshot s = l.snapshot(1, queue -> queue.equals("orders.dlq") ? 1 : 0);
        assertThat(s.node("workers").failed()).isEqualTo(1);
        assertThat(s.node("orders").deadLettered()).isEqualTo(1);
        assertThat(s.conservation().deadLettered()).isEqualTo(1);
        assertThat(s.conservation().waiting()).isZero();
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /**
     * A cut reject the server did on a queue with a dead-letter queue: dropped, not counted as
     * taken by the broker's delivery limit into the dead-letter queue, which does not hold it (so
     * the conservation law holds).
     */
    @Test
    void anUncertainRejectTheServerDidOnAQueueWithADeadLetterQueueIsDroppedNotDeadLettered() throws Exception {
        LiveLedger l = withDeadLetterQueue();
        int first = l.delivered("orders", "workers", "src-1", null, 0);
        l.settlementUncertain("workers", "orders", "src-1", first, LiveLedger.Settlement.REJECTED, null, 0);

        Snapshot s = l.snapshot(1, queue -> 0);
        assertThat(s.node("orders").deadLettered()).isZero();
        assertThat(s.conservation().dropped()).isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /** A cut dead-lettering the server rolled back: the message comes again, fails again, and is dead-lettered once. */
    @Test
    void anUncertainDeadLetteringTheServerRolledBackIsDeliveredAgainAndDeadLetteredOnce() throws Exception {
        LiveLedger l = withDeadLetterQueue();
        int first = l.delivered("orders", "workers", "src-1", null, 0);
        l.settlementUncertain("workers", "orders", "src-1", first, LiveLedger.Settlement.DEAD_LETTERED, null, 0);
        l.delivered("orders", "workers", "src-1", null, 0);
        l.tally("workers").failed.incrementAndGet();
        l.tally("workers").deadLetteredByConsumer.incrementAndGet();
        l.settled("orders", "src-1");

        Snapshot s = l.snapshot(1, queue -> queue.equals("orders.dlq") ? 1 : 0);
        assertThat(s.node("orders").redelivered()).isEqualTo(1);
        assertThat(s.node("workers").failed()).as("one delivery failed, one given back").isEqualTo(1);
        assertThat(s.conservation().deadLettered()).isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }

    /** Rolled back and not delivered again before the end: the broker still holds it in its queue, so it waits. */
    @Test
    void anUncertainRejectWhoseMessageTheBrokerStillHoldsWaits() throws Exception {
        int first = ledger.delivered("orders", "workers", "src-1", null, 0);
        ledger.settlementUncertain("workers", "orders", "src-1", first, LiveLedger.Settlement.REJECTED, null, 0);

        Snapshot s = ledger.snapshot(1, queue -> 1);
        assertThat(s.node("workers").failed()).isZero();
        assertThat(s.conservation().dropped()).isZero();
        assertThat(s.conservation().waiting()).isEqualTo(1);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }
}
