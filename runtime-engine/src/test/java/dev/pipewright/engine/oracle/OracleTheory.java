// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

/**
 * Analytic results of queueing theory the engine is checked against, beyond M/M/c (which is
 * {@link dev.pipewright.engine.theory.QueueingTheory}, shared with the app). Rates are per second,
 * times in seconds. Notation: lambda arrival rate, mu service rate of one server, rho utilisation.
 */
final class OracleTheory {
    private OracleTheory() {
    }

    /** M/M/1 mean wait in queue: Wq = rho / (mu - lambda). */
    static double mm1MeanWait(double lambda, double mu) {
        stable(lambda, mu);
        return (lambda / mu) / (mu - lambda);
    }

    /** M/M/1 mean number waiting: Lq = rho^2 / (1 - rho). */
    static double mm1MeanQueueLength(double lambda, double mu) {
        stable(lambda, mu);
        double rho = lambda / mu;
        return rho * rho / (1 - rho);
    }

    /** M/M/1 time in system is exponential with rate mu - lambda; its p-th quantile. */
    static double mm1SojournQuantile(double lambda, double mu, double p) {
        stable(lambda, mu);
        return -Math.log(1 - p) / (mu - lambda);
    }

    /** M/D/1 mean wait (Pollaczek-Khinchine with zero service variance): rho / (2 mu (1 - rho)). */
    static double md1MeanWait(double lambda, double mu) {
        stable(lambda, mu);
        double rho = lambda / mu;
        return rho / (2 * mu * (1 - rho));
    }

    /** M/D/1 mean number waiting: rho^2 / (2 (1 - rho)). */
    static double md1MeanQueueLength(double lambda, double mu) {
        return lambda * md1MeanWait(lambda, mu);
    }

    /**
     * M/M/1/K: the probability that the system (waiting plus in service) holds K messages, which
     * by PASTA is the fraction of arrivals that are turned away.
     */
    static double mm1kBlocking(double lambda, double mu, int capacity) {
        double rho = lambda / mu;
        if (Math.abs(rho - 1) < 1e-12) {
            return 1.0 / (capacity + 1);
        }
        return (1 - rho) * Math.pow(rho, capacity) / (1 - Math.pow(rho, capacity + 1));
    }

    /**
     * Cobham's formula for a non-preemptive priority M/G/1 queue: the mean wait in queue of class
     * {@code k} (0 = highest priority). {@code secondMoments} are E[S^2] per class.
     */
    static double cobhamMeanWait(double[] lambdas, double[] means, double[] secondMoments, int k) {
        double residual = 0; // W0 = sum lambda_i E[S_i^2] / 2
        for (int i = 0; i < lambdas.length; i++) {
            residual += lambdas[i] * secondMoments[i] / 2;
        }
        double sigmaBefore = 0;
        for (int i = 0; i < k; i++) {
            sigmaBefore += lambdas[i] * means[i];
        }
        double sigmaThrough = sigmaBefore + lambdas[k] * means[k];
        return residual / ((1 - sigmaBefore) * (1 - sigmaThrough));
    }

    private static void stable(double lambda, double mu) {
        if (!(lambda > 0 && lambda < mu)) {
            throw new IllegalArgumentException("needs 0 < lambda < mu");
        }
    }
}
