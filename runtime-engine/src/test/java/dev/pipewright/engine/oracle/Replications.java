// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.oracle;

import java.util.Arrays;
import java.util.Objects;

/**
 * The results of one measure over several independent replications: their mean and a Student-t
 * confidence interval for it. Replications are independent (different seeds), so the t interval
 * on their means is valid even though samples within one run are correlated.
 */
public final class Replications {
    /** Two-sided 95% Student t quantiles t(0.975, df) for df = 1..30. */
    private static final double[] T_975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private final double[] values;

    /** The measure's value in each replication; at least two. */
    public Replications(double... values) {
        Objects.requireNonNull(values, "values");
        if (values.length < 2) {
            throw new IllegalArgumentException("a confidence interval needs at least two replications");
        }
        this.values = values.clone();
    }

    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n - 1 in the denominator). */
    public double standardDeviation() {
        double mean = mean();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** Half the width of the 95% confidence interval of the mean. */
    public double halfWidth95() {
        return tQuantile975(values.length - 1) * standardDeviation() / Math.sqrt(values.length);
    }

    /** True when {@code expected} lies in the 95% confidence interval of the mean. */
    public boolean covers(double expected) {
        return Math.abs(mean() - expected) <= halfWidth95();
    }

    /** The relative difference of the mean from {@code expected}. */
    public double relativeError(double expected) {
        return Math.abs(mean() - expected) / Math.abs(expected);
    }

    static double tQuantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1");
        }
        return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.960;
    }

    @Override
    public String toString() {
        return String.format("mean %.6g ± %.3g (95%%, n=%d) %s", mean(), halfWidth95(), values.length,
                Arrays.toString(values));
    }
}
