// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import dev.pipewright.model.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A run reached one of its {@link RunLimits} and stopped between two events: its state, and so its
 * {@link Simulation#snapshot()}, is the consistent state of the run so far. The message says which
 * limit and when, in words a person reads after "The run stopped: ".
 */
public final class RunLimitException extends RuntimeException {
    /** Which of the {@link RunLimits} was reached. */
    public enum Limit {
        /** {@link RunLimits#maxEvents()}. */
        EVENTS,
        /** {@link RunLimits#maxMessages()}. */
        MESSAGES,
        /** {@link RunLimits#maxHeapFraction()}. */
        MEMORY
    }

    private final Limit limit;
    private final double value;
    private final double virtualSeconds;

    public RunLimitException(Limit limit, double value, double virtualSeconds) {
        super(describe(limit, value, virtualSeconds));
        this.limit = Objects.requireNonNull(limit, "limit");
        this.value = value;
        this.virtualSeconds = virtualSeconds;
    }

    /** The limit that was reached. */
    public Limit limit() {
        return limit;
    }

    /** The limit's value: events, messages, or the heap fraction (0.85 for 85%). */
    public double value() {
        return value;
    }

    /** Virtual seconds into the run when it stopped. */
    public double virtualSeconds() {
        return virtualSeconds;
    }

    /** {@code 250us}, {@code 12ms}, {@code 3600.125s}: to the microsecond below a second, else to the millisecond. */
    private static String time(double seconds) {
        if (seconds > 1e9) {
            return String.format(Locale.ROOT, "%.0fs", seconds);
        }
        long nanos = seconds >= 1 ? Math.round(seconds * 1e3) * 1_000_000L : Math.round(seconds * 1e6) * 1_000L;
        return Durations.format(Duration.ofNanos(nanos));
    }

    private static String describe(Limit limit, double value, double virtualSeconds) {
        String at = " at " + time(virtualSeconds) + " of virtual time";
        return switch (limit) {
            case EVENTS -> String.format(Locale.ROOT, "the run had processed %,d events%s, the most one run may process",
                    (long) value, at);
            case MESSAGES -> String.format(Locale.ROOT, "%,d messages were held at once (waiting, in flight or"
                    + " dead-lettered)%s, the most one run may hold; a queue is probably growing without bound", (long) value, at);
            case MEMORY -> String.format(Locale.ROOT, "the run was using %.0f%% of the memory Java may use (%,d MiB)%s,"
                    + " the most it may use", value * 100, Runtime.getRuntime().maxMemory() / (1024 * 1024), at);
        };
    }
}
