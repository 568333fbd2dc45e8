// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import java.util.Objects;

/**
 * The outcome of checking one {@link Assertion}.
 *
 * @param assertion what was checked
 * @param passed whether it held
 * @param actual the value the run produced, in the metric's unit
 */
public record AssertionResult(Assertion assertion, boolean passed, double actual) {
    public AssertionResult {
        Objects.requireNonNull(assertion, "assertion");
    }

    /** One line for a person: {@code FAILED orders.p99 < 200ms (actual 312.4ms)}. */
    public String describe() {
        return (passed ? "passed " : "FAILED ") + assertion.text() + " (actual " + assertion.format(actual) + ")";
    }
}
