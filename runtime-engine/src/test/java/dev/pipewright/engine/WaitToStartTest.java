// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** The queue wait stops at the delivery; the wait to start of processing is M/M/c's Wq. */
class WaitToStartTest extends EngineTest {

    @Test
    void atPrefetchTenTheWaitToStartIsMm1sWqAndTheQueueWaitIsShorter() {
        // M/M/1 at rho 0.9: lambda 90/s, mu 100/s, Wq = rho / (mu - lambda) = 90 ms.
        Flow flow = new FlowBuilder()
                .source("src", "rate", 90.0, "arrival", Source.Arrival.POISSON)
                .queue("q")
                .consumer("c", "instances", 1, "prefetch", 10, "processingTime", exp(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(3 * 3600);
        NodeStats q = sim.snapshot().node("q");
        assertThat(q.waitToStart().meanMs()).isBetween(70.0, 110.0);
        assertThat(q.timeInNode().meanMs()).isLessThan(q.waitToStart().meanMs() * 0.6);
    }

    @Test
    void atPrefetchOneTheTwoWaitsAgree() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 80.0, "arrival", Source.Arrival.POISSON)
                .queue("q")
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime", exp(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(600);
        NodeStats q = sim.snapshot().node("q");
        assertThat(q.waitToStart().meanMs()).isCloseTo(q.timeInNode().meanMs(),
                org.assertj.core.api.Assertions.within(1e-6));
    }
}
