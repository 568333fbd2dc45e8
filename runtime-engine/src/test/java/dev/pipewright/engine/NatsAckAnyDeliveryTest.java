// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NATS: the ack of any delivery of a message acks it (the ack subject names the stream sequence),
 * here where a crash gave a copy back before its message was acked. Answers worked out by hand;
 * the live comparisons are {@code cli.NatsAckWaitPrefetchTest}'s.
 */
class NatsAckAnyDeliveryTest extends EngineTest {

    @Test
    void aCopyGivenBackByACrashIsNotDeliveredAgainOnceAnEarlierDeliveryIsAcked() {
        // One message at 1 s; two instances of prefetch 1, 1.5 s jobs, ack_wait 1 s. Instance 0 works
        // on it 1.0-2.5 s; at 2.0 s its ack_wait ends and instance 1 (idle) takes the copy; instance 1
        // crashes at 2.2 s, so the copy waits out its ack_wait (to 3.0 s). The ack at 2.5 s acks the
        // message: the copy is not delivered again at 3.0 s, though instance 0 is idle then.
        Flow flow = on(Broker.NATS, new FlowBuilder()
                .source("src", burstAtOne(1))
                .queue("q", "visibilityTimeout", Duration.ofSeconds(1))
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(1500),
                        "crashes", List.of(new Consumer.Crash(s(2.2), 1, s(30))))
                .wire("src", "q").wire("q", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(20);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("q").redelivered()).isEqualTo(1);
        assertThat(snap.node("c").completed()).isEqualTo(1);
        assertThat(sim.conservation().produced()).isEqualTo(2);
        assertThat(sim.conservation().filtered()).isEqualTo(1);
        assertThat(snap.node("q").ready() + snap.node("q").scheduled()).isZero();
        assertConserved(sim);
    }
}
