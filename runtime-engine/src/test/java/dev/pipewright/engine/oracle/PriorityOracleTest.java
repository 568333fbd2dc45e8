// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static dev.pipewright.engine.oracle.OracleFlows.QUEUE;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two classes on one server with non-preemptive priorities, against Cobham's formula, read two
 * ways: the queue's own wait to start per priority level, and, independently of it, each class
 * leaving the server through its own route (a direct topic on the routing key) to an instant sink
 * whose end-to-end time is the class's time in system (the wait is that minus the mean service time).
 */
@Tag("oracle")
class PriorityOracleTest {
    @Test
    void eachClassWaitsAsCobhamSays() {
        double mu = 100;
        double[] lambdas = {30, 50};
        double[] means = {1 / mu, 1 / mu};
        double[] secondMoments = {2 / (mu * mu), 2 / (mu * mu)};
        OracleRuns runs = OracleRuns.replicate(OracleFlows.twoPriorities(lambdas[0], lambdas[1], mu), 10, 500, 30_000,
                5000);
        OracleAssert.matches("priority M/M/1 rho 0.8 high class mean wait (s)",
                runs.measure(r -> r.snapshot().node("sink-high").endToEnd().meanMs() / 1000 - 1 / mu),
                OracleTheory.cobhamMeanWait(lambdas, means, secondMoments, 0));
        OracleAssert.matches("priority M/M/1 rho 0.8 low class mean wait (s)",
                runs.measure(r -> r.snapshot().node("sink-low").endToEnd().meanMs() / 1000 - 1 / mu),
                OracleTheory.cobhamMeanWait(lambdas, means, secondMoments, 1));
        OracleAssert.matches("priority M/M/1 rho 0.8 high class wait to start by priority (s)",
                runs.measure(r -> r.snapshot().node(QUEUE).waitToStartByPriority().get(9).meanMs() / 1000),
                OracleTheory.cobhamMeanWait(lambdas, means, secondMoments, 0));
        OracleAssert.matches("priority M/M/1 rho 0.8 low class wait to start by priority (s)",
                runs.measure(r -> r.snapshot().node(QUEUE).waitToStartByPriority().get(0).meanMs() / 1000),
                OracleTheory.cobhamMeanWait(lambdas, means, secondMoments, 1));
        for (String queue : new String[] {QUEUE, "done-high", "done-low"}) {
            OracleAssert.littlesLaw(runs, queue);
        }
    }
}
