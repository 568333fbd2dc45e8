// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import java.util.Objects;
import java.util.Optional;

/**
 * One "try this" of a lesson: what to do, in words, and the action a button performs for the
 * learner, if there is one (a step without an action is done by hand, e.g. in the properties).
 *
 * @param text what the learner reads
 * @param action what the step's button does on the running flow, or empty
 */
public record LessonStep(String text, Optional<LessonAction> action) {
    public LessonStep {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
    }
}
