// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/**
 * A consumer's instances with prefetch buffers through crashes, restores, removals and additions:
 * every message is processed once or is back in its queue, and events of an instance's earlier
 * life (before a crash or a removal) complete nothing.
 */
class ConsumerInstancesTest extends EngineTest {

    // 100 msg/s into 4 instances of 10 msg/s each: a backlog, so every instance up holds its 3.
    private static Flow flow() {
        return new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT)
                .queue("q")
                .consumer("c", "instances", 4, "prefetch", 3, "processingTime", constant(100))
                .wire("src", "q").wire("q", "c").build();
    }

    @Test
    void crashedRemovedAndAddedInstancesHoldTheirPrefetchAndLoseNothing() {
        Simulation sim = start(flow());
        sim.runUntil(5.05);
        assertHolding(sim, 4, 0);

        sim.crashConsumerInstance("c", 1); // gives back its current message and two buffered ones
        assertHolding(sim, 3, 1);
        long redeliveredBefore = sim.snapshot().node("q").redelivered();
        sim.runUntil(6.05);
        assertThat(sim.snapshot().node("q").redelivered() - redeliveredBefore).isEqualTo(3);
        assertHolding(sim, 3, 1);

        sim.setConsumerInstances("c", 2); // removes instances 3 and 2; instance 1 stays crashed
        assertHolding(sim, 1, 1);
        sim.runUntil(7.05);
        assertHolding(sim, 1, 1);

        sim.restoreConsumerInstance("c", 1);
        sim.setConsumerInstances("c", 5); // instances 2 to 4 again, new lives at the same indexes
        sim.runUntil(20.05);
        assertHolding(sim, 5, 0);

        // Five instances at exactly 10 messages a second each, one after the other from their buffers.
        long before = sim.snapshot().node("c").completed();
        sim.runUntil(30.05);
        assertThat(sim.snapshot().node("c").completed() - before).isEqualTo(500);
        assertHolding(sim, 5, 0);
    }

    /** {@code up} instances busy and holding 3 each, {@code crashed} crashed, and no message lost or counted twice. */
    private static void assertHolding(Simulation sim, int up, int crashed) {
        NodeStats src = sim.snapshot().node("src");
        NodeStats q = sim.snapshot().node("q");
        NodeStats c = sim.snapshot().node("c");
        assertThat(c.busy()).isEqualTo(up);
        assertThat(c.crashed()).isEqualTo(crashed);
        assertThat(q.unacked()).isEqualTo(3L * up);
        assertThat(q.ready()).isPositive();
        assertThat(src.out()).isEqualTo(q.ready() + q.unacked() + c.completed());
    }
}
