// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as the advice shows them to people: three significant digits, thousands separated by
 * commas, no trailing zeros ({@code 16.7}, {@code 120}, {@code 1,000,000,000}, {@code 0.05}), and
 * times in the unit that reads best ({@code 1.5s}, {@code 16.7ms}, {@code 250us}, {@code 40ns}).
 */
final class Numbers {
    private Numbers() {
    }

    /** A rate, count or size: whole from 100 up, three significant digits below. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return value > 0 ? "unlimited" : String.valueOf(value);
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** A time in seconds in the largest unit in which it is at least 1 (nanoseconds below that). */
    static String seconds(double s) {
        if (s >= 1) {
            return number(s) + "s";
        }
        if (s >= 1e-3) {
            return number(s * 1e3) + "ms";
        }
        if (s >= 1e-6) {
            return number(s * 1e6) + "us";
        }
        return number(s * 1e9) + "ns";
    }

    /** A whole count with its noun: {@code 1 instance}, {@code 10,000 instances}. */
    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** A size in bytes as KiB below a MiB, else MiB. */
    static String bytes(long bytes) {
        return bytes < 1024 * 1024 ? number(bytes / 1024.0) + " KiB" : number(bytes / (1024.0 * 1024)) + " MiB";
    }
}
