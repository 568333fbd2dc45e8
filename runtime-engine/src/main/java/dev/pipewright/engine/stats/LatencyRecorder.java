// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.Latency;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind at one node: a histogram over the whole run (3 significant digits), one
 * for the current sample interval (2 digits), and an exact sum for the mean. Values are recorded
 * in microseconds. Written and read on the engine thread only.
 */
public final class LatencyRecorder {
    private final Histogram total = new Histogram(3);
    private final Histogram interval;
    private double sumSeconds;
    private long count;

    /**
     * A recorder.
     *
     * @param withInterval also keep a histogram of the current sample interval (for time series)
     */
    public LatencyRecorder(boolean withInterval) {
        interval = withInterval ? new Histogram(2) : null;
    }

    /** Records one latency in seconds. */
    public void record(double seconds) {
        long micros = Math.max(0, Math.round(seconds * 1e6));
        total.recordValue(micros);
        if (interval != null) {
            interval.recordValue(micros);
        }
        sumSeconds += seconds;
        count++;
    }

    public long count() {
        return count;
    }

    /** The summary over the whole run. */
    public Latency summary() {
        if (count == 0) {
            return Latency.NONE;
        }
        return new Latency(count, sumSeconds / count * 1000, ms(total.getValueAtPercentile(50)),
                ms(total.getValueAtPercentile(95)), ms(total.getValueAtPercentile(99)), ms(total.getMaxValue()));
    }

    /** Percentiles 50, 95 and 99 of the current interval in ms ({@code NaN} if empty), then starts a new interval. */
    public double[] takeInterval() {
        double[] p = new double[3];
        if (interval == null || interval.getTotalCount() == 0) {
            p[0] = p[1] = p[2] = Double.NaN;
        } else {
            p[0] = ms(interval.getValueAtPercentile(50));
            p[1] = ms(interval.getValueAtPercentile(95));
            p[2] = ms(interval.getValueAtPercentile(99));
            interval.reset();
        }
        return p;
    }

    public void reset() {
        total.reset();
        if (interval != null) {
            interval.reset();
        }
        sumSeconds = 0;
        count = 0;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
