// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.ApplyResult;
import dev.pipewright.engine.api.FlowNotRunnableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Source;
import org.junit.jupiter.api.Test;

/** Changes while a run goes: applied in place, or refused as needing a restart. */
class LiveChangesTest extends EngineTest {

    private static Flow flow() {
        return new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT)
                .queue("q")
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime", constant(20))
                .wire("src", "q").wire("q", "c").build();
    }

    private static Flow change(Flow flow, String nodeId, String property, Object value) {
        Node n = flow.node(nodeId).orElseThrow().with(property, value);
        return flow.replaceNode(n);
    }

    @Test
    void changedRateAndInstancesApplyInPlaceAndTheRunCarriesOn() {
        Simulation sim = start(flow());
        sim.runUntil(10);
        assertThat(sim.snapshot().node("q").ready()).isGreaterThan(400);

        Flow changed = change(change(flow(), "c", "instances", 4), "src", "rate", 10.0);
        ApplyResult result = sim.applyFlow(changed);
        assertThat(result.applied()).isTrue();
        assertThat(result.reason()).contains("src", "c");
        assertThat(sim.now()).isEqualTo(10);
        sim.runUntil(40);
        assertThat(sim.snapshot().node("q").ready()).isLessThan(5);
        assertThat(sim.snapshot().node("c").busy()).isLessThanOrEqualTo(4);
    }

    @Test
    void addingANodeNeedsARestart() {
        Simulation sim = start(flow());
        sim.runUntil(1);
        ApplyResult result = sim.applyFlow(new FlowBuilder()
                .source("src").queue("q").queue("extra").consumer("c")
                .wire("src", "q").wire("q", "c").build());
        assertThat(result.status()).isEqualTo(ApplyResult.Status.RESTART_NEEDED);
        assertThat(result.reason()).contains("extra");
    }

    @Test
    void movingANodeChangesNothing() {
        Simulation sim = start(flow());
        Node moved = flow().node("q").orElseThrow().withPosition(new dev.pipewright.model.Position(300, 200));
        assertThat(sim.applyFlow(flow().replaceNode(moved)).reason()).isEqualTo("nothing changed");
    }

    @Test
    void faultsAndControlsChangeTheRunningState() {
        Simulation sim = start(flow());
        sim.runUntil(1);
        sim.setConsumerInstances("c", 3);
        sim.runUntil(2);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(2);
        sim.crashConsumerInstance("c", 1);
        assertThat(sim.snapshot().node("c").crashed()).isEqualTo(1);
        sim.restoreConsumerInstance("c", 1);
        sim.pauseConsumer("c", true);
        sim.runUntil(3);
        assertThat(sim.snapshot().node("c").busy()).isZero();
        assertThat(sim.snapshot().node("c").paused()).isEqualTo(3);
        sim.pauseConsumer("c", false);
        sim.setSourceRate("src", 0);
        long produced = sim.conservation().produced();
        sim.runUntil(10);
        assertThat(sim.conservation().produced()).isEqualTo(produced);
        sim.setSourceRate("src", 10);
        sim.flood("src", 10, 1);
        sim.runUntil(11.001);
        assertThat(sim.conservation().produced() - produced).isBetween(99L, 101L);
        sim.runUntil(12.001);
        assertThat(sim.conservation().produced() - produced).isBetween(109L, 111L);
    }

    @Test
    void unknownNodesAreNamedInTheError() {
        Simulation sim = start(flow());
        assertThatThrownBy(() -> sim.crashConsumerInstance("nope", 0)).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> sim.setSourceRate("q", 1)).hasMessageContaining("not a source");
    }

    @Test
    void aFlowWithBrokenWiresIsRefusedWithEveryProblem() {
        Flow broken = new FlowBuilder().source("src").consumer("c").queue("q").wire("src", "c").wire("q", "ghost").build();
        assertThatThrownBy(() -> Simulation.create(broken, 1))
                .isInstanceOf(FlowNotRunnableException.class)
                .hasMessageContaining("src:c").hasMessageContaining("ghost");
    }

    @Test
    void queueLimitsAndTtlChangeInPlace() {
        Flow flow = new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", Source.Arrival.CONSTANT)
                .queue("q")
                .wire("src", "q").build();
        Simulation sim = start(flow);
        sim.runUntil(5);
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(500);

        ApplyResult limited = sim.applyFlow(change(flow, "q", "maxLength", 100));
        assertThat(limited.applied()).isTrue();
        assertThat(sim.snapshot().node("q").ready()).isEqualTo(100);
        assertThat(sim.peek("q", 1).getFirst().id()).isEqualTo(401);

        sim.applyFlow(change(change(flow, "q", "maxLength", 100), "q", "messageTtl", ms(200)));
        sim.runUntil(10);
        assertThat(sim.snapshot().node("q").ready()).isBetween(19L, 21L);
    }

    @Test
    void prefetchChangesInPlace() {
        Simulation sim = start(flow());
        sim.runUntil(2);
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(1);
        sim.applyFlow(change(flow(), "c", "prefetch", 5));
        assertThat(sim.snapshot().node("q").unacked()).isEqualTo(5);
    }

    @Test
    void changingAConsumersAckModeNeedsARestart() {
        Simulation sim = start(flow());
        ApplyResult result = sim.applyFlow(change(flow(), "c", "ackMode", dev.pipewright.model.Consumer.AckMode.AUTO));
        assertThat(result.status()).isEqualTo(ApplyResult.Status.RESTART_NEEDED);
        assertThat(result.reason()).contains("'c'", "ack mode");
    }
}
