// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import dev.pipewright.model.edit.Edits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Lessons tab, the welcome and the empty canvas, as a learner uses them. Two lessons are the
 * fixtures in this module's test resources (dead-letter-queue with a challenge, and
 * competing-consumers with a step of each kind of button), which stand before the samples' own
 * on the class path; the other samples show their own lessons.
 */
@ExtendWith(ApplicationExtension.class)
class LessonsTest {
    private static final long TIMEOUT_SECONDS = 60;

    private Path home;
    private MainWindow window;
    private final FakeDialogs dialogs = new FakeDialogs();
    private final FakeFileDialogs files = new FakeFileDialogs();

    @Start
    void start(Stage stage) throws IOException {
        home = Files.createTempDirectory("pipewright-lessons").resolve("home");
        window = new MainWindow(stage, new AppHome(home), dialogs, files);
        stage.setWidth(1400);
        stage.setHeight(860);
        window.show(null);
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            window.live().close();
            return null;
        });
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
    }

    private <T extends Node> T find(String id, Class<T> type) {
        return type.cast(window.scene().lookup(id));
    }

    private void click(FxRobot robot, String id) {
        Button b = find(id, Button.class);
        assertThat(b).as(id).isNotNull();
        assertThat(b.isDisabled()).as(id + " is enabled").isFalse();
        robot.interact(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Chooses a menu item, as a click on it does. */
    private void menu(FxRobot robot, String menu, String... path) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        List<MenuItem> items = bar.getMenus().stream().filter(m -> m.getText().equals(menu)).findFirst().orElseThrow().getItems();
        MenuItem chosen = null;
        for (String step : path) {
            chosen = items.stream().filter(i -> step.equals(i.getText())).findFirst().orElseThrow();
            if (chosen instanceof Menu sub) {
                items = sub.getItems();
            }
        }
        robot.interact(chosen::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> texts(String styleClass) {
        return window.lessons().lookupAll("." + styleClass).stream().map(n -> ((Label) n).getText()).toList();
    }

    private String selectedSideTab() {
        return ((TabPane) window.scene().lookup("#side-tabs")).getSelectionModel().getSelectedItem().getId();
    }

    @Test
    void theLessonsTabListsTheLessonsByTopicInLearningOrder(FxRobot robot) {
        menu(robot, "Help", "Lessons");

        assertThat(selectedSideTab()).isEqualTo("tab-lessons");
        // Topics in the order of their first lesson in the catalogue; every sample has a lesson.
        List<String> topics = dev.pipewright.samples.SampleCatalog.all().stream()
                .map(s -> s.lesson().orElseThrow(() -> new AssertionError(s.id() + " has no lesson")).topic().title())
                .distinct().toList();
        assertThat(texts("lesson-topic")).containsExactlyElementsOf(topics)
                .doesNotContain(dev.pipewright.app.lessons.LessonLibrary.WITHOUT_LESSON);
        assertThat(find("#lesson-open-competing-consumers", Button.class).getText()).isEqualTo("Competing consumers");
        assertThat(find("#lesson-open-dead-letter-queue", Button.class)).isNotNull();
        assertThat(find("#lesson-open-point-to-point", Button.class)).isNotNull();
    }

    @Test
    void openingALessonOpensItsFlowWithTheTextBesideIt(FxRobot robot) {
        menu(robot, "Help", "Lessons");
        click(robot, "#lesson-open-dead-letter-queue");

        assertThat(window.state().flow().info().name()).isEqualTo("Dead-letter queue");
        assertThat(find("#lesson-title", Label.class).getText()).isEqualTo("Dead-letter queue");
        assertThat(texts("lesson-heading")).containsExactly("What to watch", "Trade-offs");
        assertThat(window.lessons().lookupAll(".lesson-bold")).extracting(n -> ((Text) n).getText()).contains("poison message");
        assertThat(window.lessons().lookupAll(".lesson-code")).extracting(n -> ((Text) n).getText().strip()).contains("payments");
        assertThat(find("#lesson-step-1", Button.class).getText()).isEqualTo("Crash one");
        assertThat(find("#lesson-step-2", Button.class).getText()).isEqualTo("Set the rate to 60/s");
        assertThat(find("#lesson-step-3", Button.class)).isNull(); // done by hand
        assertThat(find("#lesson-check", Button.class)).isNotNull();

        click(robot, "#lesson-back");
        assertThat(find("#lesson-open-dead-letter-queue", Button.class)).isNotNull();
    }

    @Test
    void openingALessonAsksAboutUnsavedWorkAndKeepsItWhenTheLearnerCancels(FxRobot robot) throws Exception {
        fx(() -> window.state().execute(Edits.addNode(NodeKind.QUEUE.create("mine", "Mine", new Position(100, 100)))));
        dialogs.saveAnswer = Dialogs.SaveChoice.CANCEL;
        menu(robot, "Help", "Lessons");
        click(robot, "#lesson-open-dead-letter-queue");

        assertThat(dialogs.saveQuestions).hasSize(1);
        assertThat(window.state().flow().node("mine")).isPresent();
        assertThat(window.lessons().showing()).isEmpty();

        dialogs.saveAnswer = Dialogs.SaveChoice.DONT_SAVE;
        click(robot, "#lesson-open-dead-letter-queue");
        assertThat(window.state().flow().info().name()).isEqualTo("Dead-letter queue");
    }

    @Test
    void aSampleWithoutALessonSaysSo(FxRobot robot) throws Exception {
        menu(robot, "Help", "Lessons");
        var flow = dev.pipewright.samples.SampleCatalog.byId("point-to-point").orElseThrow().load();
        fx(() -> {
            window.lessons().show(new dev.pipewright.app.lessons.LessonLibrary.Entry("mine", "My flow", Optional.empty(),
                    () -> flow));
            return null;
        });

        assertThat(find("#lesson-none", Label.class).getText()).isEqualTo("No lesson for this flow yet");
        assertThat(find("#lesson-title", Label.class).getText()).isEqualTo("My flow");
    }

    @Test
    void openingASampleWithALessonShowsItsLesson(FxRobot robot) {
        menu(robot, "File", "Open Sample", "Dead-letter queue");

        assertThat(window.lessons().showing()).map(e -> e.sampleId()).contains("dead-letter-queue");
    }

    @Test
    void stepButtonsStartTheRunAndDoTheStepOnIt(FxRobot robot) throws Exception {
        menu(robot, "Help", "Lessons");
        click(robot, "#lesson-open-competing-consumers");
        int instances = ((dev.pipewright.model.Consumer) window.state().flow().node("order-processor").orElseThrow()).instances();
        assertThat(window.live().run().latest()).isNull();

        click(robot, "#lesson-step-1");
        assertThat(window.live().run().playingProperty().get()).isTrue();
        waitUntil(() -> {
            Snapshot s = window.live().run().latest();
            return s != null && s.node("order-processor").busy() + s.node("order-processor").idle() == instances + 1;
        });

        click(robot, "#lesson-step-2");
        waitUntil(() -> window.live().run().latest().node("order-processor").crashed() == 1);

        click(robot, "#lesson-step-3");
        AtomicReference<Optional<Lineage>> followed = new AtomicReference<>(Optional.empty());
        waitUntil(() -> {
            window.live().run().publishedByHand("order-service", followed::set);
            return followed.get().isPresent();
        });
        assertThat(followed.get().get().hops().getFirst().detail()).isEqualTo("by hand");
        // The steps act on the run, never on the document.
        assertThat(window.state().canUndoProperty().get()).isFalse();
    }

    @Test
    void checkMySolutionSaysByHowMuchTheFlowMissesThenThatTheLearnersFixMeetsIt(FxRobot robot) throws Exception {
        menu(robot, "Help", "Lessons");
        click(robot, "#lesson-open-dead-letter-queue");

        click(robot, "#lesson-check");
        waitUntil(() -> find("#lesson-check", Button.class) != null && !find("#lesson-check", Button.class).isDisabled());
        assertThat(find("#lesson-check-verdict", Label.class).getText()).isEqualTo("Not yet: 1 of 1 goal missed.");
        assertThat(find("#lesson-goal", Label.class).getText()).matches("payments-dlq\\.count is \\d+, wanted <= 3: \\d+ too many");

        // The learner's fix, an undoable edit as the properties sheet makes it: more deliveries per payment.
        fx(() -> window.state().execute(Edits.setProperty("payments", "deliveryLimit", "Delivery limit", 10)));
        click(robot, "#lesson-check");
        waitUntil(() -> !find("#lesson-check", Button.class).isDisabled());
        assertThat(find("#lesson-check-verdict", Label.class).getText()).isEqualTo("Well done: your flow meets the goal.");
        assertThat(find("#lesson-goal", Label.class).getText()).isEqualTo("payments-dlq.count is 0, wanted <= 3: met");
        fx(() -> {
            window.state().undo();
            return null;
        });
        assertThat(window.state().canUndoProperty().get()).isFalse();
    }

    @Test
    void theWelcomeLeadsToTheFirstLessonOnceAndIsRemembered(FxRobot robot) throws Exception {
        fx(() -> {
            window.offerWelcome();
            return null;
        });
        assertThat(find("#welcome", Node.class)).isNotNull();

        click(robot, "#welcome-start");

        assertThat(find("#welcome", Node.class)).isNull();
        var first = dev.pipewright.samples.SampleCatalog.all().stream().filter(s -> s.lesson().isPresent()).findFirst()
                .orElseThrow();
        assertThat(window.state().flow().info().name()).isEqualTo(first.title());
        assertThat(window.lessons().showing()).map(e -> e.sampleId()).contains(first.id());
        assertThat(selectedSideTab()).isEqualTo("tab-lessons");
        assertThat(new AppSettings(new AppHome(home)).flag("welcome.shown", false)).isTrue();
        fx(() -> {
            window.offerWelcome();
            return null;
        });
        assertThat(find("#welcome", Node.class)).isNull();
    }

    @Test
    void anEmptyCanvasSaysHowToStartAndTheHintGoesWithTheFirstNode() throws Exception {
        Node hint = find("#empty-canvas-hint", Node.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.isMouseTransparent()).isTrue();
        assertThat(hint.lookupAll(".label")).extracting(n -> ((Label) n).getText())
                .anySatisfy(t -> assertThat(t).startsWith("Drag a Source from the palette"));

        fx(() -> window.state().execute(Edits.addNode(NodeKind.SOURCE.create("s", "S", new Position(100, 100)))));
        assertThat(hint.isVisible()).isFalse();
        fx(() -> {
            window.state().undo();
            return null;
        });
        assertThat(hint.isVisible()).isTrue();
    }

    @Test
    void publishOneMessageOnASourceIsFollowedHopByHopInTheLiveTab(FxRobot robot) throws Exception {
        menu(robot, "File", "Open Sample", "Point-to-point");
        String source = window.state().flow().nodes().stream().filter(n -> n.kind() == NodeKind.SOURCE)
                .findFirst().orElseThrow().id();
        fx(() -> {
            window.live().run().play();
            window.state().select(Selection.ofNodes(Set.of(source)));
            TabPane side = (TabPane) window.scene().lookup("#side-tabs");
            side.getSelectionModel().select(side.getTabs().stream().filter(t -> "tab-live".equals(t.getId())).findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        click(robot, "#live-publish-one");

        waitUntil(() -> find("#live-followed", TextArea.class).getText().startsWith("Message #"));
        waitUntil(() -> find("#live-followed", TextArea.class).getText().contains("completed"));
        assertThat(find("#live-followed", TextArea.class).getText()).contains("published", "by hand");
    }
}
