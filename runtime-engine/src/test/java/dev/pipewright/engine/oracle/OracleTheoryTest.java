// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Checks the oracle's own formulas against textbook values, so a failing oracle test blames the engine. */
class OracleTheoryTest {
    @Test
    void mm1AtHalfLoadWaitsOneServiceTime() {
        assertThat(OracleTheory.mm1MeanWait(50, 100)).isCloseTo(0.01, within(1e-12));
        assertThat(OracleTheory.mm1MeanQueueLength(50, 100)).isCloseTo(0.5, within(1e-12));
        assertThat(OracleTheory.mm1SojournQuantile(50, 100, 0.99)).isCloseTo(Math.log(100) / 50, within(1e-12));
    }

    @Test
    void md1WaitsHalfAsLongAsMm1() {
        assertThat(OracleTheory.md1MeanWait(80, 100))
                .isCloseTo(OracleTheory.mm1MeanWait(80, 100) / 2, within(1e-12));
    }

    @Test
    void mm1kBlockingWithOneSlotIsErlangB() {
        // K = 1: P_1 = rho / (1 + rho).
        assertThat(OracleTheory.mm1kBlocking(0.5, 1, 1)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void cobhamWithOneClassIsPollaczekKhinchine() {
        double mu = 100;
        double w = OracleTheory.cobhamMeanWait(new double[] {80}, new double[] {1 / mu},
                new double[] {2 / (mu * mu)}, 0);
        assertThat(w).isCloseTo(OracleTheory.mm1MeanWait(80, mu), within(1e-12));
    }

    @Test
    void binomialIntervalCoversMean() {
        long[] interval = Binomial.interval99(100_000, 0.001);
        assertThat(interval[0]).isBetween(70L, 80L);
        assertThat(interval[1]).isBetween(120L, 130L);
    }

    @Test
    void replicationIntervalUsesStudentT() {
        Replications r = new Replications(1, 2, 3);
        assertThat(r.mean()).isEqualTo(2.0);
        assertThat(r.halfWidth95()).isCloseTo(4.303 * 1 / Math.sqrt(3), within(1e-9));
        assertThat(r.covers(3.0)).isTrue();
        assertThat(r.covers(5.0)).isFalse();
    }
}
