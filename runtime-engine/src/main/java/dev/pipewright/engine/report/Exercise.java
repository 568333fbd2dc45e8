// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.RunLimitException;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.Challenge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a learner's flow against a lesson's challenge: a report made from a run, as
 * {@link Reports} makes one. It runs the flow on the simulator's virtual clock with the
 * challenge's seed for the challenge's run time, within the given {@link RunLimits}, and checks
 * each goal on the run's report with {@link Assertion}. Always the simulator: its clock and seed
 * give the same figures on every check, which a real broker could not. Blocks the calling thread
 * for the run, so the app calls it off the FX thread.
 */
public final class Exercise {
    private Exercise() {
    }

    /**
     * Runs {@code flow} for {@code challenge}.
     *
     * @throws dev.pipewright.engine.report.InvalidAssertionException when a goal does not parse
     *         (a fault of the lesson, not of the learner's flow)
     */
    public static ExerciseResult check(Challenge challenge, Flow flow, RunLimits limits) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(limits, "limits");
        List<Assertion> goals = Goals.parse(challenge);
        List<String> problems = new ArrayList<>();
        for (Assertion goal : goals) {
            // The learner removed or renamed a node the goal is about.
            goal.problemIn(flow).map(p -> p.replaceFirst("^assertion", "goal")
                    + " (keep the nodes the goals name)").ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return new ExerciseResult(ExerciseResult.Verdict.NOT_CHECKED, List.of(), problems, 0);
        }
        Simulation simulation;
        try {
            simulation = Simulation.create(flow, challenge.seed(), limits);
        } catch (FlowNotRunnableException e) {
            return new ExerciseResult(ExerciseResult.Verdict.NOT_CHECKED, List.of(), e.problems(), 0);
        }
        double seconds = challenge.run().toNanos() / 1e9;
        Optional<RunLimitException> stopped = Optional.empty();
        try {
            simulation.runFor(seconds);
        } catch (RunLimitException e) {
            stopped = Optional.of(e);
        }
        if (stopped.isPresent()) {
            return new ExerciseResult(ExerciseResult.Verdict.NOT_CHECKED, List.of(),
                    List.of("the run stopped after " + seconds(simulation.now()) + " of " + seconds(seconds)
                            + ": " + stopped.get().getMessage()), simulation.now());
        }
        RunReport report = Reports.from(flow, simulation.snapshot(), "virtual", challenge.seed());
        List<GoalResult> results = goals.stream().map(g -> {
            var r = g.check(report);
            return new GoalResult(g, r.passed(), r.actual());
        }).toList();
        boolean allMet = results.stream().allMatch(GoalResult::met);
        return new ExerciseResult(allMet ? ExerciseResult.Verdict.MET : ExerciseResult.Verdict.MISSED, results, List.of(),
                simulation.now());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
