// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static dev.pipewright.engine.oracle.OracleFlows.QUEUE;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * M/M/1/K through a queue's max length. The engine's {@code maxLength} counts ready messages
 * only (QueueEntity.publish refuses when ready >= maxLength); the consumer, with prefetch 1,
 * holds the message in service as unacknowledged. So maxLength K - 1 gives K places in the
 * system, and with reject-publish the share of arrivals refused is P_K (arrivals see time
 * averages: PASTA).
 */
@Tag("oracle")
class FiniteCapacityOracleTest {
    @Test
    void refusedShareOfArrivalsMatchesBlockingProbability() {
        double lambda = 90;
        double mu = 100;
        int capacity = 10;
        OracleRuns runs = OracleRuns.replicate(OracleFlows.finiteCapacity(lambda, mu, capacity), 10, 500, 20_000, 4000);
        OracleAssert.matches("M/M/1/10 rho 0.9 share of arrivals refused",
                runs.measure(r -> (double) r.snapshot().node(QUEUE).dropped() / r.snapshot().node("src").out()),
                OracleTheory.mm1kBlocking(lambda, mu, capacity));
        OracleAssert.littlesLaw(runs, QUEUE);
    }
}
