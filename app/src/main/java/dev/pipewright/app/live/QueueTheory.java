// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

/**
 * The M/M/c queue: Poisson arrivals at rate {@code lambda}, {@code c} servers each serving at
 * rate {@code mu} with exponential service times. Rates are per second, times in seconds.
 *
 * @param lambda arrival rate
 * @param mu service rate of one server (1 / mean service time)
 * @param servers number of servers c
 */
public record QueueTheory(double lambda, double mu, int servers) {

    public QueueTheory {
        if (!(lambda >= 0) || !(mu > 0) || servers < 1) {
            throw new IllegalArgumentException("an M/M/c queue needs lambda >= 0, mu > 0 and at least one server"
                    + " (was lambda " + lambda + ", mu " + mu + ", c " + servers + ")");
        }
    }

    /** Total service capacity c·mu, messages per second. */
    public double capacity() {
        return servers * mu;
    }

    /** Utilisation rho = lambda / (c·mu); 1 or more means the queue grows without bound. */
    public double utilisation() {
        return lambda / capacity();
    }

    /** True when rho is below 1, so the queue settles to a steady state. */
    public boolean stable() {
        return utilisation() < 1;
    }

    /** Offered load a = lambda / mu (in Erlangs). */
    public double offeredLoad() {
        return lambda / mu;
    }

    /**
     * Erlang C: the probability that an arrival has to wait. 1 when unstable. Computed through
     * the Erlang B recursion, which stays accurate for many servers.
     */
    public double probabilityOfWaiting() {
        if (!stable()) {
            return 1;
        }
        double a = offeredLoad();
        double b = 1; // Erlang B with 0 servers
        for (int k = 1; k <= servers; k++) {
            b = a * b / (k + a * b);
        }
        double rho = utilisation();
        return b / (1 - rho * (1 - b));
    }

    /** Mean number waiting (not in service), Lq = C · rho / (1 - rho); infinite when unstable. */
    public double meanWaiting() {
        if (!stable()) {
            return Double.POSITIVE_INFINITY;
        }
        double rho = utilisation();
        return probabilityOfWaiting() * rho / (1 - rho);
    }

    /** Mean wait before service, Wq = C / (c·mu - lambda); infinite when unstable. */
    public double meanWait() {
        if (!stable()) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting() / (capacity() - lambda);
    }

    /** Mean time in system, W = Wq + 1/mu. */
    public double meanTimeInSystem() {
        return meanWait() + 1 / mu;
    }

    /** Mean number in system, L = Lq + lambda/mu. */
    public double meanInSystem() {
        return meanWaiting() + offeredLoad();
    }

    /** How fast the backlog grows when rho >= 1: lambda - c·mu messages per second (0 when stable). */
    public double growthRate() {
        return Math.max(0, lambda - capacity());
    }

    /**
     * How long a backlog of {@code depth} messages takes to drain when arrivals go on at lambda:
     * depth / (c·mu - lambda) seconds; infinite when rho >= 1.
     */
    public double timeToDrain(long depth) {
        if (depth <= 0) {
            return 0;
        }
        return stable() ? depth / (capacity() - lambda) : Double.POSITIVE_INFINITY;
    }
}
