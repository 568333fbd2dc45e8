// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.Latency;

/**
 * Latencies of one kind at one node: a histogram over the whole run (3 significant digits), one
 * for the current sample interval (2 digits), and an exact sum, minimum and maximum. Values are
 * recorded in microseconds. Written and read on the engine thread only.
 *
 * <p>The histograms are made at the first value above zero: a node records only some kinds of
 * latency (a source none), an unloaded queue's waits are all zero (which are only counted), and an
 * empty 3-digit histogram already takes 4 KB, so a flow of 10,000 nodes would otherwise hold
 * tens of megabytes of empty histograms. Percentiles of zeros alone are zero, as a histogram
 * holding only them would answer.
 *
 * <p>The histograms are {@link NarrowHistogram}s: HdrHistogram's buckets, so its percentiles, with
 * counts only over the range of values seen and, in steps of 64 buckets, as narrow as the step's
 * largest count (1 bit while none passes 1, up to 64). A consumer's 3-digit histogram of
 * exponential service times of 0.5 ms thus takes 2 to 3 KB in runs of 10 minutes to an hour,
 * where an HdrHistogram with 32-bit counts took 12 KB.
 *
 * <p>Values wait in a small buffer and go into the histograms {@value #BUFFERED} at a time, and
 * before any read: a flow of thousands of nodes records each message at several nodes, and one
 * value into a histogram nobody touched lately costs a few cache misses (its fields, its counts,
 * and the interval histogram's), where a buffer takes one for many values. The histograms end the
 * same whatever the order of their values, so every figure is as if recorded one at a time.
 *
 * <p>A percentile is the middle of the histogram bucket it falls in, kept within the exact
 * minimum and maximum seen: HdrHistogram's own {@code getValueAtPercentile} answers the top of the
 * bucket, so a constant 10 ms would read 10.007 ms; this way it reads exactly 10 ms.
 */
public final class LatencyRecorder {
    /** Values held before they go into the histograms. */
    static final int BUFFERED = 32;

    private final boolean withInterval;
    /** Null until the first value above zero. */
    private NarrowHistogram total;
    /** Null until the first value above zero, and always null without {@link #withInterval}. */
    private NarrowHistogram interval;
    /**
     * Microsecond values not yet in the histograms; made with the histograms. Ints (up to 35
     * minutes): a longer value goes into the histograms at once, which end the same either way.
     */
    private int[] buffered;
    private int bufferedCount;
    /** Zero values not yet in the histograms. */
    private long bufferedZeros;
    /** Zeros of earlier intervals, read before the histograms were made: for {@link #total} only. */
    private long zerosBeforeHistograms;
    private long intervalCount;
    private double sumSeconds;
    private long count;
    private double minSeconds = Double.POSITIVE_INFINITY;
    private double maxSeconds = Double.NEGATIVE_INFINITY;
    private double intervalMinSeconds = Double.POSITIVE_INFINITY;
    private double intervalMaxSeconds = Double.NEGATIVE_INFINITY;

    /**
     * A recorder.
     *
     * @param withInterval also keep a histogram of the current sample interval (for time series)
     */
    public LatencyRecorder(boolean withInterval) {
        this.withInterval = withInterval;
    }

    /** Records one latency in seconds. */
    public void record(double seconds) {
        long micros = Math.round(seconds * 1e6);
        if (micros <= 0) {
            bufferedZeros++;
        } else {
            if (buffered == null) {
                buffered = new int[BUFFERED];
                total = new NarrowHistogram(3);
                total.recordWithCount(0, zerosBeforeHistograms);
                zerosBeforeHistograms = 0;
                if (withInterval) {
                    interval = new NarrowHistogram(2);
                }
            }
            if (micros > Integer.MAX_VALUE) {
                total.record(micros);
                if (withInterval) {
                    interval.record(micros);
                }
            } else {
                buffered[bufferedCount++] = (int) micros;
                if (bufferedCount == BUFFERED) {
                    flush();
                }
            }
        }
        sumSeconds += seconds;
        count++;
        intervalCount++;
        if (seconds < minSeconds) {
            minSeconds = seconds;
        }
        if (seconds > maxSeconds) {
            maxSeconds = seconds;
        }
        if (seconds < intervalMinSeconds) {
            intervalMinSeconds = seconds;
        }
        if (seconds > intervalMaxSeconds) {
            intervalMaxSeconds = seconds;
        }
    }

