// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A double-click for tests, delivered as the two clicks JavaFX makes of one, at once. A robot's
 * two clicks count as a double-click only within the platform's 500 ms, which a loaded machine
 * can miss between them; the events here carry their click count, so nothing depends on time.
 */
public final class DoubleClick {
    private DoubleClick() {
    }

    /** Double-clicks the node that shows at {@code screen} (the pointer moves there first). */
    public static void at(FxRobot robot, Point2D screen) {
        robot.moveTo(screen);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            Scene scene = sceneAt(screen);
            Point2D inRoot = scene.getRoot().screenToLocal(screen);
            Point2D inScene = scene.getRoot().localToScene(inRoot);
            Node target = pick(scene.getRoot(), inRoot);
            if (target == null) {
                throw new AssertionError("nothing to double-click at " + screen);
            }
            for (int count = 1; count <= 2; count++) {
                for (var type : java.util.List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED)) {
                    Event.fireEvent(target, new MouseEvent(null, target, type, inScene.getX(), inScene.getY(),
                            screen.getX(), screen.getY(), MouseButton.PRIMARY, count, false, false, false, false,
                            type == MouseEvent.MOUSE_PRESSED, false, false, true, false, true,
                            new PickResult(target, inScene.getX(), inScene.getY())));
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Double-clicks the middle of {@code node}. */
    public static void on(FxRobot robot, Node node) {
        Point2D centre = WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            var b = node.localToScreen(node.getBoundsInLocal());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        at(robot, centre);
    }

    private static Scene sceneAt(Point2D screen) {
        for (Window w : Window.getWindows().reversed()) {
            if (w.isShowing() && w.getScene() != null
                    && screen.getX() >= w.getX() && screen.getX() < w.getX() + w.getWidth()
                    && screen.getY() >= w.getY() && screen.getY() < w.getY() + w.getHeight()) {
                return w.getScene();
            }
        }
        throw new AssertionError("no window at " + screen);
    }

    /** The topmost visible, mouse-sensitive node under {@code local} (in {@code node}'s coordinates). */
    private static Node pick(Node node, Point2D local) {
        if (!node.isVisible() || node.isMouseTransparent() || node.isDisabled()) {
            return null;
        }
        if (node instanceof Parent parent) {
            var children = parent.getChildrenUnmodifiable();
            for (int i = children.size() - 1; i >= 0; i--) {
                Node child = children.get(i);
                Node hit = pick(child, child.parentToLocal(local));
                if (hit != null) {
                    return hit;
                }
            }
            if (parent.isPickOnBounds() ? parent.getBoundsInLocal().contains(local) : parent.contains(local)) {
                return parent;
            }
            return null;
        }
        return node.contains(local) ? node : null;
    }
}
