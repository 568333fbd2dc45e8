// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.lessons;

import atlantafx.base.theme.Styles;
import dev.pipewright.app.live.RunController;
import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonStep;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Lessons tab: the lessons by topic, and the lesson being followed beside the canvas with its
 * text, its steps (each with a button that does the step on the running flow) and its challenge.
 * Opening a lesson is the window's job ({@code open}: it opens the flow as File ▸ Open Sample
 * does, asking about unsaved changes, then calls {@link #show}). The panel never edits the flow.
 */
public final class LessonsPanel extends ScrollPane {
    private final LessonLibrary library;
    private final Consumer<LessonLibrary.Entry> open;
    private final Supplier<Flow> currentFlow;
    private final StepActions steps;
    private final Consumer<String> tell;
    private final Executor background;
    private final Executor fx;
    private final VBox content = new VBox(12);
    private LessonLibrary.Entry showing;

    /**
     * @param open opens an entry's flow and then shows it here (or not, when the person keeps unsaved work)
     * @param currentFlow the flow on the canvas, which step buttons act on and a challenge checks
     * @param tell shows a sentence in the status line
     * @param background where a challenge's run goes
     * @param fx the FX thread, for the answer
     */
    public LessonsPanel(LessonLibrary library, RunController run, Consumer<LessonLibrary.Entry> open,
                        Supplier<Flow> currentFlow, Consumer<String> tell, Executor background, Executor fx) {
        this.library = Objects.requireNonNull(library, "library");
        this.open = Objects.requireNonNull(open, "open");
        this.currentFlow = Objects.requireNonNull(currentFlow, "currentFlow");
        this.steps = new StepActions(run);
        this.tell = Objects.requireNonNull(tell, "tell");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        setId("lessons-panel");
        getStyleClass().addAll("lessons-panel", "edge-to-edge");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        content.getStyleClass().add("lessons-content");
        setContent(content);
        showList();
    }

    /** The entry whose lesson is shown, or empty while the list shows. */
    public Optional<LessonLibrary.Entry> showing() {
        return Optional.ofNullable(showing);
    }

    /** Shows the list of lessons by topic. */
    public void showList() {
        boolean focused = focusInside();
        showing = null;
        Label title = new Label("Lessons");
        title.getStyleClass().add("lesson-title");
        Label intro = new Label("Each lesson opens a flow that shows one messaging pattern at work. Read it, press play,"
                + " and try its steps on the running flow.");
        intro.setWrapText(true);
        intro.getStyleClass().add("lesson-hint");
        content.getChildren().setAll(title, intro);
        for (Map.Entry<String, List<LessonLibrary.Entry>> group : library.byGroup().entrySet()) {
            Label topic = new Label(group.getKey());
            topic.getStyleClass().add("lesson-topic");
            VBox items = new VBox(2);
            for (LessonLibrary.Entry e : group.getValue()) {
                items.getChildren().add(listItem(e));
            }
            content.getChildren().addAll(topic, items);
        }
        setVvalue(0);
        keepFocus(focused, content.lookup(".lesson-list-item"));
    }

    /** True when the focus is on something in this panel, which a rebuild is about to take away. */
    private boolean focusInside() {
        javafx.scene.Node owner = getScene() == null ? null : getScene().getFocusOwner();
        for (javafx.scene.Node n = owner; n != null; n = n.getParent()) {
            if (n == this) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives the focus to {@code next} when the panel had it: the button pressed has left the scene,
     * and the focus would otherwise jump to the toolbar's seed field.
     */
    private static void keepFocus(boolean focused, javafx.scene.Node next) {
        if (focused && next != null) {
            next.requestFocus();
        }
    }

    private Button listItem(LessonLibrary.Entry e) {
        Button b = new Button(e.lesson().map(Lesson::title).orElse(e.title()));
        b.setId("lesson-open-" + e.sampleId());
        b.getStyleClass().addAll(Styles.FLAT, "lesson-list-item");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        b.setGraphic(new FontIcon(e.lesson().isEmpty() ? "mdi2f-file-outline"
                : e.lesson().get().challenge().isPresent() ? "mdi2f-flag-checkered" : "mdi2s-school-outline"));
        b.setOnAction(ev -> open.accept(e));
        return b;
    }

    /** Shows the lesson of {@code entry} (or that it has none yet), from the top. */
    public void show(LessonLibrary.Entry entry) {
        boolean focused = focusInside();
        showing = Objects.requireNonNull(entry, "entry");
        Button back = new Button("All lessons", new FontIcon("mdi2c-chevron-left"));
        back.setId("lesson-back");
        back.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        back.setOnAction(e -> showList());
        Label topic = new Label(entry.group());
        topic.getStyleClass().add("lesson-topic");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, back, gap, topic);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label(entry.lesson().map(Lesson::title).orElse(entry.title()));
        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        content.getChildren().setAll(bar, title);
        if (entry.lesson().isEmpty()) {
            Label none = new Label("No lesson for this flow yet");
            none.setId("lesson-none");
            none.getStyleClass().add("lesson-section");
            Label about = new Label("The flow is open on the canvas, and the banner above it says what it shows."
                    + " Press play to watch it run.");
            about.setWrapText(true);
            about.getStyleClass().add("lesson-hint");
            content.getChildren().addAll(none, about);
        } else {
            Lesson lesson = entry.lesson().get();
            content.getChildren().add(MarkdownView.of(lesson.bodyBlocks()));
            content.getChildren().add(stepsBox(lesson));
            lesson.challenge().ifPresent(c -> content.getChildren().add(new ChallengeBox(c, currentFlow, background, fx)));
        }
        setVvalue(0);
        keepFocus(focused, back);
    }

    private VBox stepsBox(Lesson lesson) {
        VBox box = new VBox(8);
        box.setId("lesson-steps");
        box.getStyleClass().add("lesson-steps");
        Label title = new Label("Try this", new FontIcon("mdi2g-gesture-tap"));
        title.getStyleClass().add("lesson-section");
        box.getChildren().add(title);
        for (int i = 0; i < lesson.steps().size(); i++) {
            LessonStep step = lesson.steps().get(i);
            Label number = new Label(Integer.toString(i + 1));
            number.getStyleClass().add("lesson-step-number");
            number.setMinWidth(Region.USE_PREF_SIZE);
            Label text = new Label(step.text());
            text.setWrapText(true);
            text.getStyleClass().add("lesson-step-text");
            VBox body = new VBox(4, text);
            HBox.setHgrow(body, Priority.ALWAYS);
            int index = i + 1;
            step.action().ifPresentOrElse(action -> {
                Button doIt = new Button(StepActions.buttonText(action), new FontIcon("mdi2p-play-outline"));
                doIt.setId("lesson-step-" + index);
                doIt.getStyleClass().add(Styles.SMALL);
                doIt.setOnAction(e -> steps.perform(action, currentFlow.get()).ifPresent(tell));
                body.getChildren().add(doIt);
            }, () -> {
                Label byHand = new Label("Do this one by hand.");
                byHand.setWrapText(true);
                byHand.getStyleClass().add("lesson-hint");
                body.getChildren().add(byHand);
            });
            HBox row = new HBox(10, number, body);
            row.getStyleClass().add("lesson-step");
            box.getChildren().add(row);
        }
        return box;
    }
}
