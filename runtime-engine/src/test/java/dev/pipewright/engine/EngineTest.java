// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Conservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** A source's properties for {@code n} messages at t = 1 s (one burst of n), then {@code more}. */
    static Object[] burstAtOne(int n, Object... more) {
        Object[] base = {"rate", (double) n, "arrival", Source.Arrival.BURSTS, "burstSize", n, "messageLimit", (long) n};
        Object[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /**
     * Poison messages: {@code n} messages at t = 1 s to queue "q" (with {@code queue} properties),
     * whose dead letters go to "dlq", read by consumer "c" (with {@code consumer} properties) that
     * fails every delivery after 10 ms and requeues it.
     */
    static Flow poison(int n, Object[] queue, Object... consumer) {
        Object[] c = Arrays.copyOf(new Object[] {"failureRate", 1.0, "processingTime", constant(10)}, 4 + consumer.length);
        System.arraycopy(consumer, 0, c, 4, consumer.length);
        return new FlowBuilder()
                .source("src", burstAtOne(n))
                .queue("q", queue)
                .dlq("dlq")
                .consumer("c", c)
                .wire("src", "q").wire("q", "c").wire("q", Port.DEAD_LETTER, "dlq").build();
    }

    static Object[] props(Object... properties) {
        return properties;
    }

    static Flow on(Broker broker, Flow flow) {
        return flow.withInfo(flow.info().withBroker(broker));
    }
}
