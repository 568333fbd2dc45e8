// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One row of the properties sheet. It does not change anything itself: {@link #commit} hands the
 * new value to the panel, which runs an undoable edit and says whether the model refused it.
 */
final class SheetItem implements PropertySheet.Item {
    private final String key;
    private final String category;
    private final String label;
    private final String description;
    private final Type type;
    private final ObjectProperty<Object> value;
    private final Function<Object, Optional<String>> check;
    private final Function<Object, Optional<String>> commit;
    private final boolean editable;

    /**
     * @param key the property's name in files, used for the editor's id
     * @param check says why a value would be refused, without changing anything
     * @param commit applies the value; says why it was refused, if it was
     */
    SheetItem(String key, String category, String label, String description, Type type, Object initial,
              Function<Object, Optional<String>> check, Function<Object, Optional<String>> commit, boolean editable) {
        this.key = Objects.requireNonNull(key, "key");
        this.category = category;
        this.label = label;
        this.description = description;
        this.type = type;
        this.value = new SimpleObjectProperty<>(initial);
        this.check = check;
        this.commit = commit;
        this.editable = editable;
    }

    static SheetItem readOnly(String key, String category, String label, String description, Object value) {
        return new SheetItem(key, category, label, description, String.class, value,
                v -> Optional.empty(), v -> Optional.empty(), false);
    }

    String key() {
        return key;
    }

    Type genericType() {
        return type;
    }

    /** The value as the flow has it now; the panel updates it after every edit. */
    ObjectProperty<Object> valueProperty() {
        return value;
    }

    Optional<String> check(Object candidate) {
        return check.apply(candidate);
    }

    Optional<String> commit(Object newValue) {
        if (Objects.equals(newValue, value.get())) {
            return Optional.empty();
        }
        return commit.apply(newValue);
    }

    @Override
    public Class<?> getType() {
        return ValueText.rawClass(type);
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return label;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object newValue) {
        commit(newValue);
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(value);
    }

    @Override
    public boolean isEditable() {
        return editable;
    }
}
