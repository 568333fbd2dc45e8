// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.NodeStats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** Request/reply with correlation ids, a reply queue and a timeout. */
class RequestReplyTest extends EngineTest {

    private static Flow flow(long serviceMillis) {
        return new FlowBuilder()
                .source("client", "rate", 10.0, "arrival", Source.Arrival.CONSTANT, "messageLimit", 20L,
                        "replyQueue", "replies", "replyTimeout", ms(500))
                .queue("requests").queue("replies")
                .consumer("server", "replies", true, "processingTime", constant(serviceMillis), "instances", 4)
                .wire("client", "requests").wire("requests", "server").build();
    }

    @Test
    void replyArrivingInTimeCompletesTheRequest() {
        Simulation sim = start(flow(100));
        sim.runUntil(10);
        NodeStats client = sim.snapshot().node("client");
        assertThat(client.requests()).isEqualTo(20);
        assertThat(client.replies()).isEqualTo(20);
        assertThat(client.timedOut()).isZero();
        assertThat(client.timeInNode().meanMs()).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
        assertThat(sim.conservation().produced()).isEqualTo(40);
        assertThat(sim.conservation().completed()).isEqualTo(40);
    }

    @Test
    void replyTooLateCountsTheRequestTimedOut() {
        Simulation sim = start(flow(800));
        sim.runUntil(10);
        NodeStats client = sim.snapshot().node("client");
        assertThat(client.replies()).isZero();
        assertThat(client.timedOut()).isEqualTo(20);
    }
}
