// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static dev.pipewright.engine.oracle.OracleFlows.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A consumer that fails each attempt with probability p and requeues, on a queue with delivery
 * limit n: a message is dead-lettered when all n deliveries fail, independently with probability
 * p^n, so the dead-letter count of N messages is Binomial(N, p^n).
 */
@Tag("oracle")
class DeliveryLimitOracleTest {
    @Test
    void deadLetterCountIsWithinTheBinomialInterval() {
        long messages = 200_000;
        double p = 0.3;
        int limit = 3;
        double rate = 1000;
        Simulation simulation = Simulation.create(OracleFlows.failingConsumer(messages, rate, p, limit), 6000);
        simulation.runFor(messages / rate + 100);
        Snapshot s = simulation.snapshot();

        long[] interval = Binomial.interval99(messages, Math.pow(p, limit));
        long deadLettered = s.node(QUEUE).deadLettered();
        System.out.printf("oracle: delivery limit %d, p %.2f, N %d: dead-lettered %d, 99%% interval [%d, %d]%n",
                limit, p, messages, deadLettered, interval[0], interval[1]);
        assertThat(s.node("src").out()).isEqualTo(messages);
        assertThat(deadLettered).isBetween(interval[0], interval[1]);
        assertThat(s.node(OracleFlows.DLQ).in()).isEqualTo(deadLettered);
        assertThat(s.conservation().completed() + s.conservation().deadLettered()).isEqualTo(messages);
        assertThat(s.conservation().holds()).isTrue();
        // Every failure but the last of a dead-lettered message was redelivered.
        assertThat(s.node(QUEUE).redelivered()).isEqualTo(s.node(OracleFlows.CONSUMER).failed() - deadLettered);
        OracleAssert.littlesLaw(OracleRuns.of(s, messages / rate + 100), QUEUE);
    }
}
