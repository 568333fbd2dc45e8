// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.palette;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.app.canvas.NodeStyle;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.app.skin.PaletteGroup;
import dev.pipewright.model.NodeKind;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Every node kind, grouped, with its icon, name and a one-line description on hover. Drag an
 * item onto the canvas to add a node there, or double-click it to add one in the middle of the
 * view.
 *
 * <p>Dragging is a JavaFX full press-drag-release gesture within the window rather than a system
 * drag and drop: the canvas gets {@code MOUSE_DRAG_OVER} events and shows a ghost card where the
 * node will land, and it works the same on the headless test platform, which has no system
 * drag and drop.
 */
public final class Palette extends VBox {
    private static final String STYLESHEET = Objects.requireNonNull(
            Palette.class.getResource("palette.css"), "palette.css").toExternalForm();

    private final FlowCanvas canvas;

    public Palette(FlowCanvas canvas) {
        this.canvas = Objects.requireNonNull(canvas, "canvas");
        getStyleClass().add("palette");
        getStylesheets().add(STYLESHEET);
        // Each skin names its group; within a group the kinds keep their declared order.
        for (PaletteGroup group : PaletteGroup.values()) {
            List<NodeKind> kinds = Arrays.stream(NodeKind.values())
                    .filter(k -> KindSkins.of(k).paletteGroup() == group).toList();
            if (!kinds.isEmpty()) {
                addGroup(group.title(), kinds);
            }
        }
    }

    private void addGroup(String title, List<NodeKind> kinds) {
        Label heading = new Label(title.toUpperCase(java.util.Locale.ROOT));
        heading.getStyleClass().add("palette-heading");
        getChildren().add(heading);
        for (NodeKind kind : kinds) {
            getChildren().add(item(kind));
        }
    }

    private HBox item(NodeKind kind) {
        Region tint = new Region();
        tint.getStyleClass().add("palette-icon-tint");
        StackPane tile = new StackPane(tint, NodeStyle.icon(kind, 16));
        tile.getStyleClass().add("palette-icon");
        tile.setStyle("-pw-accent: " + NodeStyle.accentHex(kind) + ";");
        tile.setMinSize(26, 26);
        tile.setMaxSize(26, 26);
        Label name = new Label(kind.displayName());
        name.getStyleClass().add("palette-name");
        HBox item = new HBox(tile, name);
        item.getStyleClass().add("palette-item");
        item.setId("palette-" + kind.typeName());
        item.getProperties().put(FlowCanvas.KIND_PROPERTY, kind);
        Tooltip tip = new Tooltip(kind.description());
        tip.setShowDelay(Duration.millis(400));
        tip.setWrapText(true);
        tip.setMaxWidth(280);
        Tooltip.install(item, tip);
        item.setCursor(Cursor.OPEN_HAND);
        item.addEventHandler(MouseEvent.DRAG_DETECTED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                item.startFullDrag();
                item.setCursor(Cursor.CLOSED_HAND);
                e.consume();
            }
        });
        item.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> item.setCursor(Cursor.OPEN_HAND));
        item.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && e.isStillSincePress()) {
                canvas.addNodeAtCentre(kind);
                canvas.requestFocus();
                e.consume();
            }
        });
        return item;
    }
}
