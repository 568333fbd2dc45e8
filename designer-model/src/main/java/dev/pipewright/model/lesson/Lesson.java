// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import dev.pipewright.model.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lesson: the text that teaches one messaging pattern with the flow beside it, two or three
 * things to try on the running flow, and perhaps a challenge the learner's flow is checked
 * against. Read from a {@code NAME.md} file by {@link LessonFiles#read}.
 *
 * @param title the lesson's title, equal to its flow's name
 * @param topic the group it is listed under
 * @param flowFile the name of the flow file beside the lesson, e.g. {@code dead-letter-queue.flow.json}
 * @param order its place in the list of lessons (10, 20, 30 ...)
 * @param body the Markdown text after the front matter
 * @param steps the things to try, in order
 * @param challenge the exercise at the end, if there is one
 */
public record Lesson(String title, LessonTopic topic, String flowFile, int order, String body, List<LessonStep> steps,
                     Optional<Challenge> challenge) {
    public Lesson {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(flowFile, "flowFile");
        Objects.requireNonNull(body, "body");
        steps = List.copyOf(steps);
        Objects.requireNonNull(challenge, "challenge");
    }

    /** The body read as Markdown blocks. */
    public LessonBody bodyBlocks() {
        return LessonBody.parse(body);
    }

    /**
     * What in this lesson does not fit {@code flow}: each step action that names a node the flow
     * lacks or a node of another kind. Empty when every action fits. (The challenge's goals are
     * checked by the engine, which reads them.)
     */
    public List<String> check(Flow flow) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            int number = i + 1;
            steps.get(i).action().flatMap(a -> a.problemIn(flow)).ifPresent(p -> problems.add("try: step " + number + ": " + p));
        }
        return problems;
    }
}
