// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.pipewright.app.DoubleClick;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.palette.Palette;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import java.util.Set;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas and palette driven as a user drives them: mouse, keyboard, wheel. */
@ExtendWith(ApplicationExtension.class)
class FlowCanvasTest {
    private EditorState state;
    private FlowCanvas canvas;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        state = new EditorState(Flow.EMPTY);
        canvas = new FlowCanvas(state);
        BorderPane root = new BorderPane(canvas);
        root.setLeft(new Palette(canvas));
        stage.setScene(new Scene(root, 1100, 700));
        stage.show();
    }

    private void show(FxRobot robot, Flow flow) {
        robot.interact(() -> state.reset(flow));
    }

    /** Where a canvas point is on the screen. */
    private Point2D screen(double x, double y) {
        return canvas.localToScreen(canvas.canvasToScreen(new Point2D(x, y)));
    }

    private Point2D portOnScreen(String nodeId, Port port) {
        Position p = state.flow().node(nodeId).orElseThrow().position();
        Point2D offset = NodeView.portOffset(state.flow().node(nodeId).orElseThrow().kind(), port);
        return screen(p.x() + offset.getX(), p.y() + offset.getY());
    }

    private Point2D cardCentre(String nodeId) {
        Position p = state.flow().node(nodeId).orElseThrow().position();
        return screen(p.x() + NodeView.WIDTH / 2, p.y() + NodeView.HEIGHT / 2);
    }

    @Test
    void draggingAKindFromThePaletteCreatesANodeWhereItIsDropped(FxRobot robot) {
        robot.drag("#palette-queue", MouseButton.PRIMARY).moveTo(screen(500, 300)).drop();

        assertThat(state.flow().nodes()).hasSize(1);
        Node queue = state.flow().nodes().get(0);
        assertThat(queue.kind()).isEqualTo(NodeKind.QUEUE);
        assertThat(queue.name()).isEqualTo("Queue 1");
        assertThat(queue.position().x() + NodeView.WIDTH / 2).isCloseTo(500, org.assertj.core.data.Offset.offset(10.0));
        assertThat(state.selection().nodes()).containsExactly(queue.id());
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Add queue 'Queue 1'");
    }

    @Test
    void doubleClickingAPaletteItemAddsItInTheMiddleOfTheView(FxRobot robot) {
        DoubleClick.on(robot, robot.lookup("#palette-topic").query());

        assertThat(state.flow().nodes()).extracting(Node::kind).containsExactly(NodeKind.TOPIC);
    }

    @Test
    void draggingFromASourceOutputToAQueueWiresThem(FxRobot robot) {
        show(robot, CanvasFixtures.sourceAndQueue());

        robot.drag(portOnScreen("source-1", Port.OUT), MouseButton.PRIMARY).moveTo(cardCentre("queue-1")).drop();

        assertThat(state.flow().edges()).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("source-1");
            assertThat(e.fromPort()).isEqualTo(Port.OUT);
            assertThat(e.to()).isEqualTo("queue-1");
        });
        assertThat(canvas.wireShape(state.flow().edges().get(0).id())).isPresent();
    }

    @Test
    void aWireTheRulesRefuseIsNotMadeAndTheReasonIsShown(FxRobot robot) {
        show(robot, CanvasFixtures.sourceAndQueue());

        robot.drag(portOnScreen("queue-1", Port.OUT), MouseButton.PRIMARY).moveTo(cardCentre("source-1")).drop();

        assertThat(state.flow().edges()).isEmpty();
        assertThat(canvas.statusMessageProperty().get())
                .startsWith("Can't wire 'orders' (out) to 'Orders in'")
                .contains("has no input: sources only send");
        assertThat(robot.lookup(".canvas-toast").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void rubberBandSelectsTheNodesItTouches(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());

        robot.drag(screen(60, 40), MouseButton.PRIMARY).moveTo(screen(450, 200)).drop();

        assertThat(state.selection().nodes()).containsExactlyInAnyOrder("source-1", "queue-1");
    }

    @Test
    void draggingTwoSelectedNodesMovesBothAsOneUndoStep(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        robot.interact(() -> state.select(Selection.ofNodes(Set.of("source-1", "queue-1"))));

        robot.drag(cardCentre("queue-1"), MouseButton.PRIMARY).moveBy(60, 80).drop();

        assertThat(state.flow().node("source-1").orElseThrow().position()).isEqualTo(new Position(160, 180));
        assertThat(state.flow().node("queue-1").orElseThrow().position()).isEqualTo(new Position(460, 180));
        assertThat(state.flow().node("consumer-1").orElseThrow().position()).isEqualTo(new Position(700, 100));
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Move 2 nodes");

        robot.interact(state::undo);
        assertThat(state.flow()).isEqualTo(CanvasFixtures.pipeline());
        assertThat(canvas.nodeBounds("queue-1").orElseThrow().getMinX()).isEqualTo(400);
    }

    @Test
    void deleteRemovesANodeWithItsWiresAndUndoBringsThemBack(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());

        robot.clickOn(cardCentre("queue-1")).type(KeyCode.DELETE);

        assertThat(state.flow().nodes()).extracting(Node::id).containsExactly("source-1", "consumer-1");
        assertThat(state.flow().edges()).isEmpty();
        assertThat(canvas.nodeView("queue-1")).isEmpty();
        assertThat(canvas.wireShape("edge-1")).isEmpty();

        robot.interact(state::undo);
        assertThat(state.flow()).isEqualTo(CanvasFixtures.pipeline());
        assertThat(canvas.nodeView("queue-1")).isPresent();
        assertThat(canvas.wireShape("edge-1")).isPresent();
    }

    @Test
    void copyAndPasteBringsTheWireBetweenTheCopiedNodes(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        robot.interact(() -> state.select(Selection.ofNodes(Set.of("source-1", "queue-1"))));

        robot.interact(() -> {
            canvas.copy();
            canvas.paste();
        });

        Flow f = state.flow();
        assertThat(f.nodes()).hasSize(5);
        assertThat(f.edges()).hasSize(3);
        Set<String> pasted = state.selection().nodes();
        assertThat(pasted).hasSize(2).doesNotContain("source-1", "queue-1");
        assertThat(f.edges()).anySatisfy(e -> {
            assertThat(pasted).contains(e.from(), e.to());
        });
        String pastedQueue = pasted.stream().filter(id -> f.node(id).orElseThrow().kind() == NodeKind.QUEUE)
                .findFirst().orElseThrow();
        assertThat(f.node(pastedQueue).orElseThrow().position()).isEqualTo(new Position(420, 120));
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Paste 2 nodes");
    }

    @Test
    void cutIsOneUndoStep(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        robot.interact(() -> state.select(Selection.ofNodes(Set.of("queue-1"))));

        robot.interact(canvas::cut);

        assertThat(state.flow().nodes()).hasSize(2);
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Cut 1 node");
        robot.interact(canvas::paste);
        assertThat(state.flow().nodes()).hasSize(3);
    }

    @Test
    void ctrlWheelZoomsAroundThePointerBetweenTenAndFourHundredPercent(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        Point2D pointer = new Point2D(300, 200);
        Point2D under = canvas.screenToCanvas(pointer);

        robot.interact(() -> wheel(pointer, 40, true));

        assertThat(canvas.zoomProperty().get()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
        Point2D after = canvas.screenToCanvas(pointer);
        assertThat(after.distance(under)).isLessThan(1e-6);

        robot.interact(() -> {
            for (int i = 0; i < 60; i++) {
                wheel(pointer, 40, true);
            }
        });
        assertThat(canvas.zoomProperty().get()).isEqualTo(4.0);
        robot.interact(() -> {
            for (int i = 0; i < 120; i++) {
                wheel(pointer, -40, true);
            }
        });
        assertThat(canvas.zoomProperty().get()).isEqualTo(0.1);
    }

    @Test
    void plainWheelPans(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        Point2D before = canvas.screenToCanvas(new Point2D(0, 0));

        robot.moveTo(screen(300, 300)).scroll(2, javafx.geometry.VerticalDirection.DOWN);

        // Scrolling down shows what is below: straight down, nothing sideways.
        Point2D scrolled = canvas.screenToCanvas(new Point2D(0, 0));
        assertThat(scrolled.getX()).isCloseTo(before.getX(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scrolled.getY()).isGreaterThan(before.getY());
        assertThat(canvas.zoomProperty().get()).isEqualTo(1.0);

        // A wheel of (dx, dy) pixels moves the picture by exactly (dx, dy) at 100%, so the
        // canvas point under the window's corner moves the other way by the same amount.
        robot.interact(() -> wheel(new Point2D(300, 300), 15, -40, false));
        Point2D after = canvas.screenToCanvas(new Point2D(0, 0));
        assertThat(after.getX()).isCloseTo(scrolled.getX() - 15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(after.getY()).isCloseTo(scrolled.getY() + 40, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(canvas.zoomProperty().get()).isEqualTo(1.0);
    }

    /** The headless robot's wheel carries no modifier keys, so a ctrl+wheel is fired as the platform would. */
    private void wheel(Point2D local, double deltaY, boolean control) {
        wheel(local, 0, deltaY, control);
    }

    private void wheel(Point2D local, double deltaX, double deltaY, boolean control) {
        Point2D scene = canvas.localToScene(local);
        Point2D onScreen = canvas.localToScreen(local);
        ScrollEvent e = new ScrollEvent(ScrollEvent.SCROLL, scene.getX(), scene.getY(), onScreen.getX(), onScreen.getY(),
                false, control, false, false, false, false, deltaX, deltaY, deltaX, deltaY,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                new PickResult(canvas, scene.getX(), scene.getY()));
        canvas.fireEvent(e);
    }

    @Test
    void doubleClickingANodeRenamesItInPlace(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());

        DoubleClick.at(robot, cardCentre("queue-1"));
        TextField field = robot.lookup(".in-place-editor").queryAs(TextField.class);
        assertThat(field.getText()).isEqualTo("orders");
        robot.eraseText(6).write("payments").type(KeyCode.ENTER);

        assertThat(state.flow().node("queue-1").orElseThrow().name()).isEqualTo("payments");
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Rename to 'payments'");
        assertThat(robot.lookup(".in-place-editor").tryQuery()).isEmpty();
    }

    @Test
    void escapeCancelsARename(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());

        DoubleClick.at(robot, cardCentre("queue-1"));
        robot.write("x").type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(state.flow().node("queue-1").orElseThrow().name()).isEqualTo("orders");
        assertThat(state.canUndoProperty().get()).isFalse();
    }

    @Test
    void doubleClickingATopicWireEditsItsBindingKeyInPlace(FxRobot robot) {
        Flow flow = new Flow(new dev.pipewright.model.FlowInfo("t", ""), java.util.List.of(
                CanvasFixtures.node(NodeKind.TOPIC, "topic-1", "orders", 100, 100),
                CanvasFixtures.node(NodeKind.QUEUE, "queue-1", "billing", 400, 200)),
                java.util.List.of(dev.pipewright.model.Edge.of("edge-1", "topic-1", Port.OUT, "queue-1")));
        show(robot, flow);
        Point2D mid = canvas.pointOnWire("edge-1", 0.5).orElseThrow();

        DoubleClick.at(robot, screen(mid.getX(), mid.getY()));
        robot.write("order.*").type(KeyCode.ENTER);

        assertThat(state.flow().edge("edge-1").orElseThrow().key()).isEqualTo("order.*");
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Change binding key to 'order.*'");
    }

    @Test
    void layoutAllIsOneUndoStep(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());

        robot.interact(canvas::layoutAll);

        assertThat(state.flow().node("source-1").orElseThrow().position().x())
                .isLessThan(state.flow().node("queue-1").orElseThrow().position().x());
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Lay out flow");
        robot.interact(state::undo);
        assertThat(state.flow()).isEqualTo(CanvasFixtures.pipeline());
    }

    @Test
    void theDiagramImageCoversTheWholeFlowAndKeepsTheSelection(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        robot.interact(() -> state.select(Selection.ofNodes(Set.of("queue-1"))));
        javafx.scene.image.Image[] image = new javafx.scene.image.Image[1];

        robot.interact(() -> image[0] = canvas.renderImage(1.0));

        // three cards from x=100 to x=700+width, plus margins
        assertThat(image[0].getWidth()).isGreaterThan(600 + NodeView.WIDTH);
        assertThat(state.selection().nodes()).containsExactly("queue-1");
    }

    @Test
    void clickingAWireSelectsItAndDeleteRemovesOnlyThatWire(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        Point2D mid = canvas.pointOnWire("edge-2", 0.5).orElseThrow();

        robot.clickOn(screen(mid.getX(), mid.getY())).type(KeyCode.BACK_SPACE);

        assertThat(state.flow().nodes()).hasSize(3);
        assertThat(state.flow().edges()).extracting(dev.pipewright.model.Edge::id).containsExactly("edge-1");
        assertThat(state.undoTextProperty().get()).isEqualTo("Undo Delete 1 wire");
    }

    @Test
    void clickingEmptyCanvasClearsTheSelection(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        robot.interact(() -> state.select(Selection.ofNodes(Set.of("source-1", "consumer-1"))));

        robot.clickOn(screen(300, 400));

        assertThat(state.selection().isEmpty()).isTrue();
    }

    @Test
    void spaceAndDragPansTheView(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        robot.clickOn(screen(300, 400)); // focus the canvas
        Point2D before = canvas.screenToCanvas(new Point2D(0, 0));

        robot.press(KeyCode.SPACE).drag(screen(300, 400), MouseButton.PRIMARY).moveBy(100, 50).drop().release(KeyCode.SPACE);

        Point2D after = canvas.screenToCanvas(new Point2D(0, 0));
        assertThat(after.getX()).isCloseTo(before.getX() - 100, org.assertj.core.data.Offset.offset(0.5));
        assertThat(after.getY()).isCloseTo(before.getY() - 50, org.assertj.core.data.Offset.offset(0.5));
        assertThat(state.selection().isEmpty()).isTrue();
        assertThat(state.canUndoProperty().get()).isFalse();
    }

    @Test
    void pinchZoomsAroundTheFingers(FxRobot robot) {
        show(robot, CanvasFixtures.pipeline());
        Point2D fingers = new Point2D(400, 300);
        Point2D under = canvas.screenToCanvas(fingers);

        robot.interact(() -> {
            Point2D scene = canvas.localToScene(fingers);
            Point2D onScreen = canvas.localToScreen(fingers);
            canvas.fireEvent(new javafx.scene.input.ZoomEvent(javafx.scene.input.ZoomEvent.ZOOM, scene.getX(), scene.getY(),
                    onScreen.getX(), onScreen.getY(), false, false, false, false, true, false, 1.5, 1.5,
                    new PickResult(canvas, scene.getX(), scene.getY())));
        });

        assertThat(canvas.zoomProperty().get()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(canvas.screenToCanvas(fingers).distance(under)).isLessThan(1e-6);
    }
}
