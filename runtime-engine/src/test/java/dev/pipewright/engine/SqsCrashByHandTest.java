// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.LiveFlows;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the simulator does with the crash case of the live backends' contract under the SQS
 * profile (the flow as SqsBackendTest runs it: 1 s visibility timeout, one instance holding a
 * batch of 10, each message two minutes), so the live SQS run can be held to the same: what the
 * crashed instance held is back in the queue at the crash, hidden until its visibility timeout,
 * and the restored instance receives whatever is visible first.
 */
class SqsCrashByHandTest extends EngineTest {
    /** {@code limit} messages at 1,000 a second (the first at 1 ms), one instance of prefetch 10. */
    private static Flow flow(long limit) {
        Flow flow = LiveFlows.pointToPoint(1_000, limit, 1, 10, 120_000);
        return flow.withInfo(flow.info().withBroker(Broker.SQS))
                .replaceNode(flow.node("orders").orElseThrow().with("visibilityTimeout", Duration.ofSeconds(1)));
    }

    @Test
    void whatACrashedInstanceHeldIsInTheQueueAtOnceAndTheRestoredOneReceivesItAfterTheVisibilityTimeout() {
        Simulation sim = start(flow(10));
        sim.runUntil(0.05); // the 10 sent by 10 ms, all received
        assertThat(sim.snapshot().node("orders").ready()).isZero();
        assertThat(sim.snapshot().node("orders").unacked()).isEqualTo(10);
        sim.crashConsumerInstance("workers", 0);
        sim.runUntil(0.06);
        NodeStats orders = sim.snapshot().node("orders");
        // Held by no one: in the queue, hidden until 1 s after each receive.
        assertThat(orders.unacked()).isZero();
        assertThat(orders.depth()).isEqualTo(10);
        sim.restoreConsumerInstance("workers", 0);
        sim.runUntil(1.1);
        orders = sim.snapshot().node("orders");
        assertThat(orders.redelivered()).isEqualTo(10);
        assertThat(orders.unacked()).isEqualTo(10);
        assertThat(sim.snapshot().node("workers").completed()).isZero();
        assertConserved(sim);
    }

    @Test
    void aRestoredInstanceFillsItsBatchWithMessagesNoOneReceivedBeforeTheCrashedOnesComeBack() {
        Simulation sim = start(flow(20));
        sim.runUntil(0.05); // 10 in hand, 10 ready
        sim.crashConsumerInstance("workers", 0);
        sim.runUntil(0.06);
        sim.restoreConsumerInstance("workers", 0);
        sim.runUntil(1.5);
        // The restored instance took the 10 never received, and holds them for two minutes: the 10
        // the crashed one held are visible again since about 1 s, and wait (as on SQS itself).
        assertThat(sim.snapshot().node("workers").in()).isEqualTo(20);
        assertThat(sim.snapshot().node("orders").redelivered()).isZero();
        assertConserved(sim);
    }
}
