// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import java.util.Objects;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import org.controlsfx.property.editor.PropertyEditor;

/** A check box for yes/no properties; toggling it commits one undoable edit. */
final class FlagPropertyEditor implements PropertyEditor<Object> {
    private final CheckBox box = new CheckBox();
    private boolean updating;

    FlagPropertyEditor(SheetItem item) {
        Objects.requireNonNull(item, "item");
        box.setId("prop-" + item.key());
        if (item.getDescription() != null && !item.getDescription().isEmpty()) {
            box.setTooltip(new Tooltip(item.getDescription()));
        }
        setValue(item.getValue());
        box.selectedProperty().addListener((obs, old, selected) -> {
            if (!updating) {
                item.commit(selected);
            }
        });
        item.valueProperty().addListener((obs, old, value) -> setValue(value));
    }

    @Override
    public CheckBox getEditor() {
        return box;
    }

    @Override
    public Object getValue() {
        return box.isSelected();
    }

    @Override
    public void setValue(Object value) {
        updating = true;
        try {
            box.setSelected(Boolean.TRUE.equals(value));
        } finally {
            updating = false;
        }
    }
}