    public long count() {
        return count;
    }

    /** The summary over the whole run. */
    public Latency summary() {
        if (count == 0) {
            return Latency.NONE;
        }
        flush();
        return new Latency(count, sumSeconds / count * 1000, percentile(total, 50, minSeconds, maxSeconds),
                percentile(total, 95, minSeconds, maxSeconds), percentile(total, 99, minSeconds, maxSeconds),
                clampedMs(maxSeconds));
    }

    /** Percentiles 50, 95 and 99 of the current interval in ms ({@code NaN} if empty), then starts a new interval. */
    public double[] takeInterval() {
        flush();
        double[] p = new double[3];
        if (!withInterval || intervalCount == 0) {
            p[0] = p[1] = p[2] = Double.NaN;
        } else {
            p[0] = percentile(interval, 50, intervalMinSeconds, intervalMaxSeconds);
            p[1] = percentile(interval, 95, intervalMinSeconds, intervalMaxSeconds);
            p[2] = percentile(interval, 99, intervalMinSeconds, intervalMaxSeconds);
            if (interval != null) {
                interval.reset();
            }
        }
        intervalCount = 0;
        intervalMinSeconds = Double.POSITIVE_INFINITY;
        intervalMaxSeconds = Double.NEGATIVE_INFINITY;
        return p;
    }

    public void reset() {
        bufferedCount = 0;
        bufferedZeros = 0;
        zerosBeforeHistograms = 0;
        intervalCount = 0;
        if (total != null) {
            total.reset();
        }
        if (interval != null) {
            interval.reset();
        }
        sumSeconds = 0;
        count = 0;
        minSeconds = intervalMinSeconds = Double.POSITIVE_INFINITY;
        maxSeconds = intervalMaxSeconds = Double.NEGATIVE_INFINITY;
    }

    /** Moves the buffered values into the histograms: one histogram at a time, while its fields are at hand. */
    private void flush() {
        if (total == null) {
            // Zeros alone, which read as zero: the interval's end here, the total's when made.
            zerosBeforeHistograms += bufferedZeros;
            bufferedZeros = 0;
            return;
        }
        if (bufferedZeros > 0) {
            total.recordWithCount(0, bufferedZeros);
            if (withInterval) {
                interval.recordWithCount(0, bufferedZeros);
            }
            bufferedZeros = 0;
        }
        total.recordAll(buffered, bufferedCount);
        if (withInterval) {
            interval.recordAll(buffered, bufferedCount);
        }
        bufferedCount = 0;
    }

    /**
     * The middle of the bucket holding {@code percentile}, within the exact min and max, in ms;
     * {@code h} null means only zeros were recorded.
     */
    private static double percentile(NarrowHistogram h, double percentile, double minSeconds, double maxSeconds) {
        double ms = h == null ? 0 : h.medianEquivalentValue(h.valueAtPercentile(percentile)) / 1000.0;
        return Math.min(Math.max(ms, clampedMs(minSeconds)), clampedMs(maxSeconds));
    }

    /**
     * Seconds as ms, to the nanosecond: a latency is a difference of two virtual times, so a
     * constant 10 ms may come out as 10.000000000000675 ms. Negative latencies are recorded as
     * zero, so they read zero here too.
     */
    private static double clampedMs(double seconds) {
        return Math.round(Math.max(0, seconds) * 1e9) / 1e6;
    }
}
