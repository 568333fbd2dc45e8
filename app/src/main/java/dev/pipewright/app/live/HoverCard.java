// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.NodeStats;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The card shown when the pointer rests on a node during a run: counts, rates, depth, latency
 * percentiles, redelivered, dead-lettered and expired. A tooltip whose content follows the latest
 * snapshot while it is showing.
 */
final class HoverCard {
    private final Tooltip tooltip = new Tooltip();
    private final Label title = new Label();
    private final GridPane grid = new GridPane();

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

    Tooltip tooltip() {
        return tooltip;
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
