// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import dev.pipewright.engine.report.Goals;
import dev.pipewright.model.Flow;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowFiles;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonFileException;
import dev.pipewright.model.lesson.LessonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a shipped lesson must be, as the lesson format says: it reads, names the flow beside it
 * with the same name, has the title of that flow, the sections "What to watch" and
 * "Trade-offs", two or three steps, and every action and goal fits its flow.
 */
final class LessonReview {
    static final List<String> SECTIONS = List.of("What to watch", "Trade-offs");

    private LessonReview() {
    }

    /** Everything wrong with {@code md} as the lesson of {@code flowFile}; empty when nothing is. */
    static List<String> problems(Path md, Path flowFile) {
        List<String> problems = new ArrayList<>();
        Lesson lesson;
        try {
            lesson = LessonFiles.read(md);
        } catch (LessonFileException e) {
            return List.of(e.getMessage());
        }
        String own = flowFile.getFileName().toString();
        if (!lesson.flowFile().equals(own)) {
            problems.add("names the flow " + lesson.flowFile() + ", not its own " + own);
        }
        if (!Files.isRegularFile(flowFile)) {
            problems.add("has no flow file " + own + " beside it");
            return problems;
        }
        Flow flow;
        try {
            flow = FlowFiles.read(flowFile);
        } catch (FlowFileException e) {
            problems.add("its flow does not read: " + e.getMessage());
            return problems;
        }
        if (!lesson.title().equals(flow.info().name())) {
            problems.add("its title '" + lesson.title() + "' is not its flow's name '" + flow.info().name() + "'");
        }
        List<String> headings = lesson.bodyBlocks().headings();
        for (String section : SECTIONS) {
            if (!headings.contains(section)) {
                problems.add("has no section '## " + section + "'");
            }
        }
        if (lesson.steps().size() < 2 || lesson.steps().size() > 3) {
            problems.add("has " + lesson.steps().size() + " steps to try; a lesson has 2 or 3");
        }
        problems.addAll(lesson.check(flow));
        lesson.challenge().ifPresent(c -> problems.addAll(Goals.problems(c, flow)));
        return problems;
    }
}
