// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Argument checks shared by the model's records; each failure names the property. */
final class Checks {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");

    private Checks() {
    }

    static String id(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidPropertyException("id", "every node and edge needs a non-empty id");
        }
        if (value.length() > Limits.MAX_ID_LENGTH) {
            throw new InvalidPropertyException("id", "must be at most " + grouped(Limits.MAX_ID_LENGTH)
                    + " characters (was " + grouped(value.length()) + ")");
        }
        if (!ID.matcher(value).matches()) {
            throw new InvalidPropertyException("id", Durations.shown(value)
                    + " may only contain letters, digits, '_', '.', ':' and '-'");
        }
        return value;
    }

    static String name(String value, String fallback) {
        if (value != null && value.length() > Limits.MAX_NAME_LENGTH) {
            throw new InvalidPropertyException("name", "must be at most " + grouped(Limits.MAX_NAME_LENGTH)
                    + " characters (was " + grouped(value.length()) + ")");
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A routing or binding key, or null; at most {@link Limits#MAX_KEY_BYTES} bytes, as AMQP allows. */
    static String key(String property, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_KEY_BYTES) {
            throw new InvalidPropertyException(property, "must be at most " + Limits.MAX_KEY_BYTES
                    + " bytes, the longest routing key AMQP brokers take (was "
                    + grouped(value.getBytes(StandardCharsets.UTF_8).length) + ")");
        }
        return value;
    }

    static double between(String property, double value, double min, double max, String unit) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new InvalidPropertyException(property, "must be " + (min == 0 ? "zero" : grouped(min)) + " or more (was "
                    + value + ")");
        }
        if (value > max) {
            throw new InvalidPropertyException(property, "must be at most " + grouped(max) + unit + " (was " + value + ")");
        }
        return value;
    }

    static int atLeast(String property, int value, int min) {
        if (value < min) {
            throw new InvalidPropertyException(property, "must be at least " + min + " (was " + value + ")");
        }
        return value;
    }

    static int between(String property, int value, int min, int max) {
        atLeast(property, value, min);
        if (value > max) {
            throw new InvalidPropertyException(property, "must be at most " + grouped(max) + " (was " + value + ")");
        }
        return value;
    }

    static Integer atLeastOrNull(String property, Integer value, int min) {
        return value == null ? null : atLeast(property, value, min);
    }

    static Integer betweenOrNull(String property, Integer value, int min, int max) {
        return value == null ? null : between(property, value, min, max);
    }

    static double probability(String property, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidPropertyException(property,
                    "must be a probability between 0 and 1, e.g. 0.05 for 5% (was " + value + ")");
        }
        return value;
    }

    static Duration nonNegative(String property, Duration value) {
        if (value != null && value.isNegative()) {
            throw new InvalidPropertyException(property, "must not be negative (was " + Durations.format(value) + ")");
        }
        return notTooLong(property, value);
    }

    static Duration positiveOrNull(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidPropertyException(property, "must be longer than zero (was " + Durations.format(value) + ")");
        }
        return notTooLong(property, value);
    }

    static Duration notTooLong(String property, Duration value) {
        if (value != null && value.compareTo(Durations.MAX) > 0) {
            throw new InvalidPropertyException(property, "must be at most 36500d, 100 years (was "
                    + Durations.format(value) + ")");
        }
        return value;
    }

    static <T> T required(String property, T value) {
        if (value == null) {
            throw new InvalidPropertyException(property, "is required");
        }
        return value;
    }

    static <T> List<T> list(String property, List<T> value) {
        entries(property, value == null ? 0 : value.size());
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K extends Comparable<K>, V> Map<K, V> sortedMap(String property, Map<K, V> value) {
        entries(property, value == null ? 0 : value.size());
        return value == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(value));
    }

    static void entries(String property, int size) {
        if (size > Limits.MAX_ENTRIES) {
            throw new InvalidPropertyException(property, "may have at most " + grouped(Limits.MAX_ENTRIES)
                    + " entries (has " + grouped(size) + ")");
        }
    }

    /** A limit as people read it: 10,000 or 0.5. */
    static String grouped(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.valueOf(value);
    }
}
