// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Durations;
import dev.pipewright.model.config.Format;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the values of {@code run}'s options. Each refusal is one sentence naming the option,
 * what it expects with an example, and what was given, e.g. {@code --seed must be a whole number,
 * e.g. --seed 42 (was 'abc')}; {@link PipewrightCli} prints it as it is.
 */
final class OptionValues {
    /** Longer digit strings are refused unread: no limit or seed needs them. */
    private static final int MAX_NUMBER_LENGTH = 40;

    private OptionValues() {
    }

    /** {@code --seed}: any whole number. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return wholeNumber("--seed", value, Long.MIN_VALUE, "42");
        }
    }

    /** {@code --max-events}: at least 1. */
    static final class MaxEvents implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return wholeNumber("--max-events", value, 1, "2000000000");
        }
    }

    /** {@code --trace-limit}: at least 1. */
    static final class TraceLimit implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return wholeNumber("--trace-limit", value, 1, "1000000");
        }
    }

    /** {@code --max-messages}: at least 1. */
    static final class MaxMessages implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return wholeNumber("--max-messages", value, 1, "10000000");
        }
    }

    /** {@code --max-heap}: a percentage from 1% to 100%, as a fraction (85% is 0.85). */
    static final class MaxHeap implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String number = value.strip();
            number = number.endsWith("%") ? number.substring(0, number.length() - 1).strip() : number;
            double percent = decimal(number);
            if (!(percent >= 1 && percent <= 100)) {
                throw refused("--max-heap must be a percentage from 1% to 100%, e.g. --max-heap 95%", value);
            }
            return percent / 100;
        }
    }

    /** {@code --speed}: from 0.01 to 1000. */
    static final class Speed implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double speed = decimal(value.strip());
            if (!(speed >= 0.01 && speed <= 1000)) {
                throw refused("--speed must be a number from 0.01 to 1000, e.g. --speed 10", value);
            }
            return speed;
        }
    }

    /** {@code --duration}: a time longer than zero. */
    static final class RunTime implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration("--duration", value);
            if (d.isZero()) {
                throw new TypeConversionException("--duration must be longer than zero, e.g. --duration 10m");
            }
            return d;
        }
    }

    /** {@code --warm-up}: a time, zero for none. */
    static final class WarmUp implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration("--warm-up", value);
        }
    }

    /** {@code --clock}. */
    static final class ClockName extends Choice<RunCommand.Clock> {
        ClockName() {
            super("--clock", RunCommand.Clock.class);
        }
    }

    /** {@code --report}. */
    static final class ReportFormat extends Choice<RunCommand.Format> {
        ReportFormat() {
            super("--report", RunCommand.Format.class);
        }
    }

    /** A broker profile by name: {@code --broker} and {@code --target}. */
    static final class BrokerName implements ITypeConverter<Broker> {
        @Override
        public Broker convert(String value) {
            try {
                return Broker.named(value.strip());
            } catch (IllegalArgumentException e) {
                throw refused("the broker must be " + Broker.wordList().replace(" and ", " or "), value);
            }
        }
    }

    /** {@code --to}: a configuration format or a diagram. */
    static final class ExportTarget implements ITypeConverter<ExportCommand.Target> {
        @Override
        public ExportCommand.Target convert(String value) {
            ExportCommand.Target t = ExportCommand.Target.named(value.strip());
            if (t == null) {
                throw refused("--to must be rabbitmq, artemis, sqs, pubsub, kafka, asyncapi, svg or mermaid, e.g. --to rabbitmq", value);
            }
            return t;
        }
    }

    /** {@code --from}: a format Pipewright imports. */
    static final class ImportSource implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            Format f = Format.named(value.strip());
            if (f == null || !f.imports()) {
                throw refused("--from must be rabbitmq or artemis, e.g. --from rabbitmq", value);
            }
            return f;
        }
    }

    /** One of an enum's constants, written as they are named. */
    abstract static class Choice<E extends Enum<E>> implements ITypeConverter<E> {
        private final String option;
        private final Class<E> type;

        Choice(String option, Class<E> type) {
            this.option = option;
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(" or "));
            throw refused(option + " must be " + names, value);
        }
    }

    private static long wholeNumber(String option, String value, long min, String example) {
        String e = ", e.g. " + option + " " + example;
        String text = value.strip().replace("_", "");
        BigDecimal number = null;
        if (text.length() <= MAX_NUMBER_LENGTH) {
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException ignored) {
                // refused below
            }
        }
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            throw refused(option + " must be a whole number" + e, value);
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw refused(option + " must be a whole number from " + min + " to " + Long.MAX_VALUE + e, value);
        }
        return number.longValueExact();
    }

    /** A decimal number, or NaN when {@code text} is not one (callers refuse NaN with their range). */
    private static double decimal(String text) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            return Double.NaN;
        }
        try {
            return new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Duration duration(String option, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(option + ": " + e.getMessage());
        }
    }

    private static TypeConversionException refused(String expected, String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return new TypeConversionException(expected + " (was '" + shown + "')");
    }
}
