// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import org.junit.jupiter.api.Test;

class SmokeTest extends EngineTest {
    @Test
    void sourceQueueConsumerCompletesMessages() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 100.0)
                .queue("q")
                .consumer("c", "instances", 2, "processingTime", exp(10))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(60);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").completed()).isBetween(5500L, 6500L);
        assertThat(snap.node("q").timeInNode().count()).isGreaterThan(5000);
        assertThat(snap.node("c").series()).hasSize(60);
    }
}
