// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Copies a record with one component changed, going through the canonical constructor so the
 * record's own checks run. This is how the property sheet and commands edit immutable nodes
 * without one hand-written "wither" per property.
 */
public final class RecordCopy {
    private RecordCopy() {
    }

    /** The names of the record's components, in declaration order. */
    public static List<String> components(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    /** The current value of a component. */
    public static Object get(Record record, String component) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(component)) {
                try {
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no property '" + component + "' on " + record.getClass().getSimpleName());
    }

    /**
     * A copy of {@code record} with {@code component} set to {@code value}.
     *
     * @throws InvalidPropertyException when the record refuses the value
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R record, String component, Object value) {
        Objects.requireNonNull(record, "record");
        RecordComponent[] comps = record.getClass().getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        boolean found = false;
        try {
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                if (comps[i].getName().equals(component)) {
                    args[i] = value;
                    found = true;
                } else {
                    args[i] = comps[i].getAccessor().invoke(record);
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no property '" + component + "' on " + record.getClass().getSimpleName());
            }
            Constructor<?> ctor = record.getClass().getDeclaredConstructor(types);
            return (R) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidPropertyException ipe) {
                throw ipe;
            }
            // The model's own refusals (a distribution's, say) are sentences; anything else is not for people.
            if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                throw new InvalidPropertyException(component, iae.getMessage());
            }
            throw new InvalidPropertyException(component, "cannot take the value " + shown(value));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException iae && !(e.getCause() instanceof ReflectiveOperationException)
                    && iae.getMessage() != null && iae.getMessage().startsWith("no property")) {
                throw iae;
            }
            throw new InvalidPropertyException(component, "cannot take the value " + shown(value));
        }
    }

    private static String shown(Object value) {
        String s = String.valueOf(value);
        return TerminalText.escape(s.length() > 40 ? s.substring(0, 37) + "..." : s);
    }
}
