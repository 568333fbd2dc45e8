// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A consumer's utilisation: busy instance time over the instance time it had (crashed instances have none). */
class UtilisationTest extends EngineTest {

    private static Flow evenLoad(int instances, List<Consumer.Crash> crashes) {
        // One message every 100 ms, each 50 ms of work.
        return new FlowBuilder()
                .source("src", "rate", 10.0, "arrival", Source.Arrival.CONSTANT)
                .queue("q")
                .consumer("c", "instances", instances, "prefetch", 1, "processingTime", constant(50), "crashes", crashes)
                .wire("src", "q").wire("q", "c").build();
    }

    @Test
    void oneInstanceBusyHalfTheTimeIsFiftyPercentUsed() {
        Simulation sim = start(evenLoad(1, List.of()));
        sim.runUntil(100);
        assertThat(sim.snapshot().node("c").utilisation()).isCloseTo(0.5, within(0.001));
    }

    @Test
    void twoInstancesShareTheSameWork() {
        Simulation sim = start(evenLoad(2, List.of()));
        sim.runUntil(100);
        assertThat(sim.snapshot().node("c").utilisation()).isCloseTo(0.25, within(0.001));
    }

    @Test
    void aCrashedInstanceHasNoTimeToBeUsed() {
        // Instance 1 is down for the second half: 150 instance-seconds for 50 s of work.
        Simulation sim = start(evenLoad(2, List.of(new Consumer.Crash(s(50), 1, null))));
        sim.runUntil(100);
        NodeStats c = sim.snapshot().node("c");
        assertThat(c.crashed()).isEqualTo(1);
        assertThat(c.utilisation()).isCloseTo(50.0 / 150, within(0.001));
    }

    @Test
    void matchesTheOfferedLoadOfAnMmcQueue() {
        // M/M/3, lambda 80/s, service exp(30 ms): rho = 80 * 0.03 / 3 = 0.8.
        Flow flow = new FlowBuilder()
                .source("src", "rate", 80.0, "arrival", Source.Arrival.POISSON)
                .queue("q")
                .consumer("c", "instances", 3, "processingTime", exp(30))
                .wire("src", "q").wire("q", "c").build();
        Simulation sim = start(flow);
        sim.runUntil(3600);
        assertThat(sim.snapshot().node("c").utilisation()).isCloseTo(0.8, within(0.01));
        assertThat(sim.snapshot().node("q").utilisation()).isNaN();
    }

    @Test
    void statisticsResetStartsTheUtilisationAfresh() {
        Simulation sim = start(evenLoad(1, List.of()));
        sim.runUntil(10);
        sim.resetStatistics();
        sim.runUntil(20);
        assertThat(sim.snapshot().node("c").utilisation()).isCloseTo(0.5, within(0.01));
    }
}
