// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

/**
 * Whether a queue is keeping up, from its depth over the last few virtual seconds and its
 * utilisation: {@link Level#GROWING} (amber) when the depth trend rises and the consumers cannot
 * keep up (rho >= 1); {@link Level#RUNAWAY} (red) when it has grown so for
 * {@link #RUNAWAY_AFTER_SECONDS} or a bounded queue is nearly full. One per queue; no allocation
 * per sample.
 *
 * <p>Only virtual time counts, never how many samples came: the live view samples once a frame,
 * and the engine publishes about 30 snapshots a wall second, so at 100x two samples lie 3 virtual
 * seconds apart and at 10x a third of a second. The trend therefore reaches back to the newest
 * sample at or before the start of its window, and needs two samples, not a number per window.
 */
public final class QueueHealth {
    /** How a queue is doing. */
    public enum Level { OK, GROWING, RUNAWAY }

    /** Virtual seconds of depth history the trend is fitted to. */
    public static final double TREND_SECONDS = 5;
    /** Virtual seconds of growth before a growing queue is shown as running away. */
    public static final double RUNAWAY_AFTER_SECONDS = 10;
    /** The least virtual time the samples must span before they show a trend. */
    static final double MIN_TREND_SPAN = 1;
    private static final int CAPACITY = 64;

    private final double[] times = new double[CAPACITY];
    private final double[] depths = new double[CAPACITY];
    private int size;
    private int head = -1;
    private double growingSince = Double.NaN;
    private Level level = Level.OK;

    /**
     * Takes in the depth at virtual time {@code time} and the utilisation now.
     *
     * @param fullness depth / max length for a bounded queue, NaN for an unbounded one
     */
    public Level update(double time, long depth, double utilisation, double fullness) {
        if (head >= 0 && time < times[head]) {
            reset();
        }
        if (head < 0 || time >= times[head] + TREND_SECONDS / 50) { // a sample every 0.1 s is plenty
            head = (head + 1) % CAPACITY;
            times[head] = time;
            depths[head] = depth;
            size = Math.min(size + 1, CAPACITY);
        }
        boolean rising = slope() > 0 && depth > 0;
        boolean overloaded = utilisation >= 1;
        if (rising && overloaded) {
            if (Double.isNaN(growingSince)) {
                growingSince = trendStart(); // it has grown since the trend's first sample, however far apart they are
            }
        } else {
            growingSince = Double.NaN;
        }
        if (fullness >= 0.9 || (!Double.isNaN(growingSince) && time - growingSince >= RUNAWAY_AFTER_SECONDS)) {
            level = Level.RUNAWAY;
        } else if (!Double.isNaN(growingSince) || fullness >= 0.7) {
            level = Level.GROWING;
        } else {
            level = Level.OK;
        }
        return level;
    }

    public Level level() {
        return level;
    }

    /** Forgets the history, e.g. when the run is reset. */
    public void reset() {
        size = 0;
        head = -1;
        growingSince = Double.NaN;
        level = Level.OK;
    }

    /** How many of the newest samples the trend uses: back to the first at or before the window's start. */
    private int trendSamples() {
        double now = times[head];
        int n = 0;
        while (n < size) {
            double t = times[Math.floorMod(head - n, CAPACITY)];
            n++;
            if (now - t >= TREND_SECONDS) {
                break;
            }
        }
        return n;
    }

    private double trendStart() {
        return times[Math.floorMod(head - (trendSamples() - 1), CAPACITY)];
    }

    /**
     * Least-squares slope of depth over the last {@link #TREND_SECONDS} of virtual time (reaching
     * back to the sample at or before its start), messages per second; 0 until the samples span
     * {@link #MIN_TREND_SPAN}.
     */
    double slope() {
        if (size < 2) {
            return 0;
        }
        int used = trendSamples();
        double now = times[head];
        if (used < 2 || now - trendStart() < MIN_TREND_SPAN) {
            return 0;
        }
        double n = 0;
        double st = 0;
        double sd = 0;
        double stt = 0;
        double std = 0;
        for (int i = 0; i < used; i++) {
            int idx = Math.floorMod(head - i, CAPACITY);
            double t = times[idx] - now;
            n++;
            st += t;
            sd += depths[idx];
            stt += t * t;
            std += t * depths[idx];
        }
        double den = n * stt - st * st;
        return den == 0 ? 0 : (n * std - st * sd) / den;
    }
}
