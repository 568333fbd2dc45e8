// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

/**
 * A gauge's integral over time (its value times how long it held it), for time-averaged figures
 * such as the mean queue length or a consumer's busy instance-seconds. Engine thread only.
 */
public final class TimeWeighted {
    private double area;
    private double changedAt;
    private double value;

    /** The gauge took {@code newValue} at {@code now}. */
    public void set(double now, double newValue) {
        area += value * (now - changedAt);
        changedAt = now;
        value = newValue;
    }

    /** The integral from the last {@link #reset} up to {@code now}. */
    public double area(double now) {
        return area + value * (now - changedAt);
    }

    /** The gauge's present value. */
    public double value() {
        return value;
    }

    /** Starts the integral afresh at {@code now}; the gauge keeps its value. */
    public void reset(double now) {
        area = 0;
        changedAt = now;
    }
}
