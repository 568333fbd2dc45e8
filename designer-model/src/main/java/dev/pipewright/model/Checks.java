// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Argument checks shared by the model's records; each failure names the property. */
final class Checks {
    private Checks() {
    }

    static String id(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidPropertyException("id", "every node and edge needs a non-empty id");
        }
        if (!value.matches("[A-Za-z0-9_.:-]+")) {
            throw new InvalidPropertyException("id", "'" + value
                    + "' may only contain letters, digits, '_', '.', ':' and '-'");
        }
        return value;
    }

    static String name(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static double nonNegative(String property, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidPropertyException(property, "must be zero or more (was " + value + ")");
        }
        return value;
    }

    static int atLeast(String property, int value, int min) {
        if (value < min) {
            throw new InvalidPropertyException(property, "must be at least " + min + " (was " + value + ")");
        }
        return value;
    }

    static Integer atLeastOrNull(String property, Integer value, int min) {
        return value == null ? null : atLeast(property, value, min);
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

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K extends Comparable<K>, V> Map<K, V> sortedMap(Map<K, V> value) {
        return value == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(value));
    }
}
