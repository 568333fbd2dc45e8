// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Conservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Distribution;
import dev.pipewright.model.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the scenario tests: every simulation a test starts is checked against the conservation
 * law after the test, whatever the test itself asserts.
 */
abstract class EngineTest {
    private final List<Simulation> started = new ArrayList<>();

    Simulation start(Flow flow) {
        return start(flow, 42);
    }

    Simulation start(Flow flow, long seed) {
        Simulation sim = Simulation.create(flow, seed);
        started.add(sim);
        return sim;
    }

    @AfterEach
    void conservationHoldsAfterEveryScenario() {
        for (Simulation sim : started) {
            assertConserved(sim);
        }
    }

    static void assertConserved(Simulation sim) {
        Conservation c = sim.conservation();
        assertThat(c.holds()).as("conservation law at t=%s: %s", sim.now(), c).isTrue();
        assertThat(sim.snapshot().conservation().holds()).isTrue();
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static Duration s(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    static Distribution constant(long millis) {
        return Distribution.constant(Duration.ofMillis(millis));
    }

    static Distribution exp(double millis) {
        return Distribution.exponential(Duration.ofNanos(Math.round(millis * 1e6)));
    }
}
