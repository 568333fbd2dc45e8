// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Snapshot;
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
}
