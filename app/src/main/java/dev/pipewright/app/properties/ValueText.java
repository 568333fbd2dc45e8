// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Durations;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.ScriptedMessage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns property values into the text a person edits and back. Maps are written
 * {@code key=value, k2=v2}, lists {@code a, b}, durations {@code 250ms}, distributions
 * {@code exp(20ms)}. An empty text means "none" for the properties that may be empty.
 * Parsing throws {@link IllegalArgumentException} with a message that says what to write.
 */
public final class ValueText {
    private ValueText() {
    }

    /** The text shown for a value. */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof Double d) {
            return formatNumber(d);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder();
            map.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(format(k)).append('=').append(format(v)));
            return out.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            list.forEach(item -> out.append(out.isEmpty() ? "" : ", ").append(format(item)));
            return out.toString();
        }
        if (value instanceof Consumer.Crash crash) {
            return Durations.format(crash.at()) + " #" + crash.instance()
                    + (crash.downFor() == null ? "" : " for " + Durations.format(crash.downFor()));
        }
        if (value instanceof Endpoint.DownWindow window) {
            return Durations.format(window.from()) + " to " + Durations.format(window.until());
        }
        if (value instanceof ScriptedMessage m) {
            StringBuilder out = new StringBuilder(Durations.format(m.at()));
            if (m.id() != null) {
                out.append(' ').append(m.id());
            }
            if (m.key() != null) {
                out.append(" key=").append(m.key());
            }
            if (m.priority() != null) {
                out.append(" priority=").append(m.priority());
            }
            if (m.ttl() != null) {
                out.append(" ttl=").append(Durations.format(m.ttl()));
            }
            if (m.delay() != null) {
                out.append(" delay=").append(Durations.format(m.delay()));
            }
            m.headers().forEach((k, v) -> out.append(" h.").append(k).append('=').append(v));
            return out.toString();
        }
        return value.toString();
    }

    /**
     * A hint for the empty field of property {@code name}: what its text should look like. A text
     * of a set form (an address) has its own; the rest have their type's.
     */
    public static String prompt(String name, Type type) {
        if (name.equals("pushEndpoint")) {
            return "https://push.example.com/orders (empty: pull)";
        }
        return prompt(type);
    }

    /** A hint for an empty field of {@code type}: what the text should look like. */
    public static String prompt(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == Duration.class) {
            return "e.g. 250ms, 2s, 5m";
        }
        if (raw == Distribution.class) {
            return "e.g. exp(20ms), uniform(5ms, 15ms)";
        }
        if (raw == Map.class) {
            return "key=value, key2=value2";
        }
        if (raw == List.class) {
            Class<?> item = rawClass(typeArgument(type, 0));
            if (item == Consumer.Crash.class) {
                return "30s #0 for 10s, 1m #1";
            }
            if (item == Endpoint.DownWindow.class) {
                return "10s to 20s, 1m to 2m";
            }
            if (item == ScriptedMessage.class) {
                return "1s m1 key=eu priority=5 ttl=2s delay=500ms h.tenant=acme, 2s m2";
            }
            return "a, b, c";
        }
        if (raw == Integer.class || raw == Long.class) {
            return "none";
        }
        return "";
    }

    /**
     * Parses text into a value of {@code type}.
     *
     * @throws IllegalArgumentException saying what form is expected
     */
    public static Object parse(String text, Type type) {
        Objects.requireNonNull(type, "type");
        String t = text == null ? "" : text.strip();
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return t.isEmpty() ? null : t;
        }
        if (raw == int.class) {
            return parseInt(t);
        }
        if (raw == Integer.class) {
            return t.isEmpty() ? null : parseInt(t);
        }
        if (raw == long.class || raw == Long.class) {
            if (t.isEmpty() && raw == Long.class) {
                return null;
            }
            try {
                return Long.parseLong(t.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' is not a whole number");
            }
        }
        if (raw == double.class || raw == Double.class) {
            return parseDouble(t);
        }
        if (raw == Duration.class) {
            return t.isEmpty() ? null : Durations.parse(t);
        }
        if (raw == Distribution.class) {
            return Distribution.parse(t);
        }
        if (raw == Map.class) {
            return parseMap(t, typeArgument(type, 0), typeArgument(type, 1));
        }
        if (raw == List.class) {
            return parseList(t, typeArgument(type, 0));
        }
        throw new IllegalArgumentException("values of type " + raw.getSimpleName() + " cannot be typed in");
    }

    /** True for the types {@link #parse} reads from text. */
    public static boolean isTextual(Type type) {
        Class<?> raw = rawClass(type);
        return raw == String.class || raw == int.class || raw == Integer.class || raw == long.class
                || raw == Long.class || raw == double.class || raw == Double.class || raw == Duration.class
                || raw == Distribution.class || raw == Map.class || raw == List.class;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : String.class;
    }

    private static int parseInt(String t) {
        try {
            return Integer.parseInt(t.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(t.isEmpty() ? "a whole number is required" : "'" + t + "' is not a whole number");
        }
    }

    private static double parseDouble(String t) {
        try {
            double d = Double.parseDouble(t.replace("_", ""));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(t.isEmpty() ? "a number is required" : "'" + t + "' is not a number");
        }
    }

    private static Map<Object, Object> parseMap(String t, Type keyType, Type valueType) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (t.isEmpty()) {
            return map;
        }
        for (String part : t.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not key=value; write entries as key=value, separated by commas");
            }
            Object key = parse(entry.substring(0, eq), keyType);
            Object value = parse(entry.substring(eq + 1), valueType);
            if (key == null) {
                throw new IllegalArgumentException("an entry has an empty key; write entries as key=value");
            }
            map.put(key, value == null ? "" : value);
        }
        return map;
    }

    private static List<Object> parseList(String t, Type itemType) {
        List<Object> list = new ArrayList<>();
        if (t.isEmpty()) {
            return list;
        }
        Class<?> item = rawClass(itemType);
        for (String part : t.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (item == Consumer.Crash.class) {
                list.add(parseCrash(s));
            } else if (item == Endpoint.DownWindow.class) {
                list.add(parseWindow(s));
            } else if (item == ScriptedMessage.class) {
                list.add(parseScripted(s));
            } else {
                list.add(parse(s, itemType));
            }
        }
        return list;
    }

    private static Consumer.Crash parseCrash(String s) {
        String help = "write a crash as '30s #0' or '30s #0 for 10s' (time, instance, how long it stays down)";
        String[] words = s.split("\\s+");
        if ((words.length != 2 && words.length != 4) || !words[1].startsWith("#")
                || (words.length == 4 && !words[2].equals("for"))) {
            throw new IllegalArgumentException("'" + s + "' is not a crash; " + help);
        }
        Duration at = Durations.parse(words[0]);
        int instance = parseInt(words[1].substring(1));
        Duration downFor = words.length == 4 ? Durations.parse(words[3]) : null;
        return new Consumer.Crash(at, instance, downFor);
    }

    /** {@code 1s m1 key=eu priority=5 ttl=2s delay=500ms h.tenant=acme}: the time first, then any of the rest. */
    private static ScriptedMessage parseScripted(String s) {
        String help = "write a message as '1s m1 key=eu priority=5 ttl=2s delay=500ms h.tenant=acme'"
                + " (the time, then any of an id, key=, priority=, ttl=, delay= and h.HEADER=)";
        String[] words = s.split("\\s+");
        Duration at;
        try {
            at = Durations.parse(words[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' does not start with a time; " + help);
        }
        String id = null;
        String key = null;
        Integer priority = null;
        Duration ttl = null;
        Duration delay = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            if (eq < 0) {
                if (id != null) {
                    throw new IllegalArgumentException("'" + s + "' has two ids ('" + id + "', '" + w + "'); " + help);
                }
                id = w;
                continue;
            }
            String name = w.substring(0, eq);
            String value = w.substring(eq + 1);
            switch (name) {
                case "key" -> key = value;
                case "priority" -> priority = parseInt(value);
                case "ttl" -> ttl = Durations.parse(value);
                case "delay" -> delay = Durations.parse(value);
                default -> {
                    if (!name.startsWith("h.") || name.length() == 2) {
                        throw new IllegalArgumentException("'" + s + "' has '" + name + "=', which is not a part of"
                                + " a message; " + help);
                    }
                    headers.put(name.substring(2), value);
                }
            }
        }
        return new ScriptedMessage(at, id, key, priority, headers, ttl, delay);
    }

    private static Endpoint.DownWindow parseWindow(String s) {
        String[] words = s.split("\\s+to\\s+");
        if (words.length != 2) {
            throw new IllegalArgumentException("'" + s + "' is not a down window; write it as '10s to 20s'");
        }
        return new Endpoint.DownWindow(Durations.parse(words[0]), Durations.parse(words[1]));
    }

    private static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
