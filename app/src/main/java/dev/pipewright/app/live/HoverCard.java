// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.NodeStats;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.PopupWindow;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The card shown when the pointer rests on a node during a run: counts, rates, depth, latency
 * percentiles, redelivered, dead-lettered and expired. A tooltip whose content follows the latest
 * snapshot while it is showing.
 *
 * <p>It opens beside the node, not at the pointer: a tooltip opens just below and right of the
 * pointer, and the card's shadow reached back under it, so on a real screen the pointer was over
 * the card's window, left the node, and the card closed as it opened.
 */
final class HoverCard {
    /** Room between the node and the card, in pixels: more than the card's shadow reaches. */
    private static final double GAP = 16;

    private final Tooltip tooltip = new Tooltip() {
        @Override
        public void show(Window ownerWindow, double anchorX, double anchorY) {
            // The tooltip's own behaviour asks for the pointer's place; the card goes beside the node.
            Point2D at = besideOwner();
            if (at == null) {
                setAnchorLocation(AnchorLocation.CONTENT_TOP_LEFT); // as a tooltip opens: at the pointer
            }
            super.show(ownerWindow, at == null ? anchorX : at.getX(), at == null ? anchorY : at.getY());
        }
    };
    private final Label title = new Label();
    private final GridPane grid = new GridPane();
    private Node owner;

    HoverCard() {
        tooltip.getStyleClass().add("live-hover-card");
        tooltip.setShowDelay(Duration.millis(350));
        tooltip.setShowDuration(Duration.INDEFINITE);
        tooltip.setHideDelay(Duration.millis(100));
        title.getStyleClass().add("live-hover-title");
        grid.getStyleClass().add("live-hover-grid");
        grid.setHgap(14);
        grid.setVgap(3);
        VBox box = new VBox(6, title, grid);
        box.getStyleClass().add("live-hover-box");
        tooltip.setGraphic(box);
        tooltip.setText(null);
    }

    /** Shows this card when the pointer rests on {@code node} (a node's card on the canvas). */
    void install(Node node) {
        if (owner != null) {
            Tooltip.uninstall(owner, tooltip);
        }
        owner = node;
        Tooltip.install(node, tooltip);
    }

    /**
     * Where the card goes: on the side of the node with more room on its screen, its near edge
     * {@link #GAP} from the node, so its window never covers the node and the pointer on it. The
     * card is anchored by that near edge (its top left on the right, its top right on the left):
     * it fills in after it opens and grows away from the node, and the popup, kept on the screen,
     * has no reason to slide it back over the node. Null when the node is not on a screen.
     */
    private Point2D besideOwner() {
        Bounds node = owner == null || owner.getScene() == null ? null : owner.localToScreen(owner.getBoundsInLocal());
        if (node == null) {
            return null;
        }
        Rectangle2D screen = Screen.getScreensForRectangle(node.getMinX(), node.getMinY(), node.getWidth(),
                node.getHeight()).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        boolean right = screen.getMaxX() - node.getMaxX() >= node.getMinX() - screen.getMinX();
        tooltip.setAnchorLocation(right ? PopupWindow.AnchorLocation.CONTENT_TOP_LEFT
                : PopupWindow.AnchorLocation.CONTENT_TOP_RIGHT);
        return new Point2D(right ? node.getMaxX() + GAP : node.getMinX() - GAP, node.getMinY());
    }

    boolean isShowing() {
        return tooltip.isShowing();
    }

    /** Fills the card; {@code title} names the node. */
    void show(String name, NodeStats s, double inRate, double outRate) {
        title.setText(name + " — " + s.kind().displayName());
        List<NodeStatsText.Row> rows = NodeStatsText.rows(s, inRate, outRate);
        int have = grid.getChildren().size() / 2;
        for (int i = have; i < rows.size(); i++) {
            Label k = new Label();
            k.getStyleClass().add("live-hover-key");
            Label v = new Label();
            v.getStyleClass().add("live-hover-value");
            grid.addRow(i, k, v);
        }
        for (int i = 0; i < grid.getChildren().size() / 2; i++) {
            Label k = (Label) grid.getChildren().get(2 * i);
            Label v = (Label) grid.getChildren().get(2 * i + 1);
            boolean used = i < rows.size();
            k.setVisible(used);
            k.setManaged(used);
            v.setVisible(used);
            v.setManaged(used);
            if (used) {
                k.setText(rows.get(i).name());
                v.setText(rows.get(i).value());
            }
        }
    }

    /** Before any run: say how to get statistics. */
    void showIdle(String name) {
        title.setText(name);
        grid.getChildren().forEach(n -> {
            n.setVisible(false);
            n.setManaged(false);
        });
    }
}
