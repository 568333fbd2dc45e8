// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import atlantafx.base.theme.Styles;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * A text field for numbers, durations, distributions, maps and lists. The text is checked as it
 * is typed, with the model's own message shown under the field; Enter or leaving the field
 * commits a valid value as one undoable edit.
 */
final class TextPropertyEditor implements PropertyEditor<Object> {
    private final SheetItem item;
    private final TextField field = new TextField();
    private final Label message = new Label();
    private final VBox box = new VBox(2, field, message);
    private boolean updating;

    TextPropertyEditor(SheetItem item) {
        this.item = Objects.requireNonNull(item, "item");
        field.setId("prop-" + item.key());
        field.setPromptText(ValueText.prompt(item.key(), item.genericType()));
        field.setEditable(item.isEditable());
        message.getStyleClass().addAll("property-error", Styles.TEXT_SMALL);
        message.setWrapText(true);
        message.setId("prop-" + item.key() + "-error");
        showError(Optional.empty());
        setText(item.getValue());
        if (item.getDescription() != null && !item.getDescription().isEmpty()) {
            field.setTooltip(new Tooltip(item.getDescription()));
        }
        field.textProperty().addListener((obs, old, text) -> {
            if (!updating) {
                showError(validate(text));
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                commit();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                setText(item.getValue());
                e.consume();
            }
        });
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commit();
            }
        });
        item.valueProperty().addListener((obs, old, value) -> setText(value));
    }

    private Optional<String> validate(String text) {
        Object parsed;
        try {
            parsed = ValueText.parse(text, item.genericType());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return item.check(parsed);
    }

    private void commit() {
        if (!item.isEditable()) {
            return;
        }
        Object parsed;
        try {
            parsed = ValueText.parse(field.getText(), item.genericType());
        } catch (IllegalArgumentException e) {
            showError(Optional.of(e.getMessage()));
            return;
        }
        Optional<String> refused = item.commit(parsed);
        showError(refused);
    }

    private void setText(Object value) {
        updating = true;
        try {
            field.setText(ValueText.format(value));
        } finally {
            updating = false;
        }
        showError(Optional.empty());
    }

    private void showError(Optional<String> error) {
        field.pseudoClassStateChanged(Styles.STATE_DANGER, error.isPresent());
        message.setText(error.orElse(""));
        message.setVisible(error.isPresent());
        message.setManaged(error.isPresent());
    }

    @Override
    public VBox getEditor() {
        return box;
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
