// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static dev.pipewright.engine.oracle.OracleFlows.CONSUMER;
import static dev.pipewright.engine.oracle.OracleFlows.QUEUE;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * M/M/1 against its closed forms: mean wait Wq = rho / (mu - lambda), mean queue length
 * Lq = rho^2 / (1 - rho), and time in system exponential with rate mu - lambda, so its p99 is
 * ln(100) / (mu - lambda). Service rate 100/s; higher loads need longer runs for the same
 * precision.
 */
@Tag("oracle")
class MarkovianQueueOracleTest {
    private static final double MU = 100;
    private static final int REPLICATIONS = 10;
    private static final double WARM_UP = 500;

    @ParameterizedTest(name = "M/M/1 at rho {0}")
    @CsvSource({"0.5, 20000", "0.8, 40000", "0.9, 200000"})
    void mm1MatchesWaitQueueLengthAndP99TimeInSystem(double rho, double measuredSeconds) {
        double lambda = rho * MU;
        OracleRuns runs = OracleRuns.replicate(OracleFlows.single(lambda, 1, OracleFlows.service(MU, true)),
                REPLICATIONS, WARM_UP, measuredSeconds, 1000 + (long) (rho * 100));

        OracleAssert.matches("M/M/1 rho " + rho + " mean wait Wq (s)",
                runs.measure(r -> r.snapshot().node(QUEUE).timeInNode().meanMs() / 1000),
                OracleTheory.mm1MeanWait(lambda, MU));
        OracleAssert.matches("M/M/1 rho " + rho + " mean queue length Lq",
                runs.measure(r -> r.snapshot().node(QUEUE).meanReady()),
                OracleTheory.mm1MeanQueueLength(lambda, MU));
        OracleAssert.matches("M/M/1 rho " + rho + " p99 time in system (s)",
                runs.measure(r -> r.snapshot().node(CONSUMER).endToEnd().p99Ms() / 1000),
                OracleTheory.mm1SojournQuantile(lambda, MU, 0.99));
        OracleAssert.littlesLaw(runs, QUEUE);
    }
}
