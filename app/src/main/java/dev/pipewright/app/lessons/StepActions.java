// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.lessons;

import dev.pipewright.app.live.FaultActions;
import dev.pipewright.app.live.RunController;
import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.LessonAction;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out a lesson step's action on the running flow, as the Live tab's buttons do (through
 * the {@link RunController} and its {@link FaultActions}), starting the run first when it is not
 * playing. Nothing waits: the run answers on its own thread and the status line says what was done.
 */
final class StepActions {
    private final RunController run;

    StepActions(RunController run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    /**
     * Performs {@code action} on a run of {@code flow} (the flow on the canvas); returns why it
     * cannot be done, or empty when it was sent to the run.
     */
    Optional<String> perform(LessonAction action, Flow flow) {
        Optional<String> problem = action.problemIn(flow);
        if (problem.isPresent()) {
            return Optional.of("This step needs the flow of the lesson: " + problem.get().replaceFirst("^action '[^']*': ", "")
                    + ". Open the lesson again to start from its flow.");
        }
        if (!run.playingProperty().get()) {
            run.play();
            if (!run.playingProperty().get()) {
                return Optional.of("The flow can't run yet: see Problems.");
            }
        }
        String id = action.nodeId();
        FaultActions act = run.faultActions();
        switch (action.kind()) {
            case ADD_INSTANCE -> act.changeInstances(id, 1);
            case REMOVE_INSTANCE -> act.changeInstances(id, -1);
            case CRASH -> act.crashInstance(id);
            case RESTORE -> act.restoreAll(id);
            case PAUSE -> act.setConsumerPaused(id, true);
            case RESUME -> act.setConsumerPaused(id, false);
            case RATE -> act.setSourceRate(id, action.numbers().get(0));
            case FLOOD -> act.flood(id, action.numbers().get(0), action.numbers().get(1));
            case ENDPOINT_DOWN -> act.setEndpointDown(id, true);
            case ENDPOINT_UP -> act.setEndpointDown(id, false);
            case PUBLISH -> act.publishOne(id);
        }
        return Optional.empty();
    }

    /** The words of a step's button. */
    static String buttonText(LessonAction action) {
        return switch (action.kind()) {
            case ADD_INSTANCE -> "Add an instance";
            case REMOVE_INSTANCE -> "Remove an instance";
            case CRASH -> "Crash one";
            case RESTORE -> "Restore";
            case PAUSE -> "Pause";
            case RESUME -> "Resume";
            case RATE -> "Set the rate to " + plain(action.numbers().get(0)) + "/s";
            case FLOOD -> "Flood ×" + plain(action.numbers().get(0)) + " for " + plain(action.numbers().get(1)) + " s";
            case ENDPOINT_DOWN -> "Take it down";
            case ENDPOINT_UP -> "Bring it up";
            case PUBLISH -> "Publish one message";
        };
    }

    private static String plain(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
