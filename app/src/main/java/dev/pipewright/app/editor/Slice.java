// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.editor;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanPropertyBase;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerPropertyBase;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectPropertyBase;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringPropertyBase;
import javafx.beans.value.ObservableValue;

/**
 * Read-only properties that each show one part of a state value kept in one property. A part is
 * read from the state every time, never cached, so a listener of one part that reads another part
 * of the same state sees the whole new state: no observer can see half of a change. (Bindings made
 * with {@code map} cache their value: one of them still holds the old value while another's
 * listeners run.) A part fires only when its own value changes. Create each once and keep it.
 */
public final class Slice {
    private Slice() {
    }

    public static <S, T> ReadOnlyObjectProperty<T> of(ObservableValue<S> state, String name, Function<S, T> part) {
        ObjectSlice<S, T> slice = new ObjectSlice<>(state, name, part);
        state.addListener((obs, old, now) -> {
            if (part.apply(old) != part.apply(now)) { // as a property: a new object fires, listeners then compare
                slice.changed();
            }
        });
        return slice;
    }

    public static <S> ReadOnlyBooleanProperty ofBoolean(ObservableValue<S> state, String name, Predicate<S> part) {
        BooleanSlice<S> slice = new BooleanSlice<>(state, name, part);
        state.addListener((obs, old, now) -> {
            if (part.test(old) != part.test(now)) {
                slice.changed();
            }
        });
        return slice;
    }

    public static <S> ReadOnlyStringProperty ofString(ObservableValue<S> state, String name, Function<S, String> part) {
        StringSlice<S> slice = new StringSlice<>(state, name, part);
        state.addListener((obs, old, now) -> {
            if (!Objects.equals(part.apply(old), part.apply(now))) {
                slice.changed();
            }
        });
        return slice;
    }

    public static <S> ReadOnlyIntegerProperty ofInt(ObservableValue<S> state, String name, ToIntFunction<S> part) {
        IntSlice<S> slice = new IntSlice<>(state, name, part);
        state.addListener((obs, old, now) -> {
            if (part.applyAsInt(old) != part.applyAsInt(now)) {
                slice.changed();
            }
        });
        return slice;
    }

    private static final class ObjectSlice<S, T> extends ReadOnlyObjectPropertyBase<T> {
        private final ObservableValue<S> state;
        private final String name;
        private final Function<S, T> part;

        ObjectSlice(ObservableValue<S> state, String name, Function<S, T> part) {
            this.state = Objects.requireNonNull(state, "state");
            this.name = name;
            this.part = Objects.requireNonNull(part, "part");
        }

        void changed() {
            fireValueChangedEvent();
        }

        @Override
        public T get() {
            return part.apply(state.getValue());
        }

        @Override
        public Object getBean() {
            return null;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private static final class BooleanSlice<S> extends ReadOnlyBooleanPropertyBase {
        private final ObservableValue<S> state;
        private final String name;
        private final Predicate<S> part;

        BooleanSlice(ObservableValue<S> state, String name, Predicate<S> part) {
            this.state = Objects.requireNonNull(state, "state");
            this.name = name;
            this.part = Objects.requireNonNull(part, "part");
        }

        void changed() {
            fireValueChangedEvent();
        }

        @Override
        public boolean get() {
            return part.test(state.getValue());
        }

        @Override
        public Object getBean() {
            return null;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private static final class StringSlice<S> extends ReadOnlyStringPropertyBase {
        private final ObservableValue<S> state;
        private final String name;
        private final Function<S, String> part;

        StringSlice(ObservableValue<S> state, String name, Function<S, String> part) {
            this.state = Objects.requireNonNull(state, "state");
            this.name = name;
            this.part = Objects.requireNonNull(part, "part");
        }

        void changed() {
            fireValueChangedEvent();
        }

        @Override
        public String get() {
            return part.apply(state.getValue());
        }

        @Override
        public Object getBean() {
            return null;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private static final class IntSlice<S> extends ReadOnlyIntegerPropertyBase {
        private final ObservableValue<S> state;
        private final String name;
        private final ToIntFunction<S> part;

        IntSlice(ObservableValue<S> state, String name, ToIntFunction<S> part) {
            this.state = Objects.requireNonNull(state, "state");
            this.name = name;
            this.part = Objects.requireNonNull(part, "part");
        }

        void changed() {
            fireValueChangedEvent();
        }

        @Override
        public int get() {
            return part.applyAsInt(state.getValue());
        }

        @Override
        public Object getBean() {
            return null;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
