// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import atlantafx.base.theme.Styles;
import dev.pipewright.app.canvas.FlowCanvas;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar: file, undo, zoom and layout commands on the left, a slot that takes the free space for
 * the run controls of the live view, and the theme switch on the right.
 */
final class AppToolbar {
    private AppToolbar() {
    }

    static ToolBar build(AppActions a, FlowCanvas canvas, HBox runSlot, ThemeManager theme, javafx.beans.property.BooleanProperty snap) {
        Button zoomLabel = new Button();
        zoomLabel.setId("tool-zoom-level");
        zoomLabel.getStyleClass().addAll(Styles.FLAT, "zoom-level");
        zoomLabel.setFocusTraversable(false);
        zoomLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(canvas.zoomProperty().get() * 100) + "%", canvas.zoomProperty()));
        zoomLabel.setTooltip(new Tooltip("Zoom level; click for actual size"));
        zoomLabel.setOnAction(e -> a.actualSize.run());

        ToggleButton snapButton = toggle("tool-snap", "mdi2g-grid", "Snap to grid");
        snapButton.selectedProperty().bindBidirectional(snap);
        ToggleButton darkButton = toggle("tool-theme", "mdi2w-weather-night", "Dark theme");
        darkButton.selectedProperty().bindBidirectional(theme.darkProperty());
        darkButton.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(theme.darkProperty().get() ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night"),
                theme.darkProperty()));

        runSlot.setId("run-toolbar-slot");
        runSlot.setAlignment(Pos.CENTER);
        runSlot.setSpacing(4);
        // The run controls take all the free space and centre themselves in it; when the
        // conservation law is long it uses that space instead of pushing the buttons at the end
        // into the toolbar's overflow menu.
        HBox.setHgrow(runSlot, Priority.ALWAYS);

        ToolBar bar = new ToolBar(
                a.newFlow.button(), a.open.button(), a.save.button(), separator(),
                a.undo.button(), a.redo.button(), separator(),
                a.delete.button(), a.duplicate.button(), separator(),
                a.zoomOut.button(), zoomLabel, a.zoomIn.button(), a.fit.button(), separator(),
                snapButton, a.layout.button(),
                runSlot,
                a.exportPng.button(), darkButton);
        // A toolbar click acts on the flow: take the focus from a property field first, which also
        // commits what was typed there, so Undo undoes the last edit of the flow, not the typing.
        bar.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!runSlot.isHover()) {
                canvas.requestFocus();
            }
        });
        bar.setId("main-toolbar");
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private static ToggleButton toggle(String id, String icon, String tip) {
        ToggleButton b = new ToggleButton(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "tool-button");
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static Separator separator() {
        Separator s = new Separator(Orientation.VERTICAL);
        s.getStyleClass().add("tool-separator");
        return s;
    }
}
