// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.FxTools;
import dev.pipewright.app.export.DiagramExport;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonBody;
import dev.pipewright.model.lesson.LessonTopic;
import dev.pipewright.samples.SampleCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;

/**
 * Makes {@code docs/patterns.md}: every sample with a lesson, by topic, with a picture of its
 * canvas a few seconds into a run (made headless, {@code docs/screenshots/patterns/ID.png}) and
 * the first paragraph of its lesson. Run from the repository root with the app's test class path:
 * {@code java -cp <test class path> dev.pipewright.app.live.PatternShots}.
 */
public final class PatternShots {
    private static final double SPEED = 2;
    private static final long RUN_MILLIS = 3_000;

    private PatternShots() {
    }

    private record Shot(SampleCatalog.Sample sample, Lesson lesson) {
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Path pictures = docs.resolve("screenshots/patterns");
        Files.createDirectories(pictures);
        Path home = Files.createTempDirectory("pipewright-pattern-shots");
        FxTools.startHeadless();
        List<Shot> shots = new ArrayList<>();
        for (SampleCatalog.Sample sample : SampleCatalog.all()) {
            var lesson = sample.lesson();
            if (lesson.isPresent()) {
                shoot(home, sample.id(), pictures.resolve(sample.id() + ".png"));
                shots.add(new Shot(sample, lesson.get()));
            }
        }
        Files.writeString(docs.resolve("patterns.md"), page(shots), StandardCharsets.UTF_8);
        Platform.exit();
    }

    /** Opens a sample, plays it at {@link #SPEED}x for {@link #RUN_MILLIS} of wall time, and shoots its canvas. */
    private static void shoot(Path home, String sampleId, Path file) throws Exception {
        MainWindow[] window = {SampleWindow.open(sampleId, home)};
        FxTools.settle(5);
        onFx(() -> {
            window[0].live().run().speedProperty().set(SpeedChoice.paced(SPEED));
            window[0].live().run().play();
            window[0].canvas().fitToWindow();
        });
        Thread.sleep(RUN_MILLIS);
        onFx(() -> {
            try {
                DiagramExport.writePng(window[0].canvas().snapshot(new SnapshotParameters(), null), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            window[0].live().close();
            window[0].stage().close();
        });
    }

    /** The page: a list of the patterns by topic, then a section per pattern. */
    static String page(List<Shot> shots) {
        StringBuilder md = new StringBuilder();
        md.append("# Messaging patterns, one lesson each\n\n")
                .append("Every pattern below is a sample flow with a lesson beside it (`samples/flows/NAME.flow.json` and\n")
                .append("`NAME.md`). Open one from the app's **Lessons** tab, or `./pipewright --sample NAME`; each\n")
                .append("lesson's figures are asserted on its sample by `samples/src/test/.../lessons/`. The pictures are\n")
                .append("the canvas a few seconds into a run, made by `PatternShots` (app test class path) on ")
                .append(LocalDate.now()).append(".\n\n");
        for (LessonTopic topic : LessonTopic.values()) {
            List<Shot> in = shots.stream().filter(s -> s.lesson().topic() == topic).toList();
            if (in.isEmpty()) {
                continue;
            }
            md.append("- **").append(topic.title()).append("**: ");
            md.append(String.join(", ", in.stream().map(s -> "[" + s.lesson().title() + "](#" + s.sample().id() + ")").toList()));
            md.append('\n');
        }
        for (Shot s : shots) {
            md.append("\n<a id=\"").append(s.sample().id()).append("\"></a>\n## ").append(s.lesson().title())
                    .append("\n\n*").append(s.lesson().topic().title()).append("* · `./pipewright --sample ")
                    .append(s.sample().id()).append("` · [lesson](../samples/flows/").append(s.sample().id())
                    .append(".md)").append(s.lesson().challenge().isEmpty() ? "" : " · with a challenge").append("\n\n")
                    .append(firstParagraph(s.lesson())).append("\n\n![").append(s.lesson().title())
                    .append(" running](screenshots/patterns/").append(s.sample().id()).append(".png)\n");
        }
        return md.toString();
    }

    private static String firstParagraph(Lesson lesson) {
        return lesson.bodyBlocks().blocks().stream().filter(b -> b instanceof LessonBody.Paragraph)
                .map(b -> {
                    StringBuilder text = new StringBuilder();
                    for (LessonBody.Span span : b.spans()) {
                        text.append(switch (span.style()) {
                            case BOLD -> "**" + span.text() + "**";
                            case CODE -> "`" + span.text() + "`";
                            case PLAIN -> span.text();
                        });
                    }
                    return text.toString();
                }).findFirst().orElse("");
    }
}
