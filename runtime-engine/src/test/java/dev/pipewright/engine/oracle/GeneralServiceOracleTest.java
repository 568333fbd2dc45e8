// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static dev.pipewright.engine.oracle.OracleFlows.QUEUE;

import dev.pipewright.engine.theory.QueueingTheory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** M/D/1 (Pollaczek-Khinchine) and M/M/3 (Erlang C): constant service times and competing consumers. */
@Tag("oracle")
class GeneralServiceOracleTest {
    private static final double MU = 100;
    private static final int REPLICATIONS = 10;
    private static final double WARM_UP = 500;

    @Test
    void md1MatchesPollaczekKhinchine() {
        double lambda = 80;
        OracleRuns runs = OracleRuns.replicate(OracleFlows.single(lambda, 1, OracleFlows.service(MU, false)),
                REPLICATIONS, WARM_UP, 30_000, 2000);
        OracleAssert.matches("M/D/1 rho 0.8 mean wait Wq (s)",
                runs.measure(r -> r.snapshot().node(QUEUE).timeInNode().meanMs() / 1000),
                OracleTheory.md1MeanWait(lambda, MU));
        OracleAssert.matches("M/D/1 rho 0.8 mean queue length Lq",
                runs.measure(r -> r.snapshot().node(QUEUE).meanReady()),
                OracleTheory.md1MeanQueueLength(lambda, MU));
        OracleAssert.littlesLaw(runs, QUEUE);
    }

    @Test
    void threeCompetingConsumersMatchErlangC() {
        int servers = 3;
        double lambda = 0.8 * servers * MU;
        OracleRuns runs = OracleRuns.replicate(OracleFlows.single(lambda, servers, OracleFlows.service(MU, true)),
                REPLICATIONS, WARM_UP, 20_000, 3000);
        double wait = QueueingTheory.mmcMeanWait(servers, lambda, MU);
        OracleAssert.matches("M/M/3 rho 0.8 mean wait Wq (s)",
                runs.measure(r -> r.snapshot().node(QUEUE).timeInNode().meanMs() / 1000), wait);
        OracleAssert.matches("M/M/3 rho 0.8 mean queue length Lq",
                runs.measure(r -> r.snapshot().node(QUEUE).meanReady()), lambda * wait);
        OracleAssert.littlesLaw(runs, QUEUE);
    }
}
