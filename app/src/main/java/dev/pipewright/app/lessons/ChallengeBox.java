// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.lessons;

import atlantafx.base.theme.Styles;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.report.Exercise;
import dev.pipewright.engine.report.ExerciseResult;
import dev.pipewright.engine.report.GoalResult;
import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.Challenge;
import dev.pipewright.model.lesson.RunTime;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A lesson's challenge: the task, and "Check my solution", which runs the flow on the canvas
 * (the learner's, edits and all) in the background with {@link Exercise} and then says, goal by
 * goal, met or missed and by how much. The FX thread never waits for the run.
 */
final class ChallengeBox extends VBox {
    private final Challenge challenge;
    private final Supplier<Flow> flow;
    private final Executor background;
    private final Executor fx;
    private final Button check = new Button("Check my solution", new FontIcon("mdi2c-check-decagram-outline"));
    private final VBox result = new VBox(4);
    /** Counts the checks, so an answer that comes after a newer question is dropped. */
    private int asked;

    ChallengeBox(Challenge challenge, Supplier<Flow> flow, Executor background, Executor fx) {
        super(8);
        this.challenge = Objects.requireNonNull(challenge, "challenge");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        setId("lesson-challenge");
        getStyleClass().add("lesson-challenge");
        Label title = new Label("Challenge", new FontIcon("mdi2f-flag-checkered"));
        title.getStyleClass().add("lesson-section");
        Label text = new Label(challenge.text());
        text.setWrapText(true);
        text.getStyleClass().add("lesson-challenge-text");
        Label how = new Label("Change the flow until it meets the goal, then check: the flow is run for "
                + RunTime.words(challenge.run()) + " of virtual time (seed " + challenge.seed() + ").");
        how.setWrapText(true);
        how.getStyleClass().add("lesson-hint");
        check.setId("lesson-check");
        check.getStyleClass().add(Styles.ACCENT);
        check.setOnAction(e -> runCheck());
        result.setId("lesson-check-result");
        getChildren().addAll(title, text, how, check, result);
    }

    private void runCheck() {
        int number = ++asked;
        Flow learners = flow.get();
        check.setDisable(true);
        result.getChildren().setAll(line("lesson-check-running", "mdi2t-timer-sand",
                "Running your flow for " + RunTime.words(challenge.run()) + " of virtual time…"));
        background.execute(() -> {
            ExerciseResult outcome;
            String failure = null;
            try {
                outcome = Exercise.check(challenge, learners, RunLimits.INTERACTIVE);
            } catch (RuntimeException e) {
                outcome = null;
                failure = e.getMessage();
            }
            ExerciseResult done = outcome;
            String why = failure;
            fx.execute(() -> {
                if (number == asked) {
                    show(done, why);
                }
            });
        });
    }

    private void show(ExerciseResult outcome, String failure) {
        check.setDisable(false);
        result.getChildren().clear();
        if (outcome == null) {
            result.getChildren().add(line("lesson-check-verdict", "mdi2a-alert-outline",
                    "The lesson's goal cannot be read: " + failure));
            return;
        }
        switch (outcome.verdict()) {
            case MET -> result.getChildren().add(verdict("mdi2c-check-circle-outline", "Well done: your flow meets the goal.",
                    Styles.SUCCESS));
            case MISSED -> result.getChildren().add(verdict("mdi2c-close-circle-outline", "Not yet: "
                    + missed(outcome) + " of " + outcome.goals().size() + (outcome.goals().size() == 1 ? " goal" : " goals")
                    + " missed.", Styles.WARNING));
            case NOT_CHECKED -> result.getChildren().add(verdict("mdi2a-alert-outline", "Your flow could not be checked:",
                    Styles.DANGER));
        }
        for (GoalResult goal : outcome.goals()) {
            Label l = line("lesson-goal", goal.met() ? "mdi2c-check" : "mdi2c-close", goal.describe());
            l.getStyleClass().add(goal.met() ? "lesson-goal-met" : "lesson-goal-missed");
            result.getChildren().add(l);
        }
        for (String problem : outcome.problems()) {
            result.getChildren().add(line("lesson-goal", "mdi2c-circle-small", problem));
        }
    }

    private static long missed(ExerciseResult outcome) {
        return outcome.goals().stream().filter(g -> !g.met()).count();
    }

    private static Label verdict(String icon, String text, String style) {
        Label l = line("lesson-check-verdict", icon, text);
        l.getStyleClass().addAll("lesson-verdict", style);
        return l;
    }

    private static Label line(String id, String icon, String text) {
        Label l = new Label(text, new FontIcon(icon));
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("lesson-result-line");
        return l;
    }
}
