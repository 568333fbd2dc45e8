// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import java.util.List;
import java.util.Objects;

/**
 * How a learner's flow did on a challenge.
 *
 * @param verdict met, missed, or could not be checked
 * @param goals each goal with its figure, in the lesson's order; empty when the flow could not run
 * @param problems why the flow could not be checked (its errors, a goal's node it lacks, a run
 *                 limit reached), each a sentence; empty when it ran
 * @param simulatedSeconds how much virtual time the flow ran for
 */
public record ExerciseResult(Verdict verdict, List<GoalResult> goals, List<String> problems, double simulatedSeconds) {
    /** The outcome as a whole. */
    public enum Verdict {
        /** Every goal is met. */
        MET,
        /** The flow ran, and at least one goal is missed. */
        MISSED,
        /** The flow has errors, lacks a node a goal names, or reached a run limit. */
        NOT_CHECKED
    }

    public ExerciseResult {
        Objects.requireNonNull(verdict, "verdict");
        goals = List.copyOf(goals);
        problems = List.copyOf(problems);
    }

    /** True when every goal is met. */
    public boolean met() {
        return verdict == Verdict.MET;
    }
}
