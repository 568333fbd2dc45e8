// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.theory;

/**
 * The M/M/c queue in closed form: Poisson arrivals at rate {@code lambda}, {@code servers}
 * servers each serving at rate {@code mu} with exponential service times. Rates are per second,
 * times in seconds. Every method needs a stable queue (lambda below servers * mu) and throws
 * {@link IllegalArgumentException} otherwise; callers that show an overloaded queue decide what
 * to show themselves.
 */
public final class QueueingTheory {
    private QueueingTheory() {
    }

    /**
     * Erlang C: the probability that an arrival has to wait. Computed through the Erlang B
     * recursion, which stays accurate for many servers (no factorials, no large powers).
     *
     * @param servers number of servers c, at least 1
     * @param lambda arrival rate, 0 or more
     * @param mu service rate of one server, more than 0
     * @return the probability of waiting, in [0, 1)
     */
    public static double erlangC(int servers, double lambda, double mu) {
        double rho = stableUtilisation(servers, lambda, mu);
        double offered = lambda / mu;
        double b = 1; // Erlang B with 0 servers
        for (int k = 1; k <= servers; k++) {
            b = offered * b / (k + offered * b);
        }
        return b / (1 - rho * (1 - b));
    }

    /** M/M/c mean wait before service: Wq = C(c, a) / (c mu - lambda). */
    public static double mmcMeanWait(int servers, double lambda, double mu) {
        return erlangC(servers, lambda, mu) / (servers * mu - lambda);
    }

    /** M/M/c mean number waiting (not in service): Lq = C(c, a) rho / (1 - rho). */
    public static double mmcMeanQueueLength(int servers, double lambda, double mu) {
        double rho = stableUtilisation(servers, lambda, mu);
        return erlangC(servers, lambda, mu) * rho / (1 - rho);
    }

    /** rho = lambda / (c mu), after checking the arguments describe a stable M/M/c queue. */
    private static double stableUtilisation(int servers, double lambda, double mu) {
        if (servers < 1 || !(lambda >= 0) || !(mu > 0)) {
            throw new IllegalArgumentException("an M/M/c queue needs lambda >= 0, mu > 0 and at least one server"
                    + " (was lambda " + lambda + ", mu " + mu + ", c " + servers + ")");
        }
        double rho = lambda / (servers * mu);
        if (!(rho < 1)) {
            throw new IllegalArgumentException("unstable: lambda must be below c * mu (was lambda " + lambda
                    + ", c * mu " + servers * mu + ")");
        }
        return rho;
    }
}
