// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way people write them in flow files and forms: {@code 250ms},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 100us}. A bare number is not accepted, because
 * "100" could mean seconds or milliseconds. Every duration from zero to {@link #MAX} in whole
 * nanoseconds reads back from its written form as the same duration.
 */
public final class Durations {
    /** The longest duration a flow takes: 100 years (36500d), far beyond any run and any broker's limit. */
    public static final Duration MAX = Duration.ofDays(36_500);

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h|d)\\s*");
    private static final String[] UNITS = {"h", "m", "s", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 250ms}.
     *
     * @throws IllegalArgumentException with a message that says what form is expected
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a duration is required, e.g. 250ms, 2s, 5m or 1h");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(shown(text)
                    + " is not a duration; write a number and a unit, e.g. 250ms, 2s, 5m or 1h");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new IllegalArgumentException(shown(text) + " is too long a duration; the longest is "
                    + "36500d (100 years)");
        }
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(shown(text) + " is finer than a nanosecond, the smallest step of"
                    + " a duration; write whole nanoseconds, e.g. 1.5us or 1500ns");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /**
     * Formats a duration in the largest unit that keeps it exact with at most three decimals, e.g.
     * {@code 1.5s}, {@code 250ms} or {@code 61s}; whatever is left is written in nanoseconds. Never
     * throws: {@link #parse} reads the result back as the same duration.
     */
    public static String format(Duration d) {
        if (d == null) {
            return "";
        }
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        for (int i = 0; i < UNITS.length; i++) {
            BigInteger unit = BigInteger.valueOf(UNIT_NANOS[i]);
            // At most three decimals means a whole number of thousandths of the unit (every unit but ns is a multiple of 1000 ns).
            boolean fits = nanos.abs().compareTo(unit) >= 0
                    && (UNIT_NANOS[i] == 1 || nanos.mod(BigInteger.valueOf(UNIT_NANOS[i] / 1000)).signum() == 0);
            if (fits) {
                return new BigDecimal(nanos).divide(new BigDecimal(unit)).stripTrailingZeros().toPlainString() + UNITS[i];
            }
        }
        return nanos + "ns";
    }

    /** The text in quotes as a message can show it: trimmed, cut short and without control characters. */
    static String shown(String text) {
        String s = text.strip();
        return "'" + TerminalText.escape(s.length() > 40 ? s.substring(0, 37) + "..." : s) + "'";
    }
}
