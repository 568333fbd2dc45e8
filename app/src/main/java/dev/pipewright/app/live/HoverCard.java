// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.NodeStats;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
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
        // The card fills in after it opens and grows with its rows; it keeps beside the node as it
        // grows (else the popup, kept on the screen, slid back over the node and the pointer).
        tooltip.widthProperty().addListener((obs, old, w) -> keepBesideOwner());
        tooltip.heightProperty().addListener((obs, old, h) -> keepBesideOwner());
    }

    private void keepBesideOwner() {
        if (!tooltip.isShowing()) {
            return;
        }
        Point2D at = besideOwner();
        if (at != null && (at.getX() != tooltip.getAnchorX() || at.getY() != tooltip.getAnchorY())) {
            tooltip.setAnchorX(at.getX());
            tooltip.setAnchorY(at.getY());
        }
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
     * Where the card's content goes: right of the node, or left of it where the screen ends (under
     * it when neither fits), so its window never covers the node and the pointer on it; null when
     * the node is not on a screen.
     */
    private Point2D besideOwner() {
        Bounds node = owner == null || owner.getScene() == null ? null : owner.localToScreen(owner.getBoundsInLocal());
        if (node == null) {
            return null;
        }
        Rectangle2D screen = Screen.getScreensForRectangle(node.getMinX(), node.getMinY(), node.getWidth(),
                node.getHeight()).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        double w = tooltip.getWidth() > 0 ? tooltip.getWidth() : tooltip.getGraphic().prefWidth(-1) + 2 * GAP;
        double h = tooltip.getHeight() > 0 ? tooltip.getHeight() : tooltip.getGraphic().prefHeight(-1) + 2 * GAP;
        double x = node.getMaxX() + GAP;
        double y = Math.max(screen.getMinY(), Math.min(node.getMinY(), screen.getMaxY() - h));
        if (x + w > screen.getMaxX()) {
            x = node.getMinX() - GAP - w;
            if (x < screen.getMinX()) {
                x = Math.max(screen.getMinX(), node.getMinX());
                y = node.getMaxY() + GAP;
            }
        }
        return new Point2D(x, y);
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
