// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.report.Exercise;
import dev.pipewright.engine.report.ExerciseResult;
import dev.pipewright.engine.report.GoalResult;
import dev.pipewright.engine.report.Goals;
import dev.pipewright.engine.report.InvalidAssertionException;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.Challenge;
import dev.pipewright.model.lesson.RunTime;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonFileException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code pipewright check --exercise LESSON FLOW}: runs FLOW for LESSON's challenge and prints
 * each goal met or missed, with the figure and by how much. Exit codes: 0 every goal met, 1 a
 * goal missed or the flow cannot be checked, 2 the lesson or flow cannot be used.
 */
final class ExerciseCheck {
    private ExerciseCheck() {
    }

    static int run(String lessonName, Path file, Broker broker, PrintWriter out, PrintWriter err) {
        Lesson lesson;
        try {
            lesson = LessonInput.read(lessonName);
        } catch (LessonFileException e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (lesson.challenge().isEmpty()) {
            err.println(lessonName + ": the lesson '" + lesson.title() + "' has no challenge to check; add one"
                    + " (challenge: text, run, goals) or name a lesson that has one");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        Challenge challenge = lesson.challenge().get();
        try {
            Goals.parse(challenge);
        } catch (InvalidAssertionException e) {
            err.println(lessonName + ": " + Messages.oneLine(e));
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        Flow flow = FlowInput.readOrTell(file, broker, err);
        if (flow == null) {
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        out.println("Exercise: " + lesson.title());
        out.println(challenge.text());
        out.println("Ran " + file + " for " + RunTime.words(challenge.run()) + " of virtual time (seed "
                + challenge.seed() + ").");
        ExerciseResult result = Exercise.check(challenge, flow, RunLimits.DEFAULTS);
        for (String problem : result.problems()) {
            err.println(file + ": " + problem);
        }
        if (result.verdict() == ExerciseResult.Verdict.NOT_CHECKED) {
            err.println(file + ": the flow could not be checked against the challenge; fix the above and check again");
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        int missed = 0;
        for (GoalResult goal : result.goals()) {
            out.println((goal.met() ? "met     " : "MISSED  ") + goal.describe());
            missed += goal.met() ? 0 : 1;
        }
        if (missed == 0) {
            out.println("The challenge is met.");
            return 0;
        }
        out.println("Not yet: " + missed + " of " + result.goals().size() + " goal" + (result.goals().size() == 1 ? "" : "s")
                + " missed.");
        return PipewrightCli.EXIT_FLOW_ERRORS;
    }
}
