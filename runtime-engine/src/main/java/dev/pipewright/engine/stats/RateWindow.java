// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

/**
 * A counter's rate over the last one to two sample intervals: it remembers the counter's value at
 * the last two sample ticks and divides the growth since the older one by the time since then.
 */
public final class RateWindow {
    private double olderTime;
    private long olderValue;
    private double lastTime;
    private long lastValue;

    /** Called at each sample tick with the counter's value; returns the rate over the interval just ended. */
    public double tick(double time, long value) {
        double rate = time > lastTime ? (value - lastValue) / (time - lastTime) : 0;
        olderTime = lastTime;
        olderValue = lastValue;
        lastTime = time;
        lastValue = value;
        return rate;
    }

    /** The smoothed rate at {@code now} for the counter's current {@code value}. */
    public double rate(double now, long value) {
        double span = now - olderTime;
        return span > 0 ? (value - olderValue) / span : 0;
    }

    public void reset(double now, long value) {
        olderTime = lastTime = now;
        olderValue = lastValue = value;
    }
}
