// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Durations;
import dev.pipewright.model.InvalidPropertyException;
import dev.pipewright.model.TerminalText;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the model's records into JSON trees and back, property by property, in the order of the
 * record's components. It knows exactly the value types the model uses (text, numbers, booleans,
 * durations, distributions, enums, nested records, lists and maps), so it never builds a class a
 * file names: there is no default typing, and the records carry no Jackson annotations.
 */
final class RecordCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RecordCodec() {
    }

    /** The record as a JSON object, one property per component, nulls included. */
    static ObjectNode encode(Record record) {
        ObjectNode o = F.objectNode();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                o.set(c.getName(), encodeValue(c.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
        }
        return o;
    }

    private static JsonNode encodeValue(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case String s -> F.textNode(s);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Double d -> F.numberNode(d);
            case Boolean b -> F.booleanNode(b);
            case Duration d -> F.textNode(Durations.format(d));
            case Distribution d -> F.textNode(d.toString());
            case Enum<?> e -> F.textNode(enumWord(e));
            case Record r -> encode(r);
            case List<?> list -> {
                ArrayNode a = F.arrayNode();
                list.forEach(item -> a.add(encodeValue(item)));
                yield a;
            }
            case Map<?, ?> map -> {
                ObjectNode o = F.objectNode();
                map.forEach((k, val) -> o.set(String.valueOf(k), encodeValue(val)));
                yield o;
            }
            default -> throw new IllegalStateException("no file form for " + v.getClass().getSimpleName());
        };
    }

    /** An enum constant as written in files: lower-kebab-case ({@code DROP_HEAD} is {@code drop-head}). */
    static String enumWord(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Builds a record of {@code type} from a JSON object through its canonical constructor, so the
     * record's own checks run. Missing properties are null (or zero and false for primitives).
     *
     * @param pointer JSON pointer of {@code json}, for error places
     * @param label how the object is named in messages (empty for a node's own properties)
     * @throws ReadProblem naming the property at fault
     */
    static <R extends Record> R decode(JsonNode json, Class<R> type, String pointer, String label) {
        if (!json.isObject()) {
            throw new ReadProblem(pointer, subject(label) + " must be an object {...} (was " + shown(json) + ")");
        }
        RecordComponent[] comps = type.getRecordComponents();
        List<String> names = new ArrayList<>();
        for (RecordComponent c : comps) {
            names.add(c.getName());
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new ReadProblem(pointer + "/" + LocatedJson.escape(name), "unknown property '" + named(join(label, name))
                        + "'; known properties are " + String.join(", ", names));
            }
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            JsonNode value = json.get(c.getName());
            args[i] = decodeValue(value == null ? F.missingNode() : value, c.getGenericType(),
                    pointer + "/" + c.getName(), join(label, c.getName()));
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidPropertyException ipe) {
                String property = ipe.property();
                String reason = ipe.getMessage().startsWith(property + ": ")
                        ? ipe.getMessage().substring(property.length() + 2) : ipe.getMessage();
                // A nested record names its property from the node ("crashes.at"); the label already says "crashes[0]".
                String leaf = label.isEmpty() ? property : property.substring(property.lastIndexOf('.') + 1);
                boolean wholeRecord = !label.isEmpty() && label.replaceAll("\\[\\d+]$", "").endsWith(leaf);
                String where = label.isEmpty() && property.contains(".")
                        ? property.substring(0, property.indexOf('.')) : leaf;
                throw new ReadProblem(wholeRecord ? pointer : pointer + "/" + where,
                        propertyProblem(wholeRecord ? label : join(label, leaf), reason));
            }
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new ReadProblem(pointer, subject(label) + ": " + iae.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object decodeValue(JsonNode v, Type type, String pointer, String label) {
        boolean absent = v.isMissingNode() || v.isNull();
        if (type instanceof ParameterizedType pt) {
            if (absent) {
                return null;
            }
            Type raw = pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (raw == List.class) {
                if (!v.isArray()) {
                    throw new ReadProblem(pointer, propertyProblem(label, "must be a list [...] (was " + shown(v) + ")"));
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    Object item = decodeValue(v.get(i), args[0], pointer + "/" + i, label + "[" + i + "]");
                    if (item == null) {
                        throw new ReadProblem(pointer + "/" + i, propertyProblem(label + "[" + i + "]", "must have a value"));
                    }
                    out.add(item);
                }
                return out;
            }
            if (raw == Map.class) {
                if (!v.isObject()) {
                    throw new ReadProblem(pointer, propertyProblem(label, "must be an object {...} (was " + shown(v) + ")"));
                }
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    String childPointer = pointer + "/" + LocatedJson.escape(e.getKey());
                    Object key = args[0] == Integer.class ? intKey(e.getKey(), childPointer, label) : e.getKey();
                    Object value = decodeValue(e.getValue(), args[1], childPointer, label + "." + e.getKey());
                    if (value == null) {
                        throw new ReadProblem(childPointer, propertyProblem(label + "." + e.getKey(), "must have a value"));
                    }
                    out.put(key, value);
                }
                return out;
            }
            throw new IllegalStateException("no file form for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (absent) {
            if (c == int.class || c == long.class) {
                return c == int.class ? (Object) 0 : (Object) 0L;
            }
            if (c == double.class) {
                return 0.0;
            }
            if (c == boolean.class) {
                return false;
            }
            return null;
        }
        if (c == String.class) {
            return text(v, pointer, label, "text in quotes");
        }
        if (c == int.class || c == Integer.class) {
            whole(v, pointer, label, v.canConvertToInt(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            return v.asInt();
        }
        if (c == long.class || c == Long.class) {
            whole(v, pointer, label, v.canConvertToLong(), Long.MIN_VALUE, Long.MAX_VALUE);
            return v.asLong();
        }
        if (c == double.class || c == Double.class) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new ReadProblem(pointer, propertyProblem(label, "must be a number (was " + shown(v) + ")"));
            }
            return v.asDouble();
        }
        if (c == boolean.class || c == Boolean.class) {
            if (!v.isBoolean()) {
                throw new ReadProblem(pointer, propertyProblem(label, "must be true or false (was " + shown(v) + ")"));
            }
            return v.asBoolean();
        }
        if (c == Duration.class) {
            String s = text(v, pointer, label, "a duration in quotes, e.g. \"250ms\"");
            try {
                return Durations.parse(s);
            } catch (IllegalArgumentException e) {
                throw new ReadProblem(pointer, propertyProblem(label, e.getMessage()));
            }
        }
        if (c == Distribution.class) {
            String s = text(v, pointer, label, "a distribution in quotes, e.g. \"exp(20ms)\"");
            try {
                return Distribution.parse(s);
            } catch (IllegalArgumentException e) {
                throw new ReadProblem(pointer, propertyProblem(label, e.getMessage()));
            }
        }
        if (c.isEnum()) {
            return enumValue(c, text(v, pointer, label, "text in quotes"), pointer, label);
        }
        if (c.isRecord()) {
            return decode(v, c.asSubclass(Record.class), pointer, label);
        }
        throw new IllegalStateException("no file form for " + c.getSimpleName());
    }

    /** The constant of {@code type} written as {@code word}, ignoring case and '-' versus '_'. */
    static Object enumValue(Class<?> type, String word, String pointer, String label) {
        String wanted = word.trim().replace('-', '_');
        List<String> words = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            Enum<?> e = (Enum<?>) constant;
            if (e.name().equalsIgnoreCase(wanted)) {
                return e;
            }
            words.add(enumWord(e));
        }
        throw new ReadProblem(pointer, propertyProblem(label, "must be one of " + String.join(", ", words)
                + " (was " + quoted(word) + ")"));
    }

    /** The keys of the one map with number keys, a source's priority mix. */
    private static Integer intKey(String key, String pointer, String label) {
        String digits = key.trim();
        if (!digits.matches("-?\\d{1,9}")) {
            throw new ReadProblem(pointer, propertyProblem(label, "keys must be priorities, whole numbers from 0 to 255"
                    + " (was " + quoted(key) + ")"));
        }
        return Integer.valueOf(digits);
    }

    /** Refuses anything but a whole number that fits the property's Java type, saying which range fits. */
    private static void whole(JsonNode v, String pointer, String label, boolean fits, long min, long max) {
        if (!v.isNumber() || !isWhole(v)) {
            throw new ReadProblem(pointer, propertyProblem(label, "must be a whole number (was " + shown(v) + ")"));
        }
        if (!fits) {
            throw new ReadProblem(pointer, propertyProblem(label, String.format(Locale.ROOT,
                    "must be a whole number from %,d to %,d (was %s)", min, max, shown(v))));
        }
    }

    private static String text(JsonNode v, String pointer, String label, String what) {
        if (!v.isTextual()) {
            throw new ReadProblem(pointer, propertyProblem(label, "must be " + what + " (was " + shown(v) + ")"));
        }
        return v.asText();
    }

    private static boolean isWhole(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        double d = v.asDouble();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    /** "property 'x' must be ..." or "property 'x': reason". */
    static String propertyProblem(String label, String reason) {
        boolean verb = reason.startsWith("must ") || reason.startsWith("is ") || reason.startsWith("may ");
        return "property '" + named(label) + "'" + (verb ? " " : ": ") + reason;
    }

    /** A property name or path from the file as a message shows it: cut short, control characters escaped. */
    static String named(String name) {
        return TerminalText.escape(name.length() > 60 ? name.substring(0, 57) + "..." : name);
    }

    private static String subject(String label) {
        return label.isEmpty() ? "a node" : "property '" + label + "'";
    }

    private static String join(String label, String name) {
        return label.isEmpty() ? name : label + "." + name;
    }

    /** A JSON value as a person would recognise it in the file, shortened. */
    static String shown(JsonNode v) {
        if (v.isTextual()) {
            return quoted(v.asText());
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    static String quoted(String s) {
        return "\"" + TerminalText.escape(s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
    }
}
