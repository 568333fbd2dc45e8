// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/**
 * The whole main window driven as a person drives it: drag from the palette, wire ports, type in
 * the properties sheet, click the toolbar, use the menus' shortcuts. Dialogs and file choosers are
 * fakes, except where a test checks the real dialog.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private Path dir;
    private MainWindow window;
    private final FakeDialogs dialogs = new FakeDialogs();
    private final FakeFileDialogs files = new FakeFileDialogs();

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("pipewright-ui");
        window = new MainWindow(stage, new AppHome(dir.resolve("home")), dialogs, files);
        stage.setWidth(1400);
        stage.setHeight(860);
        window.show(null);
    }

    // ------------------------------------------------------------------ helpers a user's hand would need

    /** A point of the canvas' visible area, on the screen. */
    private Point2D onCanvas(double x, double y) {
        return window.canvas().localToScreen(x, y);
    }

    private Point2D centre(Bounds b) {
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private Point2D cardOf(String nodeId) {
        javafx.scene.Node view = window.canvas().nodeView(nodeId).orElseThrow();
        return centre(view.localToScreen(view.getBoundsInLocal()));
    }

    private Point2D portOf(String nodeId, Port port) {
        javafx.scene.Node view = window.canvas().nodeView(nodeId).orElseThrow();
        javafx.scene.Node portView = view.lookupAll(".port-" + port.word()).stream()
                .filter(n -> n.getStyleClass().contains("port-output")).findFirst().orElseThrow();
        return centre(portView.localToScreen(portView.getBoundsInLocal()));
    }

    private String dropFromPalette(FxRobot robot, NodeKind kind, double x, double y) {
        Set<String> before = window.state().flow().nodesById().keySet();
        robot.drag("#palette-" + kind.typeName(), MouseButton.PRIMARY).moveTo(onCanvas(x, y)).drop();
        return window.state().flow().nodes().stream().map(Node::id).filter(id -> !before.contains(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " was added"));
    }

    /** Adds a node the other way the palette offers: a double-click puts it in the middle of the view. */
    private String addFromPalette(FxRobot robot, NodeKind kind) {
        Set<String> before = window.state().flow().nodesById().keySet();
        DoubleClick.on(robot, robot.lookup("#palette-" + kind.typeName()).query());
        return window.state().flow().nodes().stream().map(Node::id).filter(id -> !before.contains(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " was added"));
    }

    private void wire(FxRobot robot, String from, Port port, String to) {
        robot.drag(portOf(from, port), MouseButton.PRIMARY).moveTo(cardOf(to)).drop();
    }

    private void setProperty(FxRobot robot, String nodeId, String property, String text) {
        robot.clickOn(cardOf(nodeId));
        robot.clickOn("#prop-" + property);
        shortcut(robot, KeyCode.A);
        robot.write(text).type(KeyCode.ENTER);
    }

    private void shortcut(FxRobot robot, KeyCode... keys) {
        KeyCode[] all = new KeyCode[keys.length + 1];
        all[0] = KeyCode.CONTROL;
        System.arraycopy(keys, 0, all, 1, keys.length);
        robot.push(all);
    }

    /**
     * Collects garbage until a throwaway object is gone, so whatever only weak references hold
     * (such as a read-only list view handed out per call) is gone too.
     */
    private static void collectGarbage() {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
        }
    }

    // ------------------------------------------------------------------ tests

    /** What a label shows on screen: its text, or less with an ellipsis where it is cut. */
    private static String shownText(FxRobot robot, String labelId) {
        Labeled label = robot.lookup(labelId).queryLabeled();
        return robot.from(label).lookup(".text").queryAs(javafx.scene.text.Text.class).getText();
    }

    @Test
    void aLongNoticeIsShownWholeAndALongStatusMessageIsTheOneThatIsCut(FxRobot robot) {
        robot.interact(() -> {
            window.stage().setX(0);
            window.stage().setWidth(900); // the narrowest the window goes
        });
        String consumer = dropFromPalette(robot, NodeKind.CONSUMER, 300, 200);
        robot.interact(() -> window.state().execute(dev.pipewright.model.edit.Edits.rename(consumer,
                "Consumer with a long name that says what it does in words")));
        robot.type(KeyCode.F5); // play

        String notice = robot.lookup("#run-notice").queryLabeled().getText();
        assertThat(notice).startsWith("The flow can't run yet").hasSizeGreaterThan(100);
        assertThat(shownText(robot, "#run-notice")).isEqualTo(notice);

        files.toSave = dir.resolve("a-flow-whose-file-name-is-long-enough-to-fill-the-status-bar-on-its-own-"
                + "and-then-some-more-words.flow.json");
        shortcut(robot, KeyCode.S);
        String message = robot.lookup("#status-message").queryLabeled().getText();
        assertThat(message).startsWith("Saved a-flow-whose");
        assertThat(shownText(robot, "#status-message")).startsWith("Saved").isNotEqualTo(message);
        assertThat(robot.lookup("#status-message").queryLabeled().getTooltip().getText()).isEqualTo(message);
        for (String field : List.of("#status-counts", "#status-selection", "#status-zoom", "#status-errors")) {
            assertThat(shownText(robot, field)).as(field).isEqualTo(robot.lookup(field).queryLabeled().getText());
        }
    }

    @Test
    void aSampleOpensWithItsDescriptionInFullAndItIsEditedAsOneUndoableStep(FxRobot robot) {
        Flow sample = Samples.find("dead-letter-queue").orElseThrow().flow().get();
        String description = sample.info().description();
        robot.interact(() -> window.documents().openUntitled(sample, "Dead-letter queue"));

        assertThat(robot.lookup("#flow-banner").query().isVisible()).isTrue();
        assertThat(shownText(robot, "#flow-banner-text")).isEqualTo(description);
        robot.clickOn("#flow-banner-close");
        assertThat(robot.lookup("#flow-banner").query().isVisible()).isFalse();

        javafx.scene.control.TextArea field = robot.lookup("#prop-description").queryAs(javafx.scene.control.TextArea.class);
        assertThat(field.getText()).isEqualTo(description);
        assertThat(field.isWrapText()).isTrue();
        robot.clickOn(field).push(KeyCode.CONTROL, KeyCode.END).write(" Watch the dead-letter count.");
        robot.clickOn("#prop-flowName"); // leaving the field commits it
        assertThat(window.state().flow().info().description()).isEqualTo(description + " Watch the dead-letter count.");
        robot.clickOn("#tool-undo");
        assertThat(window.state().flow().info().description()).isEqualTo(description);
    }

    @Test
    void theBrokerRulesAreChosenInTheFlowsPropertiesAsOneUndoableStepThatKeepsTheName(FxRobot robot) {
        Flow sample = Samples.find("dead-letter-queue").orElseThrow().flow().get();
        robot.interact(() -> window.documents().openUntitled(sample, "Dead-letter queue"));

        robot.clickOn("#prop-broker");
        robot.clickOn("RabbitMQ");
        assertThat(window.state().flow().info().broker()).isEqualTo(dev.pipewright.model.Broker.RABBITMQ);
        assertThat(window.state().flow().info().name()).isEqualTo(sample.info().name());
        assertThat(window.state().undoTextProperty().get()).isEqualTo("Undo Use RabbitMQ rules");
        robot.clickOn("#tool-undo");
        assertThat(window.state().flow().info().broker()).isEqualTo(dev.pipewright.model.Broker.GENERIC);
    }

    @Test
    void aSelectedNodesWholeNameIsInThePropertiesHeader(FxRobot robot) {
        String queue = addFromPalette(robot, NodeKind.QUEUE);
        String name = "Payments waiting for the card processor to answer";
        setProperty(robot, queue, "name", name);

        assertThat(window.state().flow().node(queue).orElseThrow().name()).isEqualTo(name);
        assertThat(shownText(robot, "#properties-title")).isEqualTo(name);
    }

    @Test
    void theStatusBarCountsTheProblemsTheProblemsTabShows(FxRobot robot) {
        collectGarbage();
        dropFromPalette(robot, NodeKind.SOURCE, 140, 160);
        dropFromPalette(robot, NodeKind.QUEUE, 380, 160);
        dropFromPalette(robot, NodeKind.CONSUMER, 640, 160);
        robot.interact(window.problems()::recheck);

        assertThat(robot.lookup("#problems-errors").queryLabeled().getText()).isEqualTo("1 error");
        assertThat(robot.lookup("#problems-warnings").queryLabeled().getText()).isEqualTo("2 warnings");
        assertThat(robot.lookup("#status-errors").queryLabeled().getText()).isEqualTo("1");
        assertThat(robot.lookup("#status-warnings").queryLabeled().getText()).isEqualTo("2");
    }

    @Test
    void aSavedFileIsListedUnderOpenRecent(FxRobot robot) {
        collectGarbage();
        dropFromPalette(robot, NodeKind.QUEUE, 300, 200);
        files.toSave = dir.resolve("orders.flow.json");
        shortcut(robot, KeyCode.S);

        robot.interact(() -> window.stage().setX(0)); // the menu bar's left end on the screen, where a hand can reach
        robot.clickOn("File").clickOn("Open Recent");
        assertThat(robot.lookup((javafx.scene.Node n) -> n instanceof Labeled l && l.isVisible()
                && l.getText() != null && l.getText().startsWith("orders.flow.json")).tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE).type(KeyCode.ESCAPE);
    }

    @Test
    void aFlowBuiltByDraggingAndWiringUndoesToEmptyAndRedoesToTheSameFlow(FxRobot robot) {
        String source = dropFromPalette(robot, NodeKind.SOURCE, 140, 160);
        String queue = dropFromPalette(robot, NodeKind.QUEUE, 380, 160);
        String first = dropFromPalette(robot, NodeKind.CONSUMER, 640, 80);
        String second = dropFromPalette(robot, NodeKind.CONSUMER, 640, 240);
        String dlq = dropFromPalette(robot, NodeKind.DEAD_LETTER_QUEUE, 640, 400);

        wire(robot, source, Port.OUT, queue);
        wire(robot, queue, Port.OUT, first);
        wire(robot, queue, Port.OUT, second);
        wire(robot, queue, Port.DEAD_LETTER, dlq);
        setProperty(robot, queue, "deliveryLimit", "3");
        setProperty(robot, first, "failureRate", "0.2");
        setProperty(robot, first, "name", "Billing");

        Flow built = window.state().flow();
        assertThat(built.nodes()).extracting(Node::kind).containsExactly(NodeKind.SOURCE, NodeKind.QUEUE,
                NodeKind.CONSUMER, NodeKind.CONSUMER, NodeKind.DEAD_LETTER_QUEUE);
        assertThat(built.edges()).hasSize(4);
        assertThat(built.outgoing(queue, Port.DEAD_LETTER)).singleElement().extracting(e -> e.to()).isEqualTo(dlq);
        assertThat(((Queue) built.node(queue).orElseThrow()).deliveryLimit()).isEqualTo(3);
        assertThat(((Consumer) built.node(first).orElseThrow()).failureRate()).isEqualTo(0.2);
        assertThat(built.node(first).orElseThrow().name()).isEqualTo("Billing");
        assertThat(window.stage().getTitle()).startsWith("• ");

        assertThat(window.state().undoTextProperty().get()).isEqualTo("Undo Rename to 'Billing'");
        robot.clickOn("#tool-undo");
        assertThat(window.state().flow().node(first).orElseThrow().name()).isEqualTo("Consumer 1");
        // The rest from the keyboard: the toolbar click has moved the focus to the canvas.
        int steps = 1;
        while (window.state().canUndoProperty().get() && steps < 40) {
            shortcut(robot, KeyCode.Z);
            steps++;
        }
        assertThat(steps).isEqualTo(12);
        assertThat(window.state().flow().nodes()).isEmpty();
        assertThat(window.state().flow().edges()).isEmpty();

        steps = 0;
        while (window.state().canRedoProperty().get() && steps < 40) {
            shortcut(robot, KeyCode.SHIFT, KeyCode.Z);
            steps++;
        }
        assertThat(window.state().redoTextProperty().get()).isEqualTo("Redo");
        assertThat(steps).isEqualTo(12);
        assertThat(window.state().flow()).isEqualTo(built);
    }

    @Test
    void aValueTheModelRefusesIsShownInPlaceAndChangesNothing(FxRobot robot) {
        String queue = addFromPalette(robot, NodeKind.QUEUE);
        Flow before = window.state().flow();

        setProperty(robot, queue, "maxLength", "-1");

        assertThat(window.state().flow()).isEqualTo(before);
        Labeled message = robot.lookup("#prop-maxLength-error").queryLabeled();
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isEqualTo("Max length must be at least 0 (was -1)");

        robot.clickOn("#prop-maxLength");
        shortcut(robot, KeyCode.A);
        robot.write("500").type(KeyCode.ENTER);
        assertThat(((Queue) window.state().flow().node(queue).orElseThrow()).maxLength()).isEqualTo(500);
        assertThat(robot.lookup("#prop-maxLength-error").queryLabeled().isVisible()).isFalse();
        assertThat(window.state().undoTextProperty().get()).isEqualTo("Undo Change max length");
    }

    @Test
    void theEmptyPushEndpointFieldShowsWhatAnAddressLooksLike(FxRobot robot) {
        String queue = addFromPalette(robot, NodeKind.QUEUE);

        robot.clickOn(cardOf(queue));

        javafx.scene.control.TextField field = robot.lookup("#prop-pushEndpoint").queryAs(javafx.scene.control.TextField.class);
        assertThat(field.getText()).isEmpty();
        assertThat(field.getPromptText()).startsWith("https://");
    }

    @Test
    void anInvalidWireIsRefusedWithTheReasonInTheStatusBar(FxRobot robot) {
        String source = dropFromPalette(robot, NodeKind.SOURCE, 150, 200);
        String queue = dropFromPalette(robot, NodeKind.QUEUE, 450, 200);

        wire(robot, queue, Port.OUT, source);

        assertThat(window.state().flow().edges()).isEmpty();
        assertThat(robot.lookup("#status-message").queryLabeled().getText()).contains("sources only send");
    }

    @Test
    void savingClosingAndReopeningGivesAnEqualFlow(FxRobot robot) throws Exception {
        robot.interact(() -> window.documents().openUntitled(Samples.find("dead-letter-queue").orElseThrow().flow().get(),
                "Dead-letter queue"));
        String queue = window.state().flow().nodes().stream().filter(n -> n.kind() == NodeKind.QUEUE)
                .findFirst().orElseThrow().id();
        setProperty(robot, queue, "messageTtl", "30s");
        Flow edited = window.state().flow();
        Path file = dir.resolve("payments.flow.json");
        files.toSave = file;

        shortcut(robot, KeyCode.S);
        assertThat(window.stage().getTitle()).isEqualTo("payments.flow.json — Pipewright");
        shortcut(robot, KeyCode.N);
        assertThat(window.state().flow().nodes()).isEmpty();
        assertThat(dialogs.saveQuestions).isEmpty();

        files.toOpen = file;
        shortcut(robot, KeyCode.O);

        assertThat(window.state().flow()).isEqualTo(edited);
        assertThat(FlowFiles.read(file)).isEqualTo(edited);
        assertThat(window.stage().getTitle()).isEqualTo("payments.flow.json — Pipewright");
    }

    @Test
    void newOverUnsavedWorkAsksFirst(FxRobot robot) {
        dropFromPalette(robot, NodeKind.TOPIC, 300, 200);
        dialogs.saveAnswer = dev.pipewright.app.files.Dialogs.SaveChoice.CANCEL;

        shortcut(robot, KeyCode.N);

        assertThat(dialogs.saveQuestions).containsExactly("Untitled");
        assertThat(window.state().flow().nodes()).hasSize(1);
    }

    @Test
    void choosingAProblemSelectsItsNode(FxRobot robot) {
        String consumer = dropFromPalette(robot, NodeKind.CONSUMER, 300, 200);
        robot.interact(() -> window.state().select(Selection.EMPTY));
        robot.interact(window.problems()::recheck);
        assertThat(window.findings()).anySatisfy(f -> assertThat(f.nodeId()).isEqualTo(consumer));

        robot.clickOn("#problems-list .list-cell");

        assertThat(window.state().selection().nodes()).containsExactly(consumer);
    }

    @Test
    void exportingWritesAPngAndAnSvg(FxRobot robot) throws Exception {
        dropFromPalette(robot, NodeKind.SOURCE, 150, 200);
        files.toExport = dir.resolve("diagram.png");
        shortcut(robot, KeyCode.E);
        files.toExport = dir.resolve("diagram.svg");
        shortcut(robot, KeyCode.SHIFT, KeyCode.E);

        byte[] png = Files.readAllBytes(dir.resolve("diagram.png"));
        assertThat(List.of(png[1], png[2], png[3])).containsExactly((byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(Files.readString(dir.resolve("diagram.svg"))).contains("<svg").contains("Source 1");
    }

    @Test
    void undoInAPropertyFieldUndoesTypingNotTheFlow(FxRobot robot) {
        String queue = addFromPalette(robot, NodeKind.QUEUE);
        robot.clickOn(cardOf(queue));
        robot.clickOn("#prop-name").write("x");

        shortcut(robot, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.state().flow().nodes()).hasSize(1);
    }
}
