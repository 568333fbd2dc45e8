// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import java.util.Objects;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * A text of several sentences, such as a flow's description (the samples' lessons): a text area
 * that wraps, so the whole text can be read and edited. Leaving the field or Ctrl+Enter commits it
 * as one undoable edit; Escape goes back to the value as it is.
 */
final class LongTextPropertyEditor implements PropertyEditor<Object> {
    /** Lines the field shows before it scrolls. */
    private static final int ROWS = 9;

    private final SheetItem item;
    private final TextArea area = new TextArea();

    LongTextPropertyEditor(SheetItem item) {
        this.item = Objects.requireNonNull(item, "item");
        area.setId("prop-" + item.key());
        area.setWrapText(true);
        area.setPrefRowCount(ROWS);
        area.setPrefColumnCount(12); // the sheet gives it its column's width; this only keeps it from asking for more
        area.setEditable(item.isEditable());
        if (item.getDescription() != null && !item.getDescription().isEmpty()) {
            area.setTooltip(new Tooltip(item.getDescription()));
        }
        setText(item.getValue());
        area.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                commit();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                setText(item.getValue());
                e.consume();
            }
        });
        area.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commit();
            }
        });
        item.valueProperty().addListener((obs, old, value) -> setText(value));
    }

    private void commit() {
        if (item.isEditable()) {
            item.commit(area.getText());
        }
    }

    private void setText(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.equals(area.getText())) {
            area.setText(text);
        }
    }

    @Override
    public TextArea getEditor() {
        return area;
    }

    @Override
    public Object getValue() {
        return item.getValue();
    }

    @Override
    public void setValue(Object value) {
        setText(value);
    }
}
