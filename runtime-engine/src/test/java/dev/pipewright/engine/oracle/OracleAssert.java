// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.NodeStats;

/** The oracle's two acceptance rules: within 2% of theory, and theory inside the replications' 95% interval. */
public final class OracleAssert {
    /** Largest relative difference from theory accepted. */
    public static final double TOLERANCE = 0.02;

    private OracleAssert() {
    }

    /** The mean of the replications is within 2% of {@code expected} and its 95% interval covers it. */
    public static void matches(String what, Replications measured, double expected) {
        String detail = what + ": theory " + String.format("%.6g", expected) + ", engine " + measured
                + String.format(" (%.2f%% off)", 100 * measured.relativeError(expected));
        System.out.println("oracle: " + detail); // the figures behind each verdict, in the test report
        assertThat(measured.relativeError(expected)).as(detail + " - more than 2% from theory")
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat(measured.covers(expected)).as(detail + " - theory outside the 95% confidence interval").isTrue();
    }

    /**
     * Little's law on a queue, in each replication: the time-average number waiting equals the
     * rate of deliveries times the mean wait (within 2%, or 0.001 messages for queues that are
     * almost always empty).
     */
    static void littlesLaw(OracleRuns runs, String queueId) {
        for (OracleRuns.Run run : runs.runs()) {
            NodeStats q = run.snapshot().node(queueId);
            double lambda = q.timeInNode().count() / run.measuredSeconds();
            double wait = q.timeInNode().count() == 0 ? 0 : q.timeInNode().meanMs() / 1000;
            double length = q.meanReady();
            double slack = Math.max(TOLERANCE * Math.max(length, lambda * wait), 1e-3);
            assertThat(Math.abs(length - lambda * wait))
                    .as("Little's law on queue '%s': mean ready %.6g vs deliveries/s %.6g x mean wait %.6g s = %.6g",
                            queueId, length, lambda, wait, lambda * wait)
                    .isLessThanOrEqualTo(slack);
        }
    }
}
