// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.editor;

import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanPropertyBase;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerPropertyBase;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectPropertyBase;
import javafx.beans.property.ReadOnlyProperty;
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
        // As a property: a new object fires, listeners then compare.
        return new ObjectSlice<>(new Part<>(state, name, part, (a, b) -> a == b));
    }

    public static <S> ReadOnlyBooleanProperty ofBoolean(ObservableValue<S> state, String name, Predicate<S> part) {
        Objects.requireNonNull(part, "part");
        return new BooleanSlice<>(new Part<>(state, name, part::test, Objects::equals));
    }

    public static <S> ReadOnlyStringProperty ofString(ObservableValue<S> state, String name, Function<S, String> part) {
        return new StringSlice<>(new Part<>(state, name, part, Objects::equals));
    }

    public static <S> ReadOnlyIntegerProperty ofInt(ObservableValue<S> state, String name, ToIntFunction<S> part) {
        Objects.requireNonNull(part, "part");
        return new IntSlice<>(new Part<>(state, name, part::applyAsInt, Objects::equals));
    }

    /**
     * What every slice keeps: the state, its name and how to read its part from a state; and the
     * one listener on the state that fires the slice when its part is not the same in the new state.
     */
    private record Part<S, T>(ObservableValue<S> state, String name, Function<S, T> read, BiPredicate<T, T> same) {
        Part {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(read, "part");
        }

        T value() {
            return read.apply(state.getValue());
        }

        void fireOnChange(Runnable fire) {
            state.addListener((obs, old, now) -> {
                if (!same.test(read.apply(old), read.apply(now))) {
                    fire.run();
                }
            });
        }
    }

    /** What every type of slice has the same: no bean, the part's name. */
    private interface Named<T> extends ReadOnlyProperty<T> {
        Part<?, ?> part();

        @Override
        default Object getBean() {
            return null;
        }

        @Override
        default String getName() {
            return part().name();
        }
    }

    private static final class ObjectSlice<S, T> extends ReadOnlyObjectPropertyBase<T> implements Named<T> {
        private final Part<S, T> part;

        ObjectSlice(Part<S, T> part) {
            this.part = part;
            part.fireOnChange(this::fireValueChangedEvent);
        }

        @Override
        public Part<S, T> part() {
            return part;
        }

        @Override
        public T get() {
            return part.value();
        }
    }

    private static final class BooleanSlice<S> extends ReadOnlyBooleanPropertyBase implements Named<Boolean> {
        private final Part<S, Boolean> part;

        BooleanSlice(Part<S, Boolean> part) {
            this.part = part;
            part.fireOnChange(this::fireValueChangedEvent);
        }

        @Override
        public Part<S, Boolean> part() {
            return part;
        }

        @Override
        public boolean get() {
            return part.value();
        }
    }

    private static final class StringSlice<S> extends ReadOnlyStringPropertyBase implements Named<String> {
        private final Part<S, String> part;

        StringSlice(Part<S, String> part) {
            this.part = part;
            part.fireOnChange(this::fireValueChangedEvent);
        }

        @Override
        public Part<S, String> part() {
            return part;
        }

        @Override
        public String get() {
            return part.value();
        }
    }

    private static final class IntSlice<S> extends ReadOnlyIntegerPropertyBase implements Named<Number> {
        private final Part<S, Integer> part;

        IntSlice(Part<S, Integer> part) {
            this.part = part;
            part.fireOnChange(this::fireValueChangedEvent);
        }

        @Override
        public Part<S, Integer> part() {
            return part;
        }

        @Override
        public int get() {
            return part.value();
        }
    }
}
