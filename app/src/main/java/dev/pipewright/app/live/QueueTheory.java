// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.theory.QueueingTheory;

/**
 * The M/M/c queue: Poisson arrivals at rate {@code lambda}, {@code c} servers each serving at
 * rate {@code mu} with exponential service times. Rates are per second, times in seconds. The
 * formulas are the engine's ({@link QueueingTheory}); this adds what the live view shows beyond
 * them (capacity, growth, time to drain) and an answer for an overloaded queue.
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

    /** Erlang C ({@link QueueingTheory#erlangC}): the probability that an arrival has to wait. 1 when unstable. */
    public double probabilityOfWaiting() {
        return stable() ? QueueingTheory.erlangC(servers, lambda, mu) : 1;
    }

    /** Mean number waiting (not in service), Lq = C · rho / (1 - rho); infinite when unstable. */
    public double meanWaiting() {
        return stable() ? QueueingTheory.mmcMeanQueueLength(servers, lambda, mu) : Double.POSITIVE_INFINITY;
    }

    /** Mean wait before service, Wq = C / (c·mu - lambda); infinite when unstable. */
    public double meanWait() {
        return stable() ? QueueingTheory.mmcMeanWait(servers, lambda, mu) : Double.POSITIVE_INFINITY;
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
