// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import dev.pipewright.model.Broker;
import java.util.Objects;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.controlsfx.property.editor.PropertyEditor;

/** A drop-down for enum properties; picking a value commits it as one undoable edit. */
final class ChoicePropertyEditor implements PropertyEditor<Object> {
    private final ComboBox<Object> combo = new ComboBox<>();
    private boolean updating;

    ChoicePropertyEditor(SheetItem item) {
        Objects.requireNonNull(item, "item");
        combo.setId("prop-" + item.key());
        combo.getItems().setAll(item.getType().getEnumConstants());
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(Object value) {
                if (value instanceof Broker b) {
                    return b.label();
                }
                return value == null ? "" : words(((Enum<?>) value).name());
            }

            @Override
            public Object fromString(String text) {
                return null;
            }
        });
        if (item.getDescription() != null && !item.getDescription().isEmpty()) {
            combo.setTooltip(new Tooltip(item.getDescription()));
        }
        setValue(item.getValue());
        combo.valueProperty().addListener((obs, old, value) -> {
            if (!updating && value != null) {
                item.commit(value);
            }
        });
        item.valueProperty().addListener((obs, old, value) -> setValue(value));
    }

    /** "REJECT_PUBLISH_DLX" becomes "Reject publish dlx". */
    static String words(String constant) {
        String s = constant.replace('_', ' ').toLowerCase();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public ComboBox<Object> getEditor() {
        return combo;
    }

    @Override
    public Object getValue() {
        return combo.getValue();
    }

    @Override
    public void setValue(Object value) {
        updating = true;
        try {
            combo.setValue(value);
        } finally {
            updating = false;
        }
    }
}
