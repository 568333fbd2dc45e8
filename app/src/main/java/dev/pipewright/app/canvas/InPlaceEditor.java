// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import java.util.function.Consumer;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;

/**
 * A text field laid over the canvas to edit a name or a wire's key where it is drawn. Enter or
 * clicking elsewhere commits, Escape cancels; either way the field goes away.
 */
final class InPlaceEditor {
    private final Pane layer;
    private final Runnable afterClose;
    private TextField field;
    private Consumer<String> onCommit;

    InPlaceEditor(Pane layer, Runnable afterClose) {
        this.layer = layer;
        this.afterClose = afterClose;
    }

    boolean isEditing() {
        return field != null;
    }

    /** Opens the editor with its top-left corner at the canvas point (x, y). */
    void open(double x, double y, double width, String text, Consumer<String> commit) {
        close(false);
        onCommit = commit;
        TextField f = new TextField(text);
        f.getStyleClass().add("in-place-editor");
        f.setPrefWidth(width);
        f.relocate(x, y);
        f.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                close(true);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close(false);
                e.consume();
            }
        });
        f.focusedProperty().addListener((obs, was, now) -> {
            if (!now && field == f) {
                close(true);
            }
        });
        field = f;
        layer.getChildren().add(f);
        f.requestFocus();
        f.selectAll();
    }

    /** Closes the editor, committing its text first when {@code commit} is true. */
    void close(boolean commit) {
        TextField f = field;
        if (f == null) {
            return;
        }
        field = null;
        layer.getChildren().remove(f);
        Consumer<String> c = onCommit;
        onCommit = null;
        if (commit && c != null) {
            c.accept(f.getText());
        }
        afterClose.run();
    }

    TextField field() {
        return field;
    }
}
