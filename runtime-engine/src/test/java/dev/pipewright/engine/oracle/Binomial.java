// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

/** Exact quantiles of the binomial distribution, for counts of independent rare events. */
final class Binomial {
    private Binomial() {
    }

    /** The smallest k with P(X <= k) >= q for X ~ Binomial(n, p). */
    static long quantile(long n, double p, double q) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        // Sum the probability mass from k = 0 in log space, so large n neither under- nor overflows.
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logPmf = n * logQ; // P(X = 0)
        double cumulative = Math.exp(logPmf);
        long k = 0;
        while (cumulative < q && k < n) {
            logPmf += Math.log((double) (n - k) / (k + 1)) + logP - logQ;
            k++;
            cumulative += Math.exp(logPmf);
        }
        return k;
    }

    /** The central 99% interval {low, high} of Binomial(n, p). */
    static long[] interval99(long n, double p) {
        return new long[] {quantile(n, p, 0.005), quantile(n, p, 0.995)};
    }
}
