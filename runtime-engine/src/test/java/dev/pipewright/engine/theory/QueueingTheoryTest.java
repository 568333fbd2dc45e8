// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The M/M/c formulas against textbook values, so a failing oracle or theory panel blames the engine. */
class QueueingTheoryTest {
    @Test
    void erlangCMatchesTableValue() {
        // c = 3, a = 2.4 (rho 0.8): C = 0.6472 (standard Erlang C tables).
        assertThat(QueueingTheory.erlangC(3, 2.4, 1)).isCloseTo(0.6472, within(1e-4));
        assertThat(QueueingTheory.erlangC(1, 0.8, 1)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void erlangCMatchesTheDirectSumForManyServers() {
        // C(c, a) = (a^c / c!) (c / (c - a)) / (sum_{k<c} a^k / k! + (a^c / c!) (c / (c - a)))
        int c = 20;
        double a = 17;
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double waiting = term * c / (c - a);
        assertThat(QueueingTheory.erlangC(c, a, 1)).isCloseTo(waiting / (sum + waiting), within(1e-12));
    }

    @Test
    void oneServerIsMm1() {
        // M/M/1, lambda 80, mu 100: Wq = rho / (mu - lambda) = 0.04 s, Lq = rho^2 / (1 - rho) = 3.2.
        assertThat(QueueingTheory.mmcMeanWait(1, 80, 100)).isCloseTo(0.04, within(1e-12));
        assertThat(QueueingTheory.mmcMeanQueueLength(1, 80, 100)).isCloseTo(3.2, within(1e-12));
    }

    @Test
    void littlesLawHoldsInsideTheModel() {
        assertThat(QueueingTheory.mmcMeanQueueLength(6, 45, 10))
                .isCloseTo(45 * QueueingTheory.mmcMeanWait(6, 45, 10), within(1e-12));
    }

    @Test
    void anUnstableQueueHasNoSteadyState() {
        assertThatThrownBy(() -> QueueingTheory.erlangC(3, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueingTheory.mmcMeanWait(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
