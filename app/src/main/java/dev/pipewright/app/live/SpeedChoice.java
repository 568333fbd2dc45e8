// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import java.util.List;
import java.util.Locale;

/**
 * A speed of the run: a paced factor (virtual seconds per wall second) or as fast as possible.
 *
 * @param factor virtual seconds per wall second; ignored when {@code max}
 * @param max true to run as fast as the machine allows
 */
public record SpeedChoice(double factor, boolean max) {
    /** Real time. */
    public static final SpeedChoice REAL_TIME = new SpeedChoice(1, false);
    /** As fast as possible. */
    public static final SpeedChoice MAX = new SpeedChoice(Double.NaN, true);

    /** The presets the speed menu offers, slowest first. */
    public static final List<SpeedChoice> PRESETS = List.of(paced(0.1), paced(0.25), paced(0.5), REAL_TIME,
            paced(2), paced(5), paced(10), paced(25), paced(50), paced(100), MAX);

    public SpeedChoice {
        if (!max && !(factor >= 0.01 && factor <= 1000)) {
            throw new IllegalArgumentException("a speed must be from 0.01x to 1000x (was " + factor + ")");
        }
    }

    public static SpeedChoice paced(double factor) {
        return new SpeedChoice(factor, false);
    }

    /** {@code 0.25×}, {@code 1×}, {@code 100×} or {@code max}. */
    public String label() {
        if (max) {
            return "max";
        }
        String n = factor == Math.rint(factor) ? Long.toString((long) factor)
                : String.format(Locale.ROOT, "%s", factor).replaceAll("0+$", "");
        return n + "×";
    }

    /** {@code virtual} or {@code paced}, as the run report names the clock. */
    public String clockName() {
        return max ? "virtual" : "paced";
    }

    @Override
    public String toString() {
        return label();
    }
}
