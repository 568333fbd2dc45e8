// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.MessageEvent;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims of the store-and-forward lesson, on its sample. */
class StoreAndForwardLessonTest {
    private static final String ID = "store-and-forward";
    private static final long SEED = 42;

    private final Flow flow = Lessons.flow(ID);
    private final Source orders = Lessons.node(flow, "orders", Source.class);
    private final MessageStore outbox = Lessons.node(flow, "outbox", MessageStore.class);
    private final Endpoint.DownWindow outage = Lessons.node(flow, "warehouse", Endpoint.class).downWindows().getFirst();
    private final double downFrom = seconds(outage.from());
    private final double downUntil = seconds(outage.until());
    private final double retry = seconds(outbox.retryInterval());

    private static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void theOutboxHoldsWhatArrivesWhileTheWarehouseIsDown() {
        Simulation sim = Simulation.create(flow, SEED);
        sim.runUntil(downUntil - 0.05);
        long held = Math.round(orders.rate() * (downUntil - downFrom));
        assertThat(held).isEqualTo(200);
        assertThat(sim.snapshot().node("outbox").ready()).isBetween(held - 1, held + 1);
        assertThat(sim.snapshot().node("warehouse").up()).isFalse();
        assertThat(sim.snapshot().node("outbox").failed()).isPositive();
    }

    @Test
    void anOutageByHandFillsTheOutboxAndItEmptiesWithinASecondOfTheEnd() {
        Simulation sim = Simulation.create(flow, SEED);
        sim.runUntil(5);
        sim.setEndpointDown("warehouse", true);
        sim.runUntil(10);
        long failed = sim.snapshot().node("outbox").failed();
        assertThat(sim.snapshot().node("outbox").ready()).isBetween(Math.round(orders.rate() * 5) - 1, Math.round(orders.rate() * 5) + 1);
        sim.runUntil(12);
        assertThat(sim.snapshot().node("outbox").failed() - failed).isBetween(Math.round(2 / retry) - 1, Math.round(2 / retry) + 1);
        sim.setEndpointDown("warehouse", false);
        sim.runUntil(12 + retry + 0.3);
        assertThat(sim.snapshot().node("outbox").ready()).isLessThanOrEqualTo(1);
        assertThat(sim.snapshot().conservation().dropped()).isZero();
    }

    @Test
    void withinOneRetryIntervalAfterTheOutageTheOutboxIsEmpty() {
        Simulation sim = Simulation.create(flow, SEED);
        sim.runUntil(downUntil + retry + 0.3);
        assertThat(retry).isEqualTo(1.0);
        assertThat(sim.snapshot().node("outbox").ready()).isLessThanOrEqualTo(1);
    }

    @Test
    void everyOrderReachesTheWarehouseInOrderAndTheLongestWaitIsTheOutage() {
        Simulation sim = Simulation.create(flow, SEED);
        List<Long> arrived = new ArrayList<>();
        sim.setMessageEvents(e -> {
            if (e.node().equals("warehouse") && e.event().equals("complete")) {
                arrived.add(e.message());
            }
        });
        sim.runUntil(60);
        NodeStats warehouse = sim.snapshot().node("warehouse");
        assertThat(sim.snapshot().conservation().dropped()).isZero();
        var account = sim.snapshot().conservation();
        assertThat(warehouse.completed()).isEqualTo(account.completed());
        assertThat(account.completed() + account.waiting() + account.inFlight()).isEqualTo(sim.snapshot().node("orders").out());
        assertThat(account.waiting() + account.inFlight()).isLessThanOrEqualTo(1);
        assertThat(arrived).hasSize((int) warehouse.completed()).isSorted();
        assertThat(sim.snapshot().node("outbox").timeInNode().maxMs() / 1000)
                .isBetween(downUntil - downFrom - 1, downUntil - downFrom + retry);
    }

    @Test
    void withALimitOnAttemptsAnOutageLosesOrders() {
        Flow limited = flow.replaceNode(outbox.with("maxAttempts", 5));
        Simulation sim = Simulation.create(limited, SEED);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("outbox").dropped()).isPositive();
        assertThat(sim.snapshot().node("warehouse").completed()).isLessThan(sim.snapshot().node("orders").out());
    }

    @Test
    void theLessonStatesTheseFigures() {
        long held = Math.round(orders.rate() * (downUntil - downFrom));
        assertThat(Lessons.prose(ID)).contains("every " + 1 / orders.rate() + " s",
                "from " + (long) downFrom + " s to " + (long) downUntil + " s", held + " orders", "every second",
                "up to " + (long) (downUntil - downFrom) + " s", (long) orders.rate() + " orders a second for 20 s");
    }
}
