// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LessonFilesTest {
    private static final String HEAD = "---\ntitle: T\ntopic: Basics\nflow: t.flow.json\norder: 10\n";
    private static final String STEPS = "try:\n  - text: one\n  - text: two\n";

    private static String fixture(String name) throws IOException {
        try (InputStream in = LessonFilesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LessonFileException refusal(String text) {
        try {
            LessonFiles.read(text, "x.md");
        } catch (LessonFileException e) {
            return e;
        }
        throw new AssertionError("the lesson was read, but should have been refused");
    }

    @Test
    void readsEveryPartOfALesson() throws Exception {
        Lesson lesson = LessonFiles.read(fixture("good.md"), "good.md");

        assertThat(lesson.title()).isEqualTo("Dead-letter queue");
        assertThat(lesson.topic()).isEqualTo(LessonTopic.RELIABILITY);
        assertThat(lesson.flowFile()).isEqualTo("dead-letter-queue.flow.json");
        assertThat(lesson.order()).isEqualTo(90);
        assertThat(lesson.steps()).hasSize(3);
        assertThat(lesson.steps().get(0).action()).contains(
                new LessonAction(LessonAction.Kind.CRASH, "payment-processor", List.of()));
        assertThat(lesson.steps().get(1).action()).contains(
                new LessonAction(LessonAction.Kind.RATE, "payment-requests", List.of(60.0)));
        assertThat(lesson.steps().get(2).action()).isEmpty();
        Challenge c = lesson.challenge().orElseThrow();
        assertThat(c.run()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.goals()).containsExactly("payments-dlq.count == 3");
        assertThat(lesson.body()).startsWith("A dead-letter queue keeps");
        assertThat(lesson.bodyBlocks().headings()).containsExactly("What to watch", "Trade-offs");
    }

    @Test
    void bodyKeepsBoldCodeBulletsAndNumberedItems() throws Exception {
        LessonBody body = LessonFiles.read(fixture("good.md"), "good.md").bodyBlocks();

        assertThat(body.blocks().get(0)).isInstanceOf(LessonBody.Paragraph.class);
        assertThat(body.blocks().get(0).spans()).extracting(LessonBody.Span::style).containsExactly(
                LessonBody.Style.PLAIN, LessonBody.Style.BOLD, LessonBody.Style.PLAIN, LessonBody.Style.CODE,
                LessonBody.Style.PLAIN);
        assertThat(body.blocks()).filteredOn(b -> b instanceof LessonBody.Bullet).hasSize(2);
        assertThat(body.blocks()).filteredOn(b -> b instanceof LessonBody.Numbered).extracting(LessonBody.Block::plainText)
                .containsExactly("someone must look at it", "poison messages are retried first");
    }

    @Test
    void aStepWithoutTextIsRefusedWithItsLine() throws Exception {
        assertThatThrownBy(() -> LessonFiles.read(fixture("step-without-text.md"), "dead-letter-queue.md"))
                .isInstanceOf(LessonFileException.class)
                .hasMessage("dead-letter-queue.md line 8: try: step 2 has no text; write '- text: ...'");
    }

    @Test
    void aFileWithoutFrontMatterSaysHowALessonStarts() throws Exception {
        assertThatThrownBy(() -> LessonFiles.read(fixture("no-front-matter.md"), "p.md"))
                .hasMessageStartingWith("p.md line 1: no front matter: a lesson starts with front matter between two '---' lines");
        assertThat(refusal(HEAD + STEPS + "\nText.\n").getMessage()).contains("no closing '---' line");
    }

    @Test
    void unknownKeysAreRefusedAtEveryLevel() {
        assertThat(refusal(HEAD + "colour: red\n" + STEPS + "---\nText.").getMessage())
                .isEqualTo("x.md line 6: unknown key 'colour'; a lesson's front matter has challenge, flow, order, title, topic, try");
        assertThat(refusal(HEAD + "try:\n  - text: one\n    actoin: crash c\n---\nText.").getMessage())
                .startsWith("x.md line 8: unknown key 'actoin'; a step has");
        assertThat(refusal(HEAD + STEPS + "challenge:\n  text: t\n  run: 1s\n  goals: [a.count == 1]\n  time: 3\n---\nT")
                .getMessage()).startsWith("x.md line 13: unknown key 'time'; a challenge has");
    }

    @Test
    void missingAndWrongValuesSayWhatToWrite() {
        assertThat(refusal("---\ntopic: Basics\nflow: t.flow.json\norder: 1\n" + STEPS + "---\nT").getMessage())
                .isEqualTo("x.md line 2: title is missing; write e.g. 'title: Dead-letter queue'");
        assertThat(refusal(HEAD.replace("Basics", "Cooking") + STEPS + "---\nT").getMessage())
                .contains("line 3: topic: 'Cooking' is not a topic; use one of Basics, Scaling, Reliability");
        assertThat(refusal(HEAD.replace("t.flow.json", "../etc/passwd") + STEPS + "---\nT").getMessage())
                .contains("line 4: flow: '../etc/passwd' must be the name of a .flow.json file beside the lesson");
        assertThat(refusal(HEAD.replace("10", "ten") + STEPS + "---\nT").getMessage())
                .contains("line 5: order must be a whole number");
        assertThat(refusal(HEAD + "try:\n  - text: one\n    action: explode c\n---\nT").getMessage())
                .contains("line 8: try: step 1: unknown action 'explode'; use one of add-instance");
        assertThat(refusal(HEAD + "try:\n  - text: one\n    action: rate s fast\n---\nT").getMessage())
                .contains("PER_SECOND must be a plain number");
        assertThat(refusal(HEAD + STEPS + "challenge:\n  text: t\n  run: 60\n  goals: [a.count == 1]\n---\nT").getMessage())
                .contains("line 11: challenge run needs a unit");
        assertThat(refusal(HEAD + STEPS + "challenge:\n  text: t\n  run: 2h\n  goals: [a.count == 1]\n---\nT").getMessage())
                .contains("at most 1h");
        assertThat(refusal(HEAD.replace("title: T", "title: yes") + STEPS + "---\nT").getMessage())
                .contains("put the text in quotes");
        assertThat(refusal(HEAD + STEPS + "---\n\n").getMessage()).contains("the lesson has no text after its front matter");
    }

    @Test
    void capsStepsGoalsAndTextLengths() {
        String eleven = "try:\n" + "  - text: s\n".repeat(11);
        assertThat(refusal(HEAD + eleven + "---\nT").getMessage()).contains("try has 11 steps; a lesson has at most 10");
        String goals = "  goals:\n" + "    - a.count == 1\n".repeat(21);
        assertThat(refusal(HEAD + STEPS + "challenge:\n  text: t\n  run: 1s\n" + goals + "---\nT").getMessage())
                .contains("challenge has 21 goals; at most 20");
        assertThat(refusal(HEAD.replace("title: T", "title: " + "t".repeat(101)) + STEPS + "---\nT").getMessage())
                .contains("title is longer than 100 characters");
    }

    @Test
    @Timeout(5)
    void aHugeFileIsRefusedBeforeItIsParsed() {
        String huge = HEAD + STEPS + "---\n" + "x".repeat(LessonFiles.MAX_BYTES);
        assertThat(refusal(huge).getMessage()).isEqualTo("x.md: is larger than 256 KB, more than any lesson needs;"
                + " keep a lesson to a page or two");
    }

    @Test
    void aHugeFileOnDiskIsNotReadWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.md");
        Files.writeString(file, HEAD + STEPS + "---\n" + "x".repeat(10 * LessonFiles.MAX_BYTES));
        assertThatThrownBy(() -> LessonFiles.read(file)).hasMessageContaining("is larger than 256 KB");
    }

    @Test
    @Timeout(5)
    void deeplyNestedYamlIsRefused() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        assertThat(refusal(HEAD + "challenge: " + deep + "\n" + STEPS + "---\nT").getMessage()).contains("x.md line");
        String block = new StringBuilder().append("challenge:\n").append(nested(40)).toString();
        assertThat(refusal(HEAD + STEPS + block + "---\nT").getMessage()).contains("x.md line");
    }

    private static String nested(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return sb.append("  ".repeat(depth + 1)).append("v\n").toString();
    }

    @Test
    @Timeout(5)
    void aliasBombsAreRefusedWithoutExpanding() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        LessonFileException e = refusal("---\n" + bomb + "---\nT");
        assertThat(e.getMessage()).contains("anchors and aliases");
        assertThat(refusal(HEAD + "try:\n  - &s {text: one}\n  - *s\n---\nT").getMessage()).contains("anchors and aliases");
    }

    @Test
    void controlCharactersAreRefusedAndNeverEchoed() {
        LessonFileException e = refusal(HEAD + STEPS + "---\nText with a bell \u0007 and an escape \u001b[31m.");
        assertThat(e.getMessage()).isEqualTo("x.md line 10: holds the invisible character \\u0007; delete it (a lesson is plain text)");
        assertThat(refusal("\uFEFF" + HEAD + STEPS + "---\nT").getMessage()).contains("\\ufeff");
        assertThat(refusal(HEAD + STEPS + "---\nbidi \u202e override").getMessage()).contains("\\u202e");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(refusal(HEAD + "title: U\n" + STEPS + "---\nT").getMessage()).contains("line 6").contains("Duplicate field 'title'");
    }

    @Test
    void windowsLineEndsAreRead() throws Exception {
        Lesson lesson = LessonFiles.read((HEAD + STEPS + "---\nSome text.\n\n## What to watch\n- a\n").replace("\n", "\r\n"), "w.md");
        assertThat(lesson.title()).isEqualTo("T");
        assertThat(lesson.bodyBlocks().headings()).containsExactly("What to watch");
    }

    @Test
    void checkNamesActionsOnMissingNodesAndNodesOfTheWrongKind() throws Exception {
        Lesson lesson = LessonFiles.read(HEAD + "try:\n  - text: a\n    action: crash workers\n  - text: b\n    action: crash orders\n"
                + "  - text: c\n    action: rate ghost 5\n  - text: d\n    action: flood orders-in 3 10\n---\nT", "x.md");
        Flow flow = new Flow(new FlowInfo("T", ""), List.of(
                Source.of("orders-in", "Orders in", new Position(0, 0)), Queue.of("orders", "Orders", new Position(0, 0)),
                Consumer.of("workers", "Workers", new Position(0, 0))), List.of());

        assertThat(lesson.check(flow)).containsExactly(
                "try: step 2: action 'crash orders': 'orders' is a queue, and crash acts on a consumer",
                "try: step 3: action 'rate ghost 5': the flow has no node with the id 'ghost'");
    }

    @Test
    void runTimesReadAsALearnerSaysThem() {
        assertThat(RunTime.words(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(RunTime.words(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(RunTime.words(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(RunTime.words(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
