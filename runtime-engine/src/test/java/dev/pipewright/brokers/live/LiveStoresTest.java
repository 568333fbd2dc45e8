// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worst cases of a message store played by a live run's client: one that fills up while its endpoint is down, a give-up, the longest retry interval the model allows. */
class LiveStoresTest {
    private static Flow flow(MessageStore store) {
        return new Flow(new FlowInfo("Store", ""), List.of(Source.of("src", "src", Position.ORIGIN), store,
                Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "store"), Edge.of("e2", "store", Port.OUT, "crm")));
    }

    @Test
    void aMessagePastTheStoreCapIsDroppedNotKept() {
        // Retrying once an hour with no limit: nothing leaves the store while the endpoint is down.
        Flow flow = flow(new MessageStore("store", "store", Position.ORIGIN, Duration.ofHours(1), null, false,
                Distribution.constant(Duration.ZERO)));
        Source src = (Source) flow.node("src").orElseThrow();
        LiveLedger ledger = new LiveLedger(flow);
        LiveEndpoints endpoints = new LiveEndpoints(flow, ledger, 1);
        endpoints.start();
        try {
            endpoints.setDown("crm", true);
            for (int i = 0; i < 1 + LiveStores.MAX_STORED; i++) {
                endpoints.fromSource(src, ledger.tally("src"), "store", System.nanoTime());
            }
            NodeTally t = ledger.tally("store");
            assertThat(t.delivered.get()).isEqualTo(LiveStores.MAX_STORED);
            assertThat(t.held.get()).isEqualTo(LiveStores.MAX_STORED);
            assertThat(t.dropped.get()).isEqualTo(1);
            assertThat(ledger.tally("crm").delivered.get()).isZero();
            assertThat(ledger.tally("crm").dropped.get()).as("a store keeps what the endpoint refused").isZero();
        } finally {
            endpoints.close();
        }
    }

    @Test
    void aGiveUpDeactivatesTheStoreAndItKeepsTheRest() {
        Flow flow = flow(new MessageStore("store", "store", Position.ORIGIN, Duration.ofMillis(1), 3, true,
                Distribution.constant(Duration.ZERO)));
        Source src = (Source) flow.node("src").orElseThrow();
        LiveLedger ledger = new LiveLedger(flow);
        LiveEndpoints endpoints = new LiveEndpoints(flow, ledger, 1);
        endpoints.start();
        try {
            endpoints.setDown("crm", true);
            for (int i = 0; i < 5; i++) {
                endpoints.fromSource(src, ledger.tally("src"), "store", System.nanoTime());
            }
            NodeTally t = ledger.tally("store");
            Await.until("the store gave up its first message", () -> !endpoints.stores().active("store"), () -> t.dropped);
            assertThat(t.dropped.get()).isEqualTo(1);
            assertThat(t.failed.get()).isEqualTo(3);
            assertThat(t.held.get()).isEqualTo(4);
            assertThat(t.busy.get()).as("nothing more is due, so the run may end").isZero();
            endpoints.setDown("crm", false);
            endpoints.fromSource(src, ledger.tally("src"), "store", System.nanoTime());
            assertThat(t.held.get()).as("a deactivated store forwards nothing").isEqualTo(5);
        } finally {
            endpoints.close();
        }
    }
    @Test
    void aRetryIntervalOfAHundredYearsWaitsWithoutFailingTheRun() {
        Flow flow = flow(new MessageStore("store", "store", Position.ORIGIN, Duration.ofDays(36_500), null, false,
                Distribution.constant(Duration.ZERO)));
        Source src = (Source) flow.node("src").orElseThrow();
        LiveLedger ledger = new LiveLedger(flow);
        LiveEndpoints endpoints = new LiveEndpoints(flow, ledger, 1);
        endpoints.start();
        try {
            endpoints.setDown("crm", true);
            endpoints.fromSource(src, ledger.tally("src"), "store", System.nanoTime());
            NodeTally t = ledger.tally("store");
            // The longest the model allows: the refused attempt schedules the next a hundred years on; the store waits, holding it.
            Await.until("the first attempt was refused and the next one is due", () -> t.failed.get() == 1
                    && t.busy.get() == 1, () -> t.failed);
            assertThat(t.held.get()).isEqualTo(1);
            assertThat(endpoints.stores().active("store")).isTrue();
        } finally {
            endpoints.close();
        }
    }
}
