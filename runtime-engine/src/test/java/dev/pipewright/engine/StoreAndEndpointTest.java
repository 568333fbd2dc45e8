// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store and forward, endpoints with down windows, failover. */
class StoreAndEndpointTest extends EngineTest {

    private static Object[] tenPerSecond(long n) {
        return new Object[] {"rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", n};
    }

    private static List<Endpoint.DownWindow> downBetween(double from, double until) {
        return List.of(new Endpoint.DownWindow(s(from), s(until)));
    }

    @Test
    void endpointFailsOverToItsSecondaryWhileDown() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(50))
                .endpoint("primary", "downWindows", downBetween(2, 3))
                .endpoint("secondary")
                .wire("src", "primary").wire("primary", Port.FAILOVER, "secondary").build();
        Simulation sim = start(flow);
        sim.runUntil(10);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("secondary").completed()).isEqualTo(10);
        assertThat(snap.node("primary").completed()).isEqualTo(40);
    }

    @Test
    void endpointDownWithoutFailoverDropsWhatIsSentToItDirectly() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(50))
                .endpoint("ep", "downWindows", downBetween(2, 3))
                .wire("src", "ep").build();
        Simulation sim = start(flow);
        sim.runUntil(10);
        assertThat(sim.snapshot().node("ep").dropped()).isEqualTo(10);
        assertThat(sim.snapshot().node("ep").completed()).isEqualTo(40);
    }

    @Test
    void storeRetriesUntilTheEndpointComesBackAndKeepsOrder() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(50))
                .store("store", "retryInterval", ms(500), "forwardTime", constant(1))
                .endpoint("ep", "downWindows", downBetween(2, 4), "concurrency", 1, "processingTime", constant(1))
                .wire("src", "store").wire("store", "ep").build();
        Simulation sim = start(flow);
        sim.runUntil(3.5);
        assertThat(sim.snapshot().node("store").ready()).isGreaterThan(10);
        assertThat(sim.conservation().waiting()).isEqualTo(sim.snapshot().node("store").ready());
        assertThat(sim.snapshot().node("store").failed()).isPositive();
        sim.runUntil(20);
        assertThat(sim.snapshot().node("ep").completed()).isEqualTo(50);
        assertThat(sim.snapshot().node("store").dropped()).isZero();
    }

    @Test
    void storeGivesUpAfterMaxAttemptsAndDeactivates() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(20))
                .store("store", "retryInterval", ms(100), "maxAttempts", 3, "deactivateOnFailure", true,
                        "forwardTime", constant(1))
                .endpoint("ep", "downWindows", downBetween(1.05, 100))
                .wire("src", "store").wire("store", "ep").build();
        Simulation sim = start(flow);
        sim.runUntil(10);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("ep").completed()).isEqualTo(10);
        assertThat(snap.node("store").dropped()).isEqualTo(1);
        assertThat(snap.node("store").up()).isFalse();
        assertThat(snap.node("store").ready()).isEqualTo(9);
    }

    @Test
    void endpointTakenDownByHandRefusesUntilBroughtBack() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(100))
                .store("store", "retryInterval", ms(100), "forwardTime", constant(1))
                .endpoint("ep")
                .wire("src", "store").wire("store", "ep").build();
        Simulation sim = start(flow);
        sim.runUntil(1.05);
        sim.setEndpointDown("ep", true);
        sim.runUntil(3.05);
        assertThat(sim.snapshot().node("ep").up()).isFalse();
        assertThat(sim.snapshot().node("ep").completed()).isEqualTo(10);
        sim.setEndpointDown("ep", false);
        sim.runUntil(20);
        assertThat(sim.snapshot().node("ep").completed()).isEqualTo(100);
    }

    @Test
    void storeRetriesWhenAFullQueueRejectsThePublish() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(20))
                .store("store", "retryInterval", ms(200), "forwardTime", constant(1))
                .queue("q", "maxLength", 5, "overflow", dev.pipewright.model.Overflow.REJECT_PUBLISH)
                .consumer("slow", "prefetch", 1, "processingTime", constant(500))
                .wire("src", "store").wire("store", "q").wire("q", "slow").build();
        Simulation sim = start(flow);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("slow").completed()).isEqualTo(20);
        assertThat(sim.snapshot().node("store").failed()).isPositive();
        assertThat(sim.conservation().dropped()).isZero();
    }

    @Test
    void whenTheSecondaryIsDownTooTheMessageIsDropped() {
        Flow flow = new FlowBuilder()
                .source("src", tenPerSecond(10))
                .endpoint("primary", "downWindows", downBetween(0, 100))
                .endpoint("secondary", "downWindows", downBetween(0, 100))
                .wire("src", "primary").wire("primary", Port.FAILOVER, "secondary").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("primary").dropped()).isEqualTo(10);
        assertThat(sim.snapshot().edge("primary:secondary").crossed()).isEqualTo(10);
    }
}
