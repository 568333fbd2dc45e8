// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Conservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the live view writes times, rates, latencies and counts, so every panel says them alike. */
public final class LiveFormat {
    /** What is shown where there is no value yet. */
    public static final String NONE = "–";
    private static final double MINUTE = 60;
    private static final double HOUR = 3600;
    private static final double DAY = 86_400;
    private static final double YEAR = 365.25 * DAY;

    private LiveFormat() {
    }

    /** Virtual time as {@code 00:01:23.4} (hours:minutes:seconds.tenths). */
    public static String elapsed(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "00:00:00.0";
        }
        long tenths = (long) Math.floor(seconds * 10 + 1e-6);
        long h = tenths / 36_000;
        long m = tenths / 600 % 60;
        long s = tenths / 10 % 60;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%d", h, m, s, tenths % 10);
    }

    /** A rate per second: {@code 0/s}, {@code 4.2/s}, {@code 820/s}, {@code 12.5k/s}. */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return NONE;
        }
        double r = Math.max(0, perSecond);
        // Called for every pill and wire at every snapshot: plain arithmetic, not String.format,
        // whose garbage was a third of the live view's allocation.
        if (r >= 1e9) {
            return large(r) + "/s";
        }
        if (r >= 1_000_000) {
            return fixed(r / 1_000_000, 1) + "M/s";
        }
        if (r >= 10_000) {
            return fixed(r / 1000, 0) + "k/s";
        }
        if (r >= 1000) {
            return fixed(r / 1000, 1) + "k/s";
        }
        if (r >= 100 || r == 0) {
            return fixed(r, 0) + "/s";
        }
        return fixed(r, 1) + "/s";
    }

    /** {@code v} (not negative) with 0 or 1 decimals, rounded half up, as {@code %.0f} / {@code %.1f} print it. */
    private static String fixed(double v, int decimals) {
        if (decimals == 0) {
            return Long.toString(Math.round(v));
        }
        long tenths = Math.round(v * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /**
     * A latency given in milliseconds: {@code 0.42 ms}, {@code 31 ms}, {@code 2.50 s}, and long
     * spans in the unit a person would say: {@code 4.5 min}, {@code 3.2 h}, {@code 12 days},
     * {@code 32 years}.
     */
    public static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return NONE;
        }
        double s = ms / 1000;
        if (s >= 1000 * YEAR) {
            return "over 1,000 years";
        }
        if (s >= 2 * YEAR) {
            return String.format(Locale.ROOT, "%.0f years", s / YEAR);
        }
        if (s >= 2 * DAY) {
            return String.format(Locale.ROOT, "%.0f days", s / DAY);
        }
        if (s >= 2 * HOUR) {
            return String.format(Locale.ROOT, "%.1f h", s / HOUR);
        }
        if (s >= 2 * MINUTE) {
            return String.format(Locale.ROOT, "%.1f min", s / MINUTE);
        }
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    /** A duration given in seconds, as {@link #millis}. */
    public static String seconds(double s) {
        return millis(s * 1000);
    }

    /** A count with thousands separators: {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A plain number with up to {@code decimals} decimals, from a million on in words
     * ({@code 1.2 million}, {@code 3.4 billion}); {@code –} when not finite.
     */
    public static String number(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return NONE;
        }
        if (Math.abs(x) >= 1e6) {
            return (x < 0 ? "−" : "") + large(Math.abs(x));
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", x);
    }

    /** {@code x} (a million or more) in words: {@code 1.2 million}, {@code 3.4 billion}, {@code 5.6 trillion}. */
    private static String large(double x) {
        if (x >= 1e15) {
            return "over 1,000 trillion";
        }
        if (x >= 1e12) {
            return String.format(Locale.ROOT, "%.1f trillion", x / 1e12);
        }
        if (x >= 1e9) {
            return String.format(Locale.ROOT, "%.1f billion", x / 1e9);
        }
        return String.format(Locale.ROOT, "%.1f million", x / 1e6);
    }

    /** A fraction as a percentage: {@code 80%}, {@code 1,250%}; {@code over 10,000%} beyond. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NONE;
        }
        if (fraction * 100 > 10_000) {
            return "over 10,000%";
        }
        return String.format(Locale.ROOT, "%,.0f%%", fraction * 100);
    }

    /**
     * The conservation law with only the terms that are not zero, e.g. {@code produced 1,234 =
     * completed 1,180 + waiting 42 + in flight 12}. The full line is
     * {@link dev.pipewright.engine.report.ReportFormats#conservationLine}.
     */
    public static String conservationShort(Conservation c) {
        List<String> terms = new ArrayList<>();
        term(terms, "completed", c.completed());
        term(terms, "dead-lettered", c.deadLettered());
        term(terms, "expired", c.expired());
        term(terms, "dropped", c.dropped());
        term(terms, "filtered", c.filtered());
        term(terms, "waiting", c.waiting());
        term(terms, "in flight", c.inFlight());
        String right = terms.isEmpty() ? "0" : String.join(" + ", terms);
        return "produced " + count(c.produced()) + (c.holds() ? " = " : " ≠ ") + right;
    }

    private static void term(List<String> terms, String name, long n) {
        if (n != 0) {
            terms.add(name + " " + count(n));
        }
    }
}
