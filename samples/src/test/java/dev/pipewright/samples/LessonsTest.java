// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LessonsTest {
    private static final Path FLOWS = Path.of("flows");
    private static final Path FIXTURES = Path.of("src/test/resources/lesson-fixtures");

    private static List<Path> lessonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    private static Path flowBeside(Path md) {
        String name = md.getFileName().toString();
        return md.resolveSibling(name.substring(0, name.length() - ".md".length()) + ".flow.json");
    }

    /** The problems of every lesson in {@code dir}, each reviewed against the flow file beside it. */
    private static Map<String, List<String>> reviewAll(Path dir) throws IOException {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Path md : lessonFiles(dir)) {
            List<String> found = LessonReview.problems(md, flowBeside(md));
            if (!found.isEmpty()) {
                problems.put(md.getFileName().toString(), found);
            }
        }
        return problems;
    }

    @Test
    void everyLessonInTheSamplesPassesTheReview() throws IOException {
        assertThat(reviewAll(FLOWS)).isEmpty();
    }

    @Test
    void lessonsWithoutTheirFlowBesideThemFailTheReview() throws IOException {
        assertThat(reviewAll(FIXTURES)).containsOnlyKeys("bad-lesson.md", "dead-letter-queue.md");
    }

    @Test
    void theCatalogGivesTheLessonOfEverySampleThatHasOne() {
        for (SampleCatalog.Sample sample : SampleCatalog.all()) {
            boolean present = Files.exists(FLOWS.resolve(sample.resource().replace(".flow.json", ".md")));
            assertThat(sample.lesson().isPresent()).as(sample.id()).isEqualTo(present);
            sample.lesson().ifPresent(l -> assertThat(l.flowFile()).isEqualTo(sample.resource()));
        }
    }

    @Test
    void aGoodLessonPassesTheReview() {
        assertThat(LessonReview.problems(FIXTURES.resolve("dead-letter-queue.md"), FLOWS.resolve("dead-letter-queue.flow.json")))
                .isEmpty();
    }

    @Test
    void theReviewNamesEveryFaultOfABadLesson() {
        List<String> problems = LessonReview.problems(FIXTURES.resolve("bad-lesson.md"), FLOWS.resolve("bad-lesson.flow.json"));

        assertThat(problems).containsExactly(
                "names the flow dead-letter-queue.flow.json, not its own bad-lesson.flow.json",
                "has no flow file bad-lesson.flow.json beside it");
        assertThat(LessonReview.problems(FIXTURES.resolve("bad-lesson.md"), FLOWS.resolve("dead-letter-queue.flow.json")))
                .containsExactly(
                        "its title 'Dead letters' is not its flow's name 'Dead-letter queue'",
                        "has no section '## What to watch'",
                        "has no section '## Trade-offs'",
                        "has 4 steps to try; a lesson has 2 or 3",
                        "try: step 1: action 'crash payments': 'payments' is a queue, and crash acts on a consumer",
                        "challenge goal 1: assertion 'payments-dlq.speed == 3': unknown metric 'speed'; use one of "
                                + dev.pipewright.engine.report.Metric.allWords(),
                        "challenge goal 2: assertion 'ghost.count == 0': the flow has no node with the id or name 'ghost';"
                                + " its nodes are payment-requests, payments, payment-processor, payments-dlq");
    }
}
