// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import java.util.Objects;

/**
 * One goal of a challenge checked on a run of the learner's flow.
 *
 * @param goal the goal as an assertion
 * @param met whether the run meets it
 * @param actual the figure the run gave, in the metric's unit (NaN when nothing was measured)
 */
public record GoalResult(Assertion goal, boolean met, double actual) {
    public GoalResult {
        Objects.requireNonNull(goal, "goal");
    }

    /**
     * The goal, the figure and, when missed, by how much, for a person: {@code payments-dlq.count
     * is 5, wanted == 3: 2 too many}, or {@code ... wanted == 3: met}.
     */
    public String describe() {
        String head = goal.node() + "." + goal.metric().word() + " is " + goal.format(actual) + ", wanted "
                + goal.operator().symbol() + " " + goal.format(goal.expected());
        return head + ": " + (met ? "met" : miss());
    }

    /** By how much the figure missed, in words. */
    public String miss() {
        if (met) {
            return "";
        }
        if (Double.isNaN(actual)) {
            return "nothing was measured there, so the run gave no figure to compare";
        }
        double gap = Math.abs(actual - goal.expected());
        return switch (goal.operator()) {
            case NE -> "equal to it, and it must differ";
            case EQ -> amount(gap) + " " + (actual > goal.expected() ? more() : less());
            case LT -> gap == 0 ? "exactly at the limit, and it must be below it" : amount(gap) + " " + more();
            case LE -> amount(gap) + " " + more();
            case GT -> gap == 0 ? "exactly at the limit, and it must be above it" : amount(gap) + " " + less();
            case GE -> amount(gap) + " " + less();
        };
    }

    private String amount(double gap) {
        return goal.format(gap);
    }

    private String more() {
        Metric m = goal.metric();
        return m.isLatency() ? "too slow" : m == Metric.RATE ? "too high" : "too many";
    }

    private String less() {
        Metric m = goal.metric();
        return m.isLatency() ? "too fast" : m == Metric.RATE ? "too low" : "too few";
    }
}
