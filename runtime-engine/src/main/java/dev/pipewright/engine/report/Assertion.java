// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.model.Durations;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check on a run's report, written {@code NODE.METRIC OP VALUE}: for example
 * {@code dlq.count == 0} or {@code orders.p99 < 200ms}. NODE is a node's id or name (everything up
 * to the last dot), METRIC one of {@link Metric}, OP one of {@code < <= > >= == !=}. Latencies take
 * a duration ({@code 200ms}, {@code 1.5s}); counts and rates take a number ({@code 42},
 * {@code 1.5e3}; a rate may be written {@code 100/s}).
 *
 * @param text the assertion as written
 * @param node the node's id or name
 * @param metric what is compared
 * @param operator how it is compared
 * @param expected the value compared with, in the metric's unit (milliseconds for latencies)
 */
public record Assertion(String text, String node, Metric metric, Operator operator, double expected) {
    private static final Pattern FORM = Pattern.compile("\\s*(.+)\\.([A-Za-z0-9]+)\\s*(<=|>=|==|!=|<|>)\\s*(.*?)\\s*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /** How many node ids a message lists before it says how many more there are. */
    private static final int IDS_LISTED = 10;
    private static final String HOW = "write NODE.METRIC OP VALUE, e.g. 'dlq.count == 0' or 'orders.p99 < 200ms'";

    /** The comparisons an assertion can make. */
    public enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(double actual, double expected) {
            return switch (this) {
                case LT -> actual < expected;
                case LE -> actual <= expected;
                case GT -> actual > expected;
                case GE -> actual >= expected;
                case EQ -> actual == expected;
                case NE -> actual != expected;
            };
        }

        static Operator fromSymbol(String symbol) {
            for (Operator o : values()) {
                if (o.symbol.equals(symbol)) {
                    return o;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    public Assertion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(operator, "operator");
    }

    /**
     * Reads an assertion.
     *
     * @throws InvalidAssertionException naming the assertion and what is wrong with it
     */
    public static Assertion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidAssertionException("empty assertion; " + HOW);
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidAssertionException("cannot read assertion '" + text + "'; " + HOW);
        }
        String node = m.group(1).trim();
        Metric metric = Metric.fromWord(m.group(2));
        if (metric == null) {
            throw new InvalidAssertionException("assertion '" + text + "': unknown metric '" + m.group(2)
                    + "'; use one of " + Metric.allWords());
        }
        Operator operator = Operator.fromSymbol(m.group(3));
        String value = m.group(4);
        if (value.isEmpty()) {
            throw new InvalidAssertionException("assertion '" + text + "' has no value after '"
                    + operator.symbol() + "'; " + HOW);
        }
        return new Assertion(text.trim(), node, metric, operator, parseValue(text, metric, value));
    }

    private static double parseValue(String text, Metric metric, String value) {
        if (metric.isLatency()) {
            if (NUMBER.matcher(value).matches()) {
                throw new InvalidAssertionException("assertion '" + text + "': " + metric.word()
                        + " is a latency, give the value a unit, e.g. " + value + "ms or " + value + "s");
            }
            try {
                return Durations.parse(value).toNanos() / 1e6;
            } catch (IllegalArgumentException e) {
                throw new InvalidAssertionException("assertion '" + text + "': '" + value
                        + "' is not a duration; write e.g. 200ms, 1.5s or 2m");
            }
        }
        String number = metric == Metric.RATE && value.endsWith("/s")
                ? value.substring(0, value.length() - 2).trim() : value;
        if (!NUMBER.matcher(number).matches()) {
            throw new InvalidAssertionException("assertion '" + text + "': " + metric.word()
                    + " is " + (metric == Metric.RATE ? "a rate per second" : "a count")
                    + ", compare it with a number, not '" + value + "'");
        }
        double parsed = Double.parseDouble(number);
        if (!Double.isFinite(parsed)) {
            throw new InvalidAssertionException("assertion '" + text + "': " + value + " is too large a number to compare with");
        }
        return parsed;
    }

    /**
     * Checks the assertion against a report.
     *
     * @throws InvalidAssertionException when the report has no such node
     */
    public AssertionResult check(RunReport report) {
        NodeReport target = report.node(node).orElseThrow(() -> new InvalidAssertionException(
                "assertion '" + text + "': the flow has no node with the id or name '" + node + "'"
                        + (report.nodes().isEmpty() ? "" : "; its nodes are " + String.join(", ",
                        report.nodes().stream().map(NodeReport::id).toList()))));
        double actual = metric.of(target);
        return new AssertionResult(this, operator.test(actual, expected), actual);
    }

    /**
     * Why this assertion cannot be checked on a run of {@code flow}, or empty: the flow has no
     * node with its id or name, or several nodes have its name.
     */
    public Optional<String> problemIn(Flow flow) {
        boolean byId = flow.node(node).isPresent();
        long byName = flow.nodes().stream().filter(n -> n.name().equals(node)).count();
        if (byId || byName == 1) {
            return Optional.empty();
        }
        List<String> ids = flow.nodes().stream().map(Node::id).toList();
        String listed = String.join(", ", ids.subList(0, Math.min(ids.size(), IDS_LISTED)))
                + (ids.size() > IDS_LISTED ? " and " + (ids.size() - IDS_LISTED) + " more" : "");
        return Optional.of("assertion '" + text + "': "
                + (byName > 1 ? byName + " nodes are called '" + node + "'; use the id of the one you mean"
                : "the flow has no node with the id or name '" + node + "'"
                + (ids.isEmpty() ? "" : "; its nodes are " + listed)));
    }

    /** A value of this assertion's metric as a person reads it: {@code 312.4ms}, {@code 17}. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "no value (nothing was measured)";
        }
        if (metric.isLatency()) {
            // Exact to the microsecond, so a verdict never looks contradicted by rounding.
            return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + "ms";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value) + (metric == Metric.RATE ? "/s" : "");
        }
        return String.format(java.util.Locale.ROOT, "%.3f", value) + (metric == Metric.RATE ? "/s" : "");
    }
}
