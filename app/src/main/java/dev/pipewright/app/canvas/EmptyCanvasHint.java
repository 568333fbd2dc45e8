// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.EditorState;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What an empty canvas says: how to start a flow. It shows only while the flow has no node, and
 * lets every mouse event through to the canvas under it.
 */
public final class EmptyCanvasHint extends VBox {
    public EmptyCanvasHint(EditorState state) {
        super(8);
        setId("empty-canvas-hint");
        getStyleClass().add("empty-canvas-hint");
        setAlignment(Pos.CENTER);
        setMouseTransparent(true);
        FontIcon icon = new FontIcon("mdi2g-gesture-tap-hold");
        icon.getStyleClass().add("empty-canvas-icon");
        Label title = new Label("Start a flow");
        title.getStyleClass().add("empty-canvas-title");
        Label text = new Label("Drag a Source from the palette onto the canvas, then a Queue and a Consumer,"
                + " and wire each output port to the next one's input. Press play to watch it run.\n"
                + "Or open a lesson from the Lessons tab to start from a working flow.");
        text.setWrapText(true);
        text.setMaxWidth(440);
        text.getStyleClass().add("empty-canvas-text");
        getChildren().addAll(icon, title, text);
        visibleProperty().bind(state.flowProperty().map(f -> f.nodes().isEmpty()).orElse(true));
    }
}
