// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A distribution of durations, used for processing and service times. Written in files and forms
 * as {@code const(10ms)}, {@code exp(20ms)} (exponential with that mean), {@code uniform(5ms, 15ms)}
 * or {@code normal(10ms, 2ms)} (mean and standard deviation, never below zero).
 *
 * @param shape the family of the distribution
 * @param mean the mean (for uniform: the lower bound)
 * @param spread the second parameter: the upper bound of a uniform, the standard deviation of a
 *     normal, zero otherwise
 */
public record Distribution(Shape shape, Duration mean, Duration spread) {
    /** The families of distributions a flow can use. */
    public enum Shape {
        CONSTANT("const"), EXPONENTIAL("exp"), UNIFORM("uniform"), NORMAL("normal");

        private final String word;

        Shape(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final Pattern FORM = Pattern.compile("\\s*(\\w+)\\s*\\(([^,()]+)(?:,([^,()]+))?\\)\\s*");

    public Distribution {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(mean, "mean");
        spread = spread == null ? Duration.ZERO : spread;
        if (mean.isNegative() || spread.isNegative()) {
            throw new IllegalArgumentException("durations in a distribution must not be negative");
        }
        if (mean.compareTo(Durations.MAX) > 0 || spread.compareTo(Durations.MAX) > 0) {
            throw new IllegalArgumentException("durations in a distribution must be at most 36500d (100 years)");
        }
        if (shape == Shape.UNIFORM && spread.compareTo(mean) < 0) {
            throw new IllegalArgumentException("uniform(low, high) needs high >= low");
        }
    }

    public static Distribution constant(Duration d) {
        return new Distribution(Shape.CONSTANT, d, Duration.ZERO);
    }

    public static Distribution exponential(Duration mean) {
        return new Distribution(Shape.EXPONENTIAL, mean, Duration.ZERO);
    }

    public static Distribution uniform(Duration low, Duration high) {
        return new Distribution(Shape.UNIFORM, low, high);
    }

    public static Distribution normal(Duration mean, Duration sd) {
        return new Distribution(Shape.NORMAL, mean, sd);
    }

    /** The expected value of a sample, in seconds. */
    public double meanSeconds() {
        double m = mean.toNanos() / 1e9;
        return shape == Shape.UNIFORM ? (m + spread.toNanos() / 1e9) / 2 : m;
    }

    /**
     * Parses the written form, e.g. {@code exp(20ms)}.
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Distribution parse(String text) {
        String help = "write const(10ms), exp(20ms), uniform(5ms, 15ms) or normal(10ms, 2ms)";
        if (text == null) {
            throw new IllegalArgumentException("a distribution is required; " + help);
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(Durations.shown(text) + " is not a distribution; " + help);
        }
        Shape shape = null;
        for (Shape s : Shape.values()) {
            if (s.word.equalsIgnoreCase(m.group(1))) {
                shape = s;
            }
        }
        if (shape == null) {
            throw new IllegalArgumentException(Durations.shown(m.group(1)) + " is not a known distribution; " + help);
        }
        Duration first = Durations.parse(m.group(2));
        boolean two = shape == Shape.UNIFORM || shape == Shape.NORMAL;
        if (two != (m.group(3) != null)) {
            throw new IllegalArgumentException(shape.word + " takes " + (two ? "two" : "one")
                    + " duration" + (two ? "s" : "") + "; " + help);
        }
        Duration second = two ? Durations.parse(m.group(3)) : Duration.ZERO;
        return new Distribution(shape, first, second);
    }

    @Override
    public String toString() {
        return switch (shape) {
            case UNIFORM, NORMAL -> shape.word + "(" + Durations.format(mean) + ", " + Durations.format(spread) + ")";
            default -> shape.word + "(" + Durations.format(mean) + ")";
        };
    }
}
