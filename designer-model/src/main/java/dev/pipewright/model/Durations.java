// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way people write them in flow files and forms: {@code 250ms},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 100us}. A bare number is not accepted, because
 * "100" could mean seconds or milliseconds.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h|d)\\s*");

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
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a unit, e.g. 250ms, 2s, 5m or 1h");
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
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Formats a duration in the largest unit that keeps it exact, e.g. {@code 1.5s} or {@code 250ms}. */
    public static String format(Duration d) {
        if (d == null) {
            return "";
        }
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        for (int i = 0; i < units.length; i++) {
            if (Math.abs(nanos) >= sizes[i]) {
                BigDecimal value = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(sizes[i]));
                if (value.scale() <= 3 || i == units.length - 1) {
                    return value.stripTrailingZeros().toPlainString() + units[i];
                }
            }
        }
        return nanos + "ns";
    }
}
